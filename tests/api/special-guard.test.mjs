// The data-level counterpart of matrix.test.mjs: with real records that carry every kind of
// special data (disability, chronic illness, PPKS evidence, children, NIK/No. KK, ground-check
// answers and photos, proposals, duplicate pairs, offline sync, imports, exports, search, the
// entry check, dashboards, events) in three areas — kecamatan 36.71.01 (A), kecamatan 36.71.02
// (B, same kota) and kota 36.72 (C) —
//   1. every GET operation of /api/openapi.json (and the POSTs that hand data out: sync, the
//      entry check, the proposals' upload file), called by every role with ids that exist, shows
//      no special value and no full NIK/No. KK unless the request asked for it (khusus=ya /
//      buka=ya), the role may, and an audit entry was written — or the operation discloses them
//      by design (BY_DESIGN, audited too). JSON is read as text and by its keys, CSV as text,
//      XLSX through unzip, PDF through pdftotext (Debian tools; no XLSX/PDF reader is an npm
//      dependency here);
//   2. every operation that takes a record id in its path, called with another area's real id
//      (writes with a body that passes validation, BODIES), answers 404 — 403 only where that is
//      the documented answer (DOCUMENTED_403) — and writes nothing (no audit entry by the caller,
//      the records unchanged); the same read by the area's own account finds the record;
//   3. every filter naming a region, record or number, given another area's, shows nothing of it;
//   4. every write without a path id that names records or regions in its body refuses another
//      area's and writes nothing; every write naming a region (a wilayah code) outside the caller's
//      area answers 403 at that field, one status for all of them (REGION_WRITES, docs/api.md);
//   5. refusals and conflicts quote no full number and no special data; ground-check answers
//      refuse special data; every write made to set the records up lands in the audit trail, and
//      every file that is an audited act (AUDITED_READS) writes its entry on each download.
// The walks are driven by the OpenAPI document: an operation that is neither walked nor listed
// (NOT_WALKED, NOT_SCOPED, NO_REFS, DOCUMENTED_403, REGION_NOT_SCOPE, with the reason) fails the test, so a new endpoint is covered
// or explained. One server, one data directory, sessions reused.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { KECAMATAN, KELURAHAN, KOTA, PASSWORD, ROLE_USERS, activePilar, api, login, pilarOk, setupDataDir, startServer, waitFor } from './helpers.mjs';

const KOTA2 = '36.72';
const KEL_B = '36.71.02.1001';
const KEL_C = '36.72.01.1001';
const GPS = { lat: -6.1781, lon: 106.6319 };
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n% berita acara musyawarah kelurahan\n');
const TODAY = new Date().toISOString().slice(0, 10);

// The areas, each with its own field workers and office. Roles of kota 36.71 are ROLE_USERS
// (psm of A's RW 001, tksk of A's kecamatan); B and C have their own.
const AREAS = {
  A: { kel: KELURAHAN, kec: KECAMATAN, psm: 'psm', tksk: 'tksk', operator: 'operator', kepala: 'kepala', admin: 'admin' },
  B: { kel: KEL_B, kec: '36.71.02', psm: 'psm-b', tksk: 'tksk-b', operator: 'operator', kepala: 'kepala', admin: 'admin' },
  C: { kel: KEL_C, kec: '36.72.01', psm: 'psm-c', tksk: 'tksk-c', operator: 'operator72', kepala: 'kepala72', admin: 'admin72' },
};
for (const a of Object.values(AREAS)) {
  a.rw = `${a.kel}.001`;
  a.nik6 = a.kec.replaceAll('.', '');
}
const EXTRA_USERS = [
  { username: 'psm-b', role: 'psm', wilayah: AREAS.B.rw },
  { username: 'tksk-b', role: 'tksk', wilayah: AREAS.B.kec },
];
const USERS_C = [
  { username: 'psm-c', role: 'psm', wilayah: AREAS.C.rw },
  { username: 'tksk-c', role: 'tksk', wilayah: AREAS.C.kec },
  { username: 'operator72', role: 'operator', wilayah: KOTA2 },
  { username: 'kepala72', role: 'kepala', wilayah: KOTA2 },
  { username: 'admin72', role: 'admin', wilayah: KOTA2 },
];

// What counts as special data (docs/privacy.md): disability, chronic illness, PPKS evidence.
// PPKS categories themselves are the field workers' working list, shown without an audit entry.
const SPECIAL_KEYS = new Set(['disabilitas', 'disabilitas_jenis', 'disabilitas_tingkat', 'penyakit_kronis', 'bukti']);
const bukti = (area) => `Surat keterangan RS nomor BUKTI-RAHASIA-${area}`;
const SPECIAL_TEXT = [/sensorik_netra/i, /sensorik netra/i, /gagal_ginjal/i, /gagal ginjal/i, /BUKTI-RAHASIA/];
// A full NIK / No. KK: 16 digits standing alone (not a run inside a hex hash or a decimal).
const SIXTEEN = /(?<![0-9a-zA-Z.])\d{16}(?![0-9a-zA-Z.])/;
// What the history shows in place of a changed special field (access/audit: stored encrypted).
const MARKER = '(data khusus)';

// Operations whose answer holds full identity numbers or special data by design, each audited.
const BY_DESIGN = {
  'GET /api/v1/usulan/ekspor': 'the national upload (docs/formats.md): full NIK/No. KK, operator only, audited usulan.ekspor_unggah',
  'GET /api/v1/anggota/{id}/data-pribadi': 'the data subject\'s copy (docs/privacy.md): full NIK and special data, operator only, audited anggota.ekspor_subjek',
};
// The audit entries that record a view of special data, and of full identity numbers.
const VIEWED_SPECIAL = new Set(['anggota.view_special', 'registry.export', 'anggota.ekspor_subjek']);
const VIEWED_NUMBERS = new Set([...VIEWED_SPECIAL, 'anggota.unmask', 'keluarga.unmask', 'usulan.ekspor_unggah']);
// Reads that are an audited act whatever they hold (docs/privacy.md: attachments, activity photos,
// exports): every answer 200 that is a file (a JSON list is not one) writes an entry of this action.
const AUDITED_READS = {
  'GET /api/v1/lampiran/{id}': 'lampiran.lihat',
  'GET /api/v1/foto-kegiatan/{id}': 'laporan_kegiatan.foto_lihat',
  'GET /api/v1/ekspor/{jenis}': 'registry.export',
  'GET /api/v1/usulan/ekspor': 'usulan.ekspor_unggah',
  'GET /api/v1/anggota/{id}/data-pribadi': 'anggota.ekspor_subjek',
  'GET /api/v1/rekap/ekspor': 'pilar_sosial.ekspor',
  'GET /api/v1/peringkat/ekspor': 'pilar_sosial.ekspor',
  'GET /api/v1/acara/{id}/hadir': 'acara.ekspor',
  'GET /api/v1/acara/{id}/kartu': 'acara.ekspor',
  'GET /api/v1/acara/{id}/sertifikat': 'acara.ekspor',
  'GET /api/v1/audit/export': 'audit.export',
};
// Reference data that names the special codes without being anyone's data: checked for NIKs only.
const CODE_LISTS = { 'GET /api/v1/registry/kosakata': 'the code lists (labels of disability and illness codes), nobody\'s data' };
// GET operations the data walk does not call, with the reason (none today).
const NOT_WALKED = {};
// Operations with a path id that the scope walk does not call with another area's id, and why.
const NOT_SCOPED = {
  'GET /api/v1/wilayah/{kode}': 'the region tree is public reference data (Kemendagri), readable by every role',
  'GET /api/v1/wilayah/{kode}/children': 'the region tree is public reference data (Kemendagri), readable by every role',
  'GET /api/v1/ekspor/{jenis}': '{jenis} is a kind, not a record; the rows are scoped (walked in the data walk)',
  'POST /api/v1/impor/{jenis}': '{jenis} is a kind, not a record; an import writes only inside the operator\'s scope (import.test.mjs)',
  'GET /api/v1/dasbor/{panel}': '{panel} is a panel id, not a record; the area comes from kode_wilayah (dashboard.test.mjs)',
};
// Data-returning POSTs, exercised by the data walk with their own bodies.
const DATA_POSTS = ['POST /api/v1/sync', 'POST /api/v1/anggota/cek-duplikat', 'POST /api/v1/usulan/ekspor'];

describe('special data and scope guard', () => {
  let data;
  let srv;
  const s = {};
  const ids = { A: {}, B: {}, C: {} };
  const nums = []; // every full NIK / No. KK registered
  let doc;
  let matrix;
  let tmp;

  const call = (method, p, who, body, headers) => api(srv, method, p, { session: s[who], body, headers });
  // A call that must succeed; a write must also land in the audit trail (the project's rule),
  // checked once the server and the sessions are up.
  let auditReady = false;
  async function ok(method, p, who, body, want = [200, 201]) {
    const audited = method !== 'GET' && auditReady;
    const seq = audited ? await newestSeq(who) : 0;
    const r = await call(method, p, who, body);
    assert.ok([].concat(want).includes(r.status), `${who} ${method} ${p}: ${r.status} ${r.text}`);
    if (audited) assert.ok((await entriesSince(who, seq)).length > 0, `${who} ${method} ${p} wrote no audit entry`);
    return r.json;
  }
  const upload = (who, query, bytes, type) =>
    api(srv, 'POST', `/api/v1/lampiran?${new URLSearchParams(query)}`, { session: s[who], body: bytes, headers: { 'content-type': type } });

  // One area's records: a household with a woman who has every special field, her child, a
  // near-duplicate of her, a proposal through to musyawarah with a photo, a ground-check list
  // answered with a photo, an activity report with a photo, a training event, a duplicate pair.
  async function populate(name) {
    const a = AREAS[name];
    const id = ids[name];
    const kk = `${a.nik6}010125${name === 'A' ? '0001' : name === 'B' ? '0002' : '0003'}`;
    const nikIbu = `${a.nik6}520375000${name === 'A' ? 1 : name === 'B' ? 2 : 3}`;
    const nikAnak = `${a.nik6}090816000${name === 'A' ? 4 : name === 'B' ? 5 : 6}`;
    nums.push(kk, nikIbu, nikAnak);
    id.keluarga = (await ok('POST', '/api/v1/keluarga', a.psm, {
      no_kk: kk, kode_wilayah: a.kel, rw: '001', rt: '002', alamat: `Jl. Kenari ${name}`, desil: 1, ...GPS,
    })).id;
    id.anggota = (await ok('POST', '/api/v1/anggota', a.psm, {
      keluarga_id: id.keluarga, nik: nikIbu, nama: `Sulastri Wahyuningsih ${name}`, jenis_kelamin: 'P', tanggal_lahir: '1975-03-12',
      tempat_lahir: 'Tangerang', hubungan: 'kepala_keluarga', disabilitas_jenis: 'sensorik_netra', disabilitas_tingkat: 'sedang',
      penyakit_kronis: 'gagal_ginjal;hiv', ppks: [9],
    })).id;
    const ppks = await ok('POST', `/api/v1/anggota/${id.anggota}/ppks`, a.psm, { ppks: 5, sejak: '2025-01-02', bukti: bukti(name) });
    id.ppks = ppks.id;
    id.anak = (await ok('POST', '/api/v1/anggota', a.psm, {
      keluarga_id: id.keluarga, nik: nikAnak, nama: `Bagus Pratama ${name}`, jenis_kelamin: 'L', tanggal_lahir: '2016-08-09',
      hubungan: 'anak', disabilitas_jenis: 'sensorik_netra', disabilitas_tingkat: 'berat', ppks: [1],
    })).id;
    // The same woman typed again without a NIK: the dedup run pairs them.
    id.kembar = (await ok('POST', '/api/v1/anggota', a.psm, {
      keluarga_id: id.keluarga, nama: `Sulastri Wahyuningsih ${name}`, jenis_kelamin: 'P', tanggal_lahir: '1975-03-12',
      tempat_lahir: 'Tangerang', hubungan: 'famili_lain',
    })).id;

    // A PPKS proposal walked to musyawarah, with a photo.
    let u = await ok('POST', '/api/v1/usulan', a.psm, { keluarga_id: id.keluarga, anggota_id: id.anggota, jenis: 'ppks', isi: { ppks: [5] } });
    id.usulan = u.id;
    const photo = await upload(a.psm, { pemilik: 'usulan', pemilik_id: u.id }, PNG, 'image/png');
    assert.equal(photo.status, 201, photo.text);
    id.lampiran = photo.json.id;
    await ok('POST', `/api/v1/usulan/${u.id}/transisi`, a.psm, { ke: 'diajukan' });
    await ok('POST', `/api/v1/usulan/${u.id}/transisi`, a.tksk, { ke: 'ditinjau' });
    u = await ok('POST', `/api/v1/usulan/${u.id}/transisi`, a.psm, { ke: 'diverifikasi', hasil_periksa: 1, ...GPS, jawaban: { catatan: 'rumah ada' } });
    const minutes = await upload(a.tksk, { pemilik: 'musyawarah', kode_wilayah: a.kel }, PDF, 'application/pdf');
    assert.equal(minutes.status, 201, minutes.text);
    id.notulen = minutes.json.id;
    id.musyawarah = (await ok('POST', '/api/v1/musyawarah', a.tksk, {
      nomor_berita_acara: `001/BA/${name}/2025`, tanggal: '2025-03-10', notulen_lampiran_id: minutes.json.id, usulan_ids: [u.id],
    })).id;
    // In A it is approved: the national upload then holds her (full numbers by design).
    if (name === 'A') await ok('POST', `/api/v1/usulan/${u.id}/transisi`, a.operator, { ke: 'disetujui' });
    // A second proposal left in draft, for the writes of the scope walk.
    id.usulanDraft = (await ok('POST', '/api/v1/usulan', a.psm, { keluarga_id: id.keluarga, jenis: 'perubahan', isi: { alamat: 'baru' } })).id;

    // A ground-check list over the area's kelurahan, assigned and answered with a photo.
    id.daftar = (await ok('POST', '/api/v1/daftar-periksa', a.operator, { nama: `Periksa ${name}`, kode_wilayah: a.kel })).id;
    await ok('POST', `/api/v1/daftar-periksa/${id.daftar}/bagi`, a.operator, {});
    const items = (await ok('GET', '/api/v1/periksa?saya=1', a.psm)).items;
    const item = items.find((i) => i.keluarga_id === id.keluarga);
    assert.ok(item, `${a.psm} has the ground-check item`);
    id.periksa = item.id;
    await ok('POST', `/api/v1/periksa/${item.id}/hasil`, a.psm, { version: item.version, hasil: 1, ...GPS, jawaban: { catatan: 'penghuni ada' } });
    const fotoPeriksa = await upload(a.psm, { pemilik: 'periksa', pemilik_id: item.id }, PNG, 'image/png');
    assert.equal(fotoPeriksa.status, 201, fotoPeriksa.text);
    id.lampiranPeriksa = fotoPeriksa.json.id;

    // The PSM on the roster, an activity report about the household with a photo.
    id.pilar = (await activePilar(srv, s[a.operator], { nama: `Petugas ${name}`, username: a.psm, wilayah: [a.rw], kode_wilayah: a.kel, ktp: a.kel })).id;
    id.laporan = (await ok('POST', '/api/v1/laporan-kegiatan', a.psm, {
      tanggal: TODAY, jenis: 'kunjungan_rumah', uraian: 'Kunjungan rumah', sasaran: [{ keluarga_id: id.keluarga, anggota_id: id.anggota }], ...GPS,
    })).id;
    const foto = await api(srv, 'POST', `/api/v1/laporan-kegiatan/${id.laporan}/foto`, { session: s[a.psm], body: PNG, headers: { 'content-type': 'image/png' } });
    assert.equal(foto.status, 201, foto.text);
    id.foto = foto.json.id;

    // A training event of the area with the PSM as participant.
    id.acara = (await ok('POST', '/api/v1/acara', a.operator, {
      judul: `Pembinaan ${name}`, jenis: 'pembinaan', tanggal_mulai: '2026-12-01', tanggal_selesai: '2026-12-01', tempat: 'Aula',
      kapasitas: 50, penyelenggara: 'Dinas Sosial', kode_wilayah: a.kel, status: 'dibuka',
    })).id;
    const ev = await ok('GET', `/api/v1/acara/${id.acara}`, a.operator);
    id.sesi = (ev.sesi ?? [])[0]?.id;
    id.peserta = (await ok('POST', `/api/v1/acara/${id.acara}/peserta`, a.operator, { username: a.psm })).id;
    // The PSM attends (the door reads their card), so a certificate and a door-prize draw exist.
    const card = (await ok('GET', '/api/v1/acara-saya', a.psm)).items.find((x) => x.id === id.acara).peserta;
    await ok('POST', `/api/v1/acara/${id.acara}/check-in`, a.operator, { kode: card.token, sesi_id: id.sesi, pintu: 'A' });
    await ok('POST', `/api/v1/acara/${id.acara}/sertifikat`, a.operator, {});
    id.undian = (await ok('POST', `/api/v1/acara/${id.acara}/undian`, a.operator, { hadiah: 'Kipas angin', jumlah: 1 })).id;
  }

  before(async () => {
    data = await setupDataDir();
    tmp = path.join(data.root, 'files');
    fs.mkdirSync(tmp);
    await pilarOk(['wilayah', 'load', KOTA2, '--data', data.dir]);
    await pilarOk(['wilayah', 'create', KEL_B, '1', '--data', data.dir]);
    await pilarOk(['wilayah', 'create', KEL_C, '1', '--data', data.dir]);
    for (const u of [...EXTRA_USERS, ...USERS_C])
      await pilarOk(['user', 'add', u.username, '--role', u.role, '--wilayah', u.wilayah, '--password-stdin', '--data', data.dir], { input: `${PASSWORD}\n` });
    srv = await startServer({ dataDir: data.dir, accessLog: path.join(data.root, 'access.log') });
    for (const u of [...ROLE_USERS, ...EXTRA_USERS, ...USERS_C]) s[u.username] = await login(srv, u.username);
    doc = (await api(srv, 'GET', '/api/openapi.json')).json;
    matrix = new Map();
    for (const line of (await pilarOk(['access', 'matrix'])).stdout.trim().split('\n')) {
      const [method, pattern, roles] = line.trim().split(/\s+/);
      matrix.set(`${method} ${pattern}`, roles.startsWith('(') ? 'public' : new Set(roles.split(',')));
    }
    auditReady = true;
    for (const name of Object.keys(AREAS)) await populate(name);
    // A duplicate-review run of each kota, and an import job of each kota's operator.
    await ok('POST', '/api/v1/duplikat/proses', 'operator', {});
    await ok('POST', '/api/v1/duplikat/proses', 'operator72', {});
    for (const name of Object.keys(AREAS)) {
      const pairs = (await ok('GET', '/api/v1/duplikat?status=semua&limit=200', AREAS[name].operator)).items;
      const pair = pairs.find((p) => [p.anggota_a, p.anggota_b].includes(ids[name].anggota));
      assert.ok(pair, `a duplicate pair in ${name}`);
      ids[name].duplikat = pair.id;
    }
    for (const [name, who, kota] of [['A', 'operator', KOTA], ['C', 'operator72', KOTA2]]) {
      const dir = path.join(tmp, `gen-${name}`);
      await pilarOk(['generate', '--households', '2', '--seed', '5', '--kota', kota, '--out', dir]);
      for (const jenis of ['keluarga', 'anggota']) {
        const r = await api(srv, 'POST', `/api/v1/impor/${jenis}`, { session: s[who], body: fs.readFileSync(path.join(dir, `${jenis}.csv`)), headers: { 'content-type': 'text/csv' } });
        assert.equal(r.status, 202, r.text);
        ids[name][`impor_${jenis}`] = r.json.id;
        const done = await waitFor(async () => !['menunggu', 'berjalan'].includes((await ok('GET', `/api/v1/impor/${jenis}/${r.json.id}`, who)).status),
          { timeoutMs: 60_000 });
        assert.ok(done, `the ${jenis} import of ${name} ended`);
      }
    }
    for (const name of Object.keys(AREAS)) ids[name].user = AREAS[name].psm;
  });

  after(async () => {
    await srv?.stop();
    data?.remove();
  });

  // ---------------------------------------------------------------------------------------------
  // Reading a response as text: XLSX through unzip (its shared strings and sheets), PDF through
  // pdftotext (both Debian tools, as the src/pdf tests use).
  function textOf(r) {
    const type = r.headers.get('content-type') ?? '';
    const bytes = r.bytes;
    if (type.includes('pdf') || bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
      const f = path.join(tmp, `${randomUUID()}.pdf`);
      fs.writeFileSync(f, bytes);
      try {
        return execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
      } finally {
        fs.rmSync(f);
      }
    }
    if (bytes.subarray(0, 2).toString('latin1') === 'PK') {
      const f = path.join(tmp, `${randomUUID()}.xlsx`);
      fs.writeFileSync(f, bytes);
      try {
        return execFileSync('unzip', ['-p', f, 'xl/*.xml'], { encoding: 'utf8', maxBuffer: 64 << 20 });
      } finally {
        fs.rmSync(f);
      }
    }
    return bytes.toString('utf8');
  }

  // What a body shows that it should not: full 16-digit numbers, special values as text, and
  // special keys with a value in JSON (at any depth).
  function leaksIn(text, key) {
    const found = [];
    const m = SIXTEEN.exec(text);
    if (m) found.push(`full number ${m[0]} in ‹${text.slice(Math.max(0, m.index - 80), m.index + 30)}›`);
    if (CODE_LISTS[key]) return found;
    for (const re of SPECIAL_TEXT) if (re.test(text)) found.push(`special text ${re}`);
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      return found;
    }
    const walk = (v, at) => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`));
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          const empty = x === null || x === '' || x === MARKER || (Array.isArray(x) && x.length === 0);
          if (SPECIAL_KEYS.has(k) && !empty) found.push(`special key ${at}.${k} = ${JSON.stringify(x).slice(0, 80)}`);
          else walk(x, `${at}.${k}`);
        }
    };
    walk(json, '$');
    return found;
  }

  async function raw(method, p, who, body, headers) {
    const h = { ...headers };
    if (who) h.cookie = s[who].cookie;
    if (who && method !== 'GET') h['x-csrf-token'] = s[who].csrf;
    let payload = body;
    if (body !== undefined && !(body instanceof Uint8Array) && typeof body !== 'string') {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(srv.url(p), { method, headers: h, body: payload, redirect: 'manual' });
    const bytes = Buffer.from(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, bytes };
  }

  const adminOf = (who) => (USERS_C.some((u) => u.username === who) ? 'admin72' : 'admin');
  async function newestSeq(who) {
    const r = await call('GET', `/api/v1/audit?actor=${encodeURIComponent(who)}&limit=1`, adminOf(who));
    assert.equal(r.status, 200, r.text);
    return r.json.items[0]?.seq ?? 0;
  }
  async function entriesSince(who, seq) {
    const r = await call('GET', `/api/v1/audit?actor=${encodeURIComponent(who)}&limit=500`, adminOf(who));
    assert.equal(r.status, 200, r.text);
    return r.json.items.filter((e) => e.seq > seq);
  }

  // The value of a path parameter for a record of `area`, by the resource the path names.
  function paramValue(pattern, name, area, dasborPanel) {
    const id = ids[area];
    const resource = pattern.split('/')[3];
    switch (name) {
      case 'username': return id.user;
      case 'kode': return AREAS[area].rw;
      case 'panel': return dasborPanel;
      case 'ppks_id': return id.ppks;
      case 'sesi_id': return id.sesi;
      case 'peserta_id': return id.peserta;
      case 'undian_id': return id.undian;
      case 'jenis': return 'anggota';
      case 'job': return id.impor_anggota;
      case 'id': {
        const byResource = {
          keluarga: id.keluarga, anggota: id.anggota, usulan: id.usulan, musyawarah: id.musyawarah, lampiran: id.lampiran,
          'daftar-periksa': id.daftar, periksa: id.periksa, acara: id.acara, duplikat: id.duplikat, 'pilar-sosial': id.pilar,
          'laporan-kegiatan': id.laporan, 'foto-kegiatan': id.foto,
        };
        return byResource[resource];
      }
      default: return undefined;
    }
  }
  const fill = (pattern, values) => pattern.replace(/\{(\w+)\}/g, (_, n) => encodeURIComponent(String(values(n))));

  // Extra queries per GET operation besides the plain call (the lists' modes that change what
  // they hold), and the formats an operation with a `format` parameter is asked for.
  const EXTRA_QUERIES = {
    'GET /api/v1/cari': ['q=Sulastri Wahyuningsih', 'q=Bagus Pratama'],
    'GET /api/v1/periksa': ['saya=1'],
    'GET /api/v1/usulan': ['antrian=saya'],
    'GET /api/v1/duplikat': ['status=semua'],
    'GET /api/v1/anggota': ['urut=nama', 'ppks=5'],
    'GET /api/v1/audit': ['limit=500'],
  };
  const FORMATS = ['csv', 'xlsx', 'pdf', 'json'];
  const ROLES_A = ROLE_USERS.map((u) => u.role);
  const MAY_SPECIAL = new Set(['psm', 'tksk', 'operator']);

  test('no special value or full NIK/No. KK in any answer unless asked for, allowed and audited', async () => {
    const problems = [];
    const disclosed = new Set();
    let calls = 0;
    const panels = (await ok('GET', '/api/v1/dasbor', 'operator')).panel.map((p) => p.id);
    assert.ok(panels.length >= 5, `dashboard panels: ${panels}`);
    const ops = [];
    for (const [pattern, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item)) {
        const key = `${method.toUpperCase()} ${pattern}`;
        if (method !== 'get' || matrix.get(key) === 'public') continue;
        if (NOT_WALKED[key]) continue;
        ops.push({ key, pattern, op });
      }
    for (const { key, pattern, op } of ops) {
      const qnames = new Set((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
      const variants = pattern.includes('{panel}') ? panels : [undefined];
      for (const panel of variants) {
        const p = fill(pattern, (n) => {
          const v = paramValue(pattern, n, 'A', panel);
          assert.ok(v !== undefined, `${key}: no record for {${n}}: add one to paramValue() or list the operation in NOT_WALKED with the reason`);
          return v;
        });
        const queries = [''];
        for (const q of EXTRA_QUERIES[key] ?? []) queries.push(q);
        if (qnames.has('format')) for (const f of FORMATS) queries.push(`format=${f}`);
        if (pattern === '/api/v1/ekspor/{jenis}') for (const j of ['keluarga', 'bnba']) for (const f of FORMATS) queries.push(`jenis:${j}&format=${f}`);
        for (const q0 of queries) {
          let target = p;
          let q = q0;
          if (q.startsWith('jenis:')) {
            const [j, rest] = q.slice(6).split('&');
            target = p.replace('/anggota', `/${j}`);
            q = rest;
          }
          for (const asked of [false, true]) {
            const query = [q, asked ? 'khusus=ya&buka=ya' : ''].filter(Boolean).join('&');
            const url = query ? `${target}?${query}` : target;
            for (const role of ROLES_A) {
              if (!matrix.get(key).has(role)) continue;
              const seq = asked || BY_DESIGN[key] || AUDITED_READS[key] ? await newestSeq(role) : 0;
              const r = await raw('GET', url, role);
              calls++;
              if (r.status !== 200) continue;
              const isFile = !(r.headers.get('content-type') ?? '').startsWith('application/json');
              if (AUDITED_READS[key] && isFile && !(await entriesSince(role, seq)).some((e) => e.action === AUDITED_READS[key]))
                problems.push(`${role} GET ${url}: no ${AUDITED_READS[key]} entry`);
              const leaks = leaksIn(textOf(r), key);
              if (!leaks.length) continue;
              const allowed = BY_DESIGN[key] || (asked && MAY_SPECIAL.has(role));
              if (!allowed) {
                problems.push(`${role} GET ${url}: ${leaks.join(', ')}`);
                continue;
              }
              const audited = (await entriesSince(role, seq)).map((e) => e.action);
              const special = leaks.some((l) => !l.startsWith('full number'));
              const numbers = leaks.some((l) => l.startsWith('full number'));
              if (special && !audited.some((a) => VIEWED_SPECIAL.has(a))) problems.push(`${role} GET ${url}: ${leaks.join(', ')} without an audit entry of the view (${audited})`);
              if (numbers && !audited.some((a) => VIEWED_NUMBERS.has(a))) problems.push(`${role} GET ${url}: ${leaks.join(', ')} without an audit entry of the unmasking (${audited})`);
              disclosed.add(`${role} ${key}`);
            }
          }
        }
      }
    }
    assert.deepEqual(problems, [], `leaks:\n${problems.join('\n')}`);
    assert.ok(calls > 300, `only ${calls} calls`);
    // The walk sees the data where it is meant to be shown (so it would see it anywhere else).
    for (const seen of ['operator GET /api/v1/usulan/ekspor', 'psm GET /api/v1/anggota/{id}', 'tksk GET /api/v1/anggota/{id}', 'operator GET /api/v1/keluarga/{id}',
      'operator GET /api/v1/ekspor/{jenis}', 'psm GET /api/v1/ekspor/{jenis}', 'operator GET /api/v1/duplikat/{id}',
      'operator GET /api/v1/anggota/{id}/data-pribadi'])
      assert.ok(disclosed.has(seen), `${seen} never showed the data it holds (seen: ${[...disclosed].join('; ')})`);
  });

  test('the data-returning POSTs: sync answers, the entry check and the upload file hide special data', async () => {
    const problems = [];
    const check = async (label, who, r, allowedFullNumbers = false) => {
      const leaks = leaksIn(textOf(r), label).filter((l) => !(allowedFullNumbers && l.startsWith('full number')));
      if (leaks.length) problems.push(`${who} ${label}: ${leaks.join(', ')}`);
    };
    // Offline sync: a member made with special data, an edit of it, and a stale edit (konflik,
    // answered with the record as it is now), and the replay of all three.
    const a = AREAS.A;
    const uid = randomUUID();
    const nik = `${a.nik6}5203800099`;
    nums.push(nik);
    const made = { op_id: randomUUID(), jenis: 'anggota.buat', data: {
      uid, keluarga_id: ids.A.keluarga, nik, nama: 'Wartini Luring', jenis_kelamin: 'P', tanggal_lahir: '1980-03-12', hubungan: 'famili_lain',
      disabilitas_jenis: 'sensorik_netra', disabilitas_tingkat: 'ringan', penyakit_kronis: 'gagal_ginjal',
    } };
    const anggota = await ok('GET', `/api/v1/anggota/${ids.A.anggota}`, 'psm');
    const edit = { op_id: randomUUID(), jenis: 'anggota.ubah', version: anggota.version, data: { id: ids.A.anggota, alasan: 'kontrol', penyakit_kronis: 'gagal_ginjal;hiv;diabetes' } };
    const stale = { op_id: randomUUID(), jenis: 'anggota.ubah', version: 1, data: { id: ids.A.anggota, alasan: 'kontrol', disabilitas_tingkat: 'berat' } };
    for (const who of ['psm', 'tksk', 'operator']) {
      const ops = who === 'psm' ? [made, edit, stale] : [{ ...stale, op_id: randomUUID() }];
      const r = await raw('POST', '/api/v1/sync', who, { perangkat: `hp-${who}`, ops });
      assert.equal(r.status, 200, r.bytes.toString());
      const hasil = JSON.parse(r.bytes.toString()).hasil;
      assert.deepEqual(hasil.map((h) => h.status), who === 'psm' ? ['diterapkan', 'diterapkan', 'konflik'] : ['konflik'], r.bytes.toString());
      await check('POST /api/v1/sync', who, r);
    }
    const replay = await raw('POST', '/api/v1/sync', 'psm', { perangkat: 'hp-psm', ops: [made, edit, stale] });
    await check('POST /api/v1/sync (replay)', 'psm', replay);
    // The entry check (a duplicate warning while typing a person).
    for (const who of ['psm', 'tksk', 'operator']) {
      const r = await raw('POST', '/api/v1/anggota/cek-duplikat', who, {
        keluarga_id: ids.A.keluarga, nama: 'Sulastri Wahyuningsih A', jenis_kelamin: 'P', tanggal_lahir: '1975-03-12', nik: nums[1],
      });
      assert.equal(r.status, 200, r.bytes.toString());
      assert.ok(JSON.parse(r.bytes.toString()).items.length > 0, 'the check finds her');
      await check('POST /api/v1/anggota/cek-duplikat', who, r);
    }
    // The national upload: full numbers by design (BY_DESIGN), never special data.
    for (const format of ['csv', 'xlsx']) {
      const r = await raw('POST', `/api/v1/usulan/ekspor?format=${format}`, 'operator', {});
      assert.equal(r.status, 200, r.bytes.toString());
      const text = textOf(r);
      if (format === 'csv') assert.ok(text.includes(nums[1]), 'the approved proposal\'s person is in the upload');
      await check(`POST /api/v1/usulan/ekspor?format=${format}`, 'operator', r, true);
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  test('every operation listed as not walked or by design still exists, and every data POST is walked', () => {
    const all = new Set();
    for (const [pattern, item] of Object.entries(doc.paths)) for (const m of Object.keys(item)) all.add(`${m.toUpperCase()} ${pattern}`);
    for (const key of [...Object.keys(NOT_WALKED), ...Object.keys(BY_DESIGN), ...Object.keys(AUDITED_READS), ...Object.keys(CODE_LISTS), ...Object.keys(NOT_SCOPED),
      ...DATA_POSTS, ...Object.keys(NO_REFS), ...Object.keys(DOCUMENTED_403), ...Object.keys(BODIES), ...Object.keys(BODY_REFS), ...Object.keys(EXTRA_QUERIES)])
      assert.ok(all.has(key), `${key} is listed here but no longer in the API`);
  });

  // Ground-check answers are shown to everyone who reads the item or the proposal, unaudited:
  // like a proposal's content they may not carry identity numbers or special data. Before, they
  // were stored and shown as sent.
  test('ground-check answers refuse identity numbers and special data, on every way in', async () => {
    const a = AREAS.A;
    // A fresh item: a second list over the same kelurahan.
    const daftar = (await ok('POST', '/api/v1/daftar-periksa', a.operator, { nama: 'Periksa ulang', kode_wilayah: a.kel })).id;
    await ok('POST', `/api/v1/daftar-periksa/${daftar}/bagi`, a.operator, {});
    const items = (await ok('GET', `/api/v1/periksa?saya=1&daftar_id=${daftar}`, a.psm)).items;
    const item = items.find((i) => i.keluarga_id === ids.A.keluarga);
    for (const [jawaban, field] of [
      [{ penyakit_kronis: 'gagal_ginjal' }, 'jawaban.penyakit_kronis'],
      [{ penghuni: [{ nama: 'Sri', disabilitas_jenis: 'sensorik_netra' }] }, 'jawaban.penghuni[0].disabilitas_jenis'],
      [{ kk: { nik: nums[1] } }, 'jawaban.kk.nik'],
    ]) {
      const r = await call('POST', `/api/v1/periksa/${item.id}/hasil`, a.psm, { version: item.version, hasil: 1, ...GPS, jawaban });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, field);
    }
    const sync = (await call('POST', '/api/v1/sync', a.psm, { perangkat: 'hp-psm', ops: [
      { op_id: randomUUID(), jenis: 'periksa.hasil', version: item.version, data: { id: item.id, hasil: 1, ...GPS, jawaban: { disabilitas_tingkat: 'berat' } } },
    ] })).json;
    assert.equal(sync.hasil[0].status, 'ditolak', JSON.stringify(sync));
    assert.equal(sync.hasil[0].error.field, 'jawaban.disabilitas_tingkat');
    assert.equal((await ok('GET', `/api/v1/periksa/${item.id}`, a.psm)).status, 'belum', 'nothing recorded');
    // A proposal's verification takes answers too.
    let u = await ok('POST', '/api/v1/usulan', a.psm, { keluarga_id: ids.A.keluarga, jenis: 'perubahan', isi: { alamat: 'Jl. Baru' } });
    await ok('POST', `/api/v1/usulan/${u.id}/transisi`, a.psm, { ke: 'diajukan' });
    await ok('POST', `/api/v1/usulan/${u.id}/transisi`, a.tksk, { ke: 'ditinjau' });
    const r = await call('POST', `/api/v1/usulan/${u.id}/transisi`, a.psm, { ke: 'diverifikasi', hasil_periksa: 1, ...GPS, jawaban: { penyakit_kronis: 'hiv' } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'jawaban.penyakit_kronis');
    u = await ok('GET', `/api/v1/usulan/${u.id}`, a.psm);
    assert.equal(u.status, 'ditinjau', 'nothing moved');
  });

  // ---------------------------------------------------------------------------------------------
  // Scope: another area's real ids.

  // Bodies that pass validation for the writes that take a record id, so the answer is the
  // scope's (a write not listed is sent {}: it fails here until it gets a body, unless {} already
  // reaches its scope check).
  const BODIES = {
    'PATCH /api/v1/keluarga/{id}': () => ({ version: 1, alasan: 'uji', alamat: 'Jl. Lain' }),
    'PATCH /api/v1/anggota/{id}': () => ({ version: 1, alasan: 'uji', nama: 'Nama Lain' }),
    'POST /api/v1/anggota/{id}/ppks': () => ({ ppks: 7, sejak: '2025-01-02', bukti: 'uji' }),
    'POST /api/v1/anggota/{id}/ppks/{ppks_id}/akhiri': () => ({ sampai: TODAY }),
    'PATCH /api/v1/usulan/{id}': () => ({ version: 1, isi: { alamat: 'lain' } }),
    'POST /api/v1/usulan/{id}/transisi': () => ({ ke: 'dibatalkan' }),
    'POST /api/v1/daftar-periksa/{id}/bagi': () => ({}),
    'POST /api/v1/periksa/{id}/hasil': () => ({ version: 2, hasil: 1, ...GPS }),
    'PUT /api/v1/anggota/{id}/dasar-hukum': () => ({ dasar: 'tugas_publik', version: 0 }),
    'POST /api/v1/duplikat/{id}/putusan': () => ({ keputusan: 'bukan_duplikat', catatan: 'uji', version: 1 }),
    'POST /api/v1/duplikat/{id}/batal': () => ({ catatan: 'uji', version: 1 }),
    'POST /api/v1/anggota/{id}/hapus-data': () => ({ alasan: 'surat 1/2026', version: 1 }),
    'POST /api/v1/acara/{id}/peserta/{peserta_id}/status': () => ({ status: 'batal' }),
    'POST /api/v1/acara/{id}/check-in': () => ({ kode: 'ABCDE-ABCDE-ABCDE-ABCDE', sesi_id: 1, pintu: 'A' }),
    'POST /api/v1/acara/{id}/peserta/{peserta_id}/cabut-sertifikat': () => ({ alasan: 'uji' }),
    'POST /api/v1/acara/{id}/undian': () => ({ hadiah: 'Payung', jumlah: 1 }),
    'PATCH /api/v1/acara/{id}': () => ({ version: 1, judul: 'Lain' }),
    'POST /api/v1/acara/{id}/sesi': () => ({ judul: 'Sesi lain', mulai: '2026-12-01T09:00', selesai: '2026-12-01T10:00' }),
    'POST /api/v1/acara/{id}/peserta': () => ({ nama: 'Tamu', peran: 'tamu' }),
    // Invites the caller's own kota's accounts (the office of 36.71 reaches into C, that of 36.72 into A).
    'POST /api/v1/acara/{id}/undangan': (area) => ({ peran_akun: ['psm'], kode_wilayah: area === 'C' ? KOTA : KOTA2 }),
    'POST /api/v1/acara/{id}/sertifikat': () => ({}),
    'PATCH /api/v1/pilar-sosial/{id}': () => ({ version: 1, telepon: '081200000000' }),
    'POST /api/v1/pilar-sosial/{id}/status': () => ({ status: 'nonaktif', alasan: 'uji', version: 1 }),
    'POST /api/v1/pilar-sosial/{id}/sk': () => ({ nomor: '1/SK', tanggal: '2025-12-20', ditandatangani: 'Kepala', mulai: '2026-01-01', selesai: '2026-12-31' }),
    'POST /api/v1/pilar-sosial/{id}/penugasan': (area) => ({ wilayah: [AREAS[area].rw], mulai: '2026-01-03', version: 1 }),
    'POST /api/v1/pilar-sosial/{id}/pelatihan-dasar': () => ({ tanggal: '2025-02-10' }),
    'POST /api/v1/laporan-kegiatan/{id}/foto': () => PNG,
    'PATCH /api/v1/wilayah/{kode}': () => ({ nama: 'RW Lain', version: 1 }),
    'POST /api/v1/wilayah/{kode}/children': () => ({ nomor: 9 }),
    'POST /api/v1/wilayah/{kode}/retire': () => ({ alasan: 'uji' }),
    'POST /api/v1/wilayah/{kode}/reactivate': () => ({}),
    'POST /api/v1/users/{username}/disable': () => ({}),
    'POST /api/v1/users/{username}/enable': () => ({}),
    'POST /api/v1/users/{username}/reset-password': () => ({ password: 'teh manis sore 9' }),
  };
  // Where another area's record answers 403 rather than 404, as documented and tested elsewhere.
  // Operations that answer another area's record with 403 instead of 404 (with the reason).
  // None: an admin's actions on another kota's account were 403 naming the account's wilayah,
  // which told them the username exists there; they answer 404 like a missing account now.
  const DOCUMENTED_403 = {};
  // Who reaches into which other area: field workers of A into B (same kota, another
  // kecamatan), the office of 36.71 into 36.72, and the office of 36.72 into A.
  const ATTACKS = [['psm', 'B'], ['tksk', 'B'], ['operator', 'C'], ['kepala', 'C'], ['admin', 'C'], ['operator72', 'A'], ['kepala72', 'A']];
  const roleOf = (who) => [...ROLE_USERS, ...EXTRA_USERS, ...USERS_C].find((u) => u.username === who).role;

  test('every operation that takes a record id answers 404 for another area\'s real record and changes nothing', async () => {
    const problems = [];
    const seqs = {};
    for (const [who] of ATTACKS) seqs[who] = await newestSeq(who);
    const snapshot = async () => {
      const out = {};
      for (const [area, owner] of [['A', 'operator'], ['B', 'operator'], ['C', 'operator72']])
        for (const p of [`/api/v1/keluarga/${ids[area].keluarga}`, `/api/v1/anggota/${ids[area].anggota}`, `/api/v1/usulan/${ids[area].usulanDraft}`,
          `/api/v1/periksa/${ids[area].periksa}`, `/api/v1/acara/${ids[area].acara}`, `/api/v1/pilar-sosial/${ids[area].pilar}`,
          `/api/v1/duplikat/${ids[area].duplikat}`, `/api/v1/anggota/${ids[area].anggota}/dasar-hukum`])
          out[p] = (await call('GET', p, owner)).text;
      return out;
    };
    const before = await snapshot();
    let checked = 0;
    const controls = [];
    for (const [pattern, item] of Object.entries(doc.paths))
      for (const method of Object.keys(item)) {
        const key = `${method.toUpperCase()} ${pattern}`;
        const allowed = matrix.get(key);
        if (!pattern.includes('{') || allowed === 'public' || NOT_SCOPED[key]) continue;
        const M = method.toUpperCase();
        for (const [who, area] of ATTACKS) {
          if (!allowed.has(roleOf(who))) continue;
          const values = (n) => {
            const v = paramValue(pattern, n, area, undefined);
            assert.ok(v !== undefined, `${key}: no record of area ${area} for {${n}}: add one to paramValue() or list the operation in NOT_SCOPED with the reason`);
            return v;
          };
          const body = M === 'GET' ? undefined : (BODIES[key]?.(area) ?? {});
          const headers = body instanceof Uint8Array ? { 'content-type': 'image/png' } : undefined;
          const r = await call(M, fill(pattern, values), who, body, headers);
          checked++;
          if (M === 'GET') controls.push([AREAS[area][roleOf(who)], fill(pattern, values), area]);
          if (r.status === 404 || (r.status === 403 && DOCUMENTED_403[key])) continue;
          problems.push(`${who} ${M} ${fill(pattern, values)} (area ${area}): ${r.status} ${r.text.slice(0, 200)}`);
        }
      }
    // Nothing was written: no audit entry by any caller, and the records read the same.
    for (const [who] of ATTACKS) {
      const written = await entriesSince(who, seqs[who]);
      if (written.length) problems.push(`${who} wrote: ${written.map((e) => `${e.action} ${e.entity}/${e.entity_id}`).join(', ')}`);
    }
    const afterward = await snapshot();
    for (const p of Object.keys(before)) if (before[p] !== afterward[p]) problems.push(`${p} changed`);
    // The ids were real: the same reads by the area's own account of that role find the record —
    // or, where that role sees it only in some cases (a certificate or a draw is the office's and
    // the participant's), the area's operator does.
    for (const [owner, p, area] of controls) {
      let own = await call('GET', p, owner);
      if (own.status === 404) own = await call('GET', p, AREAS[area].operator);
      if (own.status === 404) problems.push(`control: ${owner} GET ${p}: ${own.text.slice(0, 200)}`);
    }
    assert.deepEqual(problems, [], `scope gaps:\n${problems.join('\n')}`);
    assert.ok(checked > 100, `only ${checked} calls`);
  });

  // The filters that name a region, a record or an identity number, given another area's: the
  // answer is a refusal or holds nothing of that area.
  const FILTER_VALUES = {
    kode_wilayah: (x) => AREAS[x].kel,
    keluarga_id: (x) => ids[x].keluarga,
    anggota_id: (x) => ids[x].anggota,
    pilar_id: (x) => ids[x].pilar,
    musyawarah_id: (x) => ids[x].musyawarah,
    daftar_id: (x) => ids[x].daftar,
    nik: (x) => nums[['A', 'B', 'C'].indexOf(x) * 3 + 1],
    no_kk: (x) => nums[['A', 'B', 'C'].indexOf(x) * 3],
    q: (x) => `Sulastri Wahyuningsih ${x}`,
    kode_kota: (x) => (x === 'C' ? KOTA2 : KOTA),
  };
  // Reference data, where another area's region is no one's data.
  const FILTER_NOT_SCOPED = {
    'GET /api/v1/wilayah': 'the region tree is public reference data',
    'GET /api/v1/wilayah/{kode}/children': 'the region tree is public reference data',
  };
  const markers = (x) => [`Kenari ${x}`, `Wahyuningsih ${x}`, `Pratama ${x}`, `Petugas ${x}`, `Pembinaan ${x}`, `Periksa ${x}`,
    `${AREAS[x].nik6}******`, AREAS[x].kel];
  const homeOf = (who) => (USERS_C.some((u) => u.username === who) ? 'C' : 'A');

  test('every filter given another area\'s region, record or number shows nothing of it', async () => {
    const problems = [];
    const panels = (await ok('GET', '/api/v1/dasbor', 'operator')).panel.map((p) => p.id);
    let checked = 0;
    for (const [pattern, item] of Object.entries(doc.paths)) {
      if (!item.get) continue;
      const key = `GET ${pattern}`;
      const allowed = matrix.get(key);
      if (allowed === 'public' || FILTER_NOT_SCOPED[key] || NOT_WALKED[key]) continue;
      const filters = (item.get.parameters ?? []).filter((p) => p.in === 'query' && FILTER_VALUES[p.name]).map((p) => p.name);
      if (!filters.length) continue;
      for (const [who, area] of ATTACKS) {
        if (!allowed.has(roleOf(who))) continue;
        for (const panel of pattern.includes('{panel}') ? panels : [undefined]) {
          const p = fill(pattern, (n) => paramValue(pattern, n, homeOf(who), panel));
          for (const f of filters) {
            if (f === 'kode_kota' && area !== 'C' && homeOf(who) !== 'C') continue; // same kota: not another one
            const url = `${p}?${f}=${encodeURIComponent(FILTER_VALUES[f](area))}`;
            const r = await raw('GET', url, who);
            checked++;
            if (r.status !== 200) {
              if (![400, 403, 404].includes(r.status)) problems.push(`${who} GET ${url}: ${r.status}`);
              continue;
            }
            const text = textOf(r);
            const seen = markers(area).filter((m) => text.includes(m));
            if (seen.length) problems.push(`${who} GET ${url} (area ${area}): shows ${seen.join(', ')}`);
          }
        }
      }
    }
    assert.deepEqual(problems, [], `scope gaps:\n${problems.join('\n')}`);
    assert.ok(checked > 50, `only ${checked} calls`);
  });

  // Writes without a record id in their path that name records or regions in their body: each
  // given another area's must be refused (404, 403, or 400 at that field) and write nothing.
  const BODY_REFS = {
    'POST /api/v1/keluarga': (x) => ({ body: { no_kk: `${AREAS[x].nik6}010125009${x === 'C' ? 8 : 7}`, kode_wilayah: AREAS[x].kel, rw: '001', alamat: 'Jl. Asing' } }),
    'POST /api/v1/anggota': (x) => ({ body: { keluarga_id: ids[x].keluarga, nama: 'Orang Asing', jenis_kelamin: 'L', hubungan: 'famili_lain' } }),
    'POST /api/v1/usulan': (x) => ({ body: { keluarga_id: ids[x].keluarga, jenis: 'perubahan', isi: { alamat: 'x' } } }),
    'POST /api/v1/musyawarah': (x) => ({ body: { nomor_berita_acara: '9/BA', tanggal: '2025-03-10', notulen_lampiran_id: ids[x].notulen, usulan_ids: [ids[x].usulanDraft] } }),
    'POST /api/v1/lampiran': (x) => ({ query: `?pemilik=usulan&pemilik_id=${ids[x].usulanDraft}`, body: PNG, headers: { 'content-type': 'image/png' } }),
    'POST /api/v1/daftar-periksa': (x) => ({ body: { nama: 'Daftar asing', kode_wilayah: AREAS[x].kel } }),
    'POST /api/v1/daftar-periksa/impor': (x) => ({ query: '?nama=Asing', body: `no_kk\n${nums[['A', 'B', 'C'].indexOf(x) * 3]}\n`, headers: { 'content-type': 'text/csv' } }),
    'POST /api/v1/acara': (x) => ({ body: { judul: 'Asing', jenis: 'pembinaan', tanggal_mulai: '2026-12-02', tanggal_selesai: '2026-12-02', tempat: 'Aula', kapasitas: 5, penyelenggara: 'Dinas', kode_wilayah: AREAS[x].kel, status: 'dibuka' } }),
    'POST /api/v1/laporan-kegiatan': (x) => ({ body: { tanggal: TODAY, jenis: 'kunjungan_rumah', uraian: 'x', sasaran: [{ keluarga_id: ids[x].keluarga }] } }),
    'POST /api/v1/anggota/cek-duplikat': (x) => ({ body: { keluarga_id: ids[x].keluarga, nama: `Sulastri Wahyuningsih ${x}` } }),
    'POST /api/v1/pilar-sosial': (x) => ({ body: { jenis: 'psm', nama: 'Petugas Asing', kode_wilayah: AREAS[x].kel, tanggal_lahir: '1988-04-12', kode_ktp: AREAS[x].kel, telepon: '081234567890', jenis_kelamin: 'P' } }),
    'POST /api/v1/users': (x) => ({ body: { username: `asing-${x}`.toLowerCase(), role: 'psm', wilayah: [AREAS[x].rw], password: 'teh manis sore 9' } }),
    'POST /api/v1/wilayah/import': (x) => ({ body: `kode,nama\n${AREAS[x].kel}.007,RW Tujuh\n`, headers: { 'content-type': 'text/csv' } }),
    'POST /api/v1/duplikat/proses': (x) => ({ body: { kode_wilayah: AREAS[x].kel } }),
    'POST /api/v1/sync': (x) => ({ body: { perangkat: 'hp-asing', ops: [
      { op_id: randomUUID(), jenis: 'keluarga.ubah', version: 1, data: { id: ids[x].keluarga, alasan: 'x', alamat: 'Jl. Asing' } },
      { op_id: randomUUID(), jenis: 'anggota.buat', data: { uid: randomUUID(), keluarga_id: ids[x].keluarga, nama: 'Orang Asing', jenis_kelamin: 'L', hubungan: 'famili_lain' } },
      { op_id: randomUUID(), jenis: 'anggota.ubah', version: 1, data: { id: ids[x].anggota, alasan: 'x', nama: 'Nama Asing' } },
      { op_id: randomUUID(), jenis: 'usulan.buat', data: { uid: randomUUID(), keluarga_id: ids[x].keluarga, jenis: 'perubahan', isi: { alamat: 'x' } } },
      { op_id: randomUUID(), jenis: 'periksa.hasil', version: 2, data: { id: ids[x].periksa, hasil: 1, ...GPS } },
      { op_id: randomUUID(), jenis: 'lampiran.unggah', data: { uid: randomUUID(), pemilik: 'periksa', pemilik_id: ids[x].periksa, berkas: PNG.toString('base64') } },
      { op_id: randomUUID(), jenis: 'kegiatan.buat', data: { uid: randomUUID(), tanggal: TODAY, jenis: 'kunjungan_rumah', uraian: 'x', sasaran: [{ keluarga_id: ids[x].keluarga }] } },
    ] } }),
  };
  // Writes without ids in path or body, with the reason.
  const NO_REFS = {
    'POST /api/v1/auth/login': 'public; names an account, not a record',
    'POST /api/v1/auth/logout': 'the caller\'s own session',
    'POST /api/v1/auth/password': 'the caller\'s own account',
    'POST /api/v1/usulan/ekspor': 'no id; its rows are the operator\'s scope (walked as a data POST)',
    'POST /api/v1/aturan-pilar-sosial': 'names a kota by kode_kota: multi-kota.test.mjs calls it with the other kota\'s (404)',
  };

  test('every write that names records or regions in its body refuses another area\'s and writes nothing', async () => {
    const problems = [];
    const seqs = {};
    for (const [who] of ATTACKS) seqs[who] = await newestSeq(who);
    for (const [pattern, item] of Object.entries(doc.paths))
      for (const method of Object.keys(item)) {
        const key = `${method.toUpperCase()} ${pattern}`;
        if (method === 'get' || pattern.includes('{') || NO_REFS[key]) continue;
        assert.ok(BODY_REFS[key], `${key}: add a body naming another area's record to BODY_REFS, or list it in NO_REFS with the reason`);
        for (const [who, area] of ATTACKS) {
          if (!matrix.get(key).has(roleOf(who))) continue;
          const { body, query = '', headers } = BODY_REFS[key](area);
          const r = await call(method.toUpperCase(), `${pattern}${query}`, who, body, headers);
          if (key === 'POST /api/v1/sync') {
            const bad = r.json.hasil.filter((h) => !(h.status === 'ditolak' && ['not_found', 'permission_denied'].includes(h.error?.code)));
            if (r.status !== 200 || bad.length) problems.push(`${who} sync into ${area}: ${r.status} ${JSON.stringify(bad).slice(0, 400)}`);
            continue;
          }
          if (key === 'POST /api/v1/anggota/cek-duplikat' && r.status === 200) {
            if (markers(area).some((m) => r.text.includes(m))) problems.push(`${who} ${key} (area ${area}): ${r.text.slice(0, 200)}`);
            continue;
          }
          if (![400, 403, 404].includes(r.status)) problems.push(`${who} ${key} (area ${area}): ${r.status} ${r.text.slice(0, 200)}`);
        }
      }
    for (const [who] of ATTACKS) {
      const written = await entriesSince(who, seqs[who]);
      if (written.length) problems.push(`${who} wrote: ${written.map((e) => `${e.action} ${e.entity}/${e.entity_id}`).join(', ')}`);
    }
    assert.deepEqual(problems, [], `scope gaps:\n${problems.join('\n')}`);
  });

  // Writes that name a region — a wilayah code, public reference data — outside the caller's area
  // answer alike, whatever the module: 403 at that field, the message naming the code, nothing
  // written (docs/formats.md, "API conventions"). A *record* of another area stays 404 (the walks
  // above). Every write of the API document with a region field in its body or query is here or
  // in REGION_NOT_SCOPE with the reason; each is called by its own area's account on its own
  // records, so the region is the only thing outside.
  const REGION_FIELD = /^(kode_wilayah|wilayah|kode_kota|kode_rw|kode_kelurahan|kode_ktp)$/;
  const version = async (p, who) => (await ok('GET', p, who)).version;
  const REGION_WRITES = {
    'POST /api/v1/keluarga': async () => ['psm', 'POST', '/api/v1/keluarga', { no_kk: `${AREAS.B.nik6}0101250096`, kode_wilayah: AREAS.B.kel, rw: '001', alamat: 'Jl. Asing' }, 'kode_wilayah', AREAS.B.kel],
    'PATCH /api/v1/keluarga/{id}': async () => ['psm', 'PATCH', `/api/v1/keluarga/${ids.A.keluarga}`, { version: await version(`/api/v1/keluarga/${ids.A.keluarga}`, 'psm'), alasan: 'pindah', kode_wilayah: AREAS.B.kel, rw: '001' }, 'kode_wilayah', `${AREAS.B.kel}.001`],
    'POST /api/v1/lampiran': async () => ['tksk', 'POST', `/api/v1/lampiran?pemilik=musyawarah&kode_wilayah=${AREAS.B.kel}`, PDF, 'kode_wilayah', AREAS.B.kel, { 'content-type': 'application/pdf' }],
    'POST /api/v1/daftar-periksa': async () => ['operator', 'POST', '/api/v1/daftar-periksa', { nama: 'Daftar asing', kode_wilayah: AREAS.C.kel }, 'kode_wilayah', AREAS.C.kel],
    'POST /api/v1/daftar-periksa/{id}/bagi': async () => ['operator', 'POST', `/api/v1/daftar-periksa/${ids.A.daftar}/bagi`, { penugasan: [{ kode_rw: AREAS.C.rw, petugas: 'psm-c' }] }, 'penugasan[0].kode_rw', AREAS.C.rw],
    'POST /api/v1/acara': async () => ['operator', 'POST', '/api/v1/acara', { judul: 'Asing', jenis: 'pembinaan', tanggal_mulai: '2026-12-02', tanggal_selesai: '2026-12-02', tempat: 'Aula', kapasitas: 5, penyelenggara: 'Dinas', kode_wilayah: AREAS.C.kel, status: 'dibuka' }, 'kode_wilayah', AREAS.C.kel],
    'PATCH /api/v1/acara/{id}': async () => ['operator', 'PATCH', `/api/v1/acara/${ids.A.acara}`, { version: await version(`/api/v1/acara/${ids.A.acara}`, 'operator'), kode_wilayah: AREAS.C.kel }, 'kode_wilayah', AREAS.C.kel],
    'POST /api/v1/acara/{id}/undangan': async () => ['operator', 'POST', `/api/v1/acara/${ids.A.acara}/undangan`, { peran_akun: ['psm'], kode_wilayah: KOTA2 }, 'kode_wilayah', KOTA2],
    'POST /api/v1/duplikat/proses': async () => ['operator', 'POST', '/api/v1/duplikat/proses', { kode_wilayah: AREAS.C.kel }, 'kode_wilayah', AREAS.C.kel],
    'POST /api/v1/anggota/cek-duplikat': async () => ['psm', 'POST', '/api/v1/anggota/cek-duplikat', { kode_wilayah: AREAS.B.kel, nama: 'Orang Asing' }, 'kode_wilayah', AREAS.B.kel],
    'POST /api/v1/pilar-sosial': async () => ['operator', 'POST', '/api/v1/pilar-sosial', { jenis: 'psm', nama: 'Petugas Asing', kode_wilayah: AREAS.C.kel, tanggal_lahir: '1988-04-12', kode_ktp: AREAS.A.kel, telepon: '081234567890', jenis_kelamin: 'P' }, 'kode_wilayah', AREAS.C.kel],
    // A PSM's or TKSK's region follows their assignment (400 here); a Tagana volunteer's is their own.
    'PATCH /api/v1/pilar-sosial/{id}': async () => {
      const t = await ok('POST', '/api/v1/pilar-sosial', 'operator', { jenis: 'tagana', nama: 'Relawan Tagana', kode_wilayah: AREAS.A.kel, tanggal_lahir: '1990-01-01', jenis_kelamin: 'L', telepon: '081234567891' });
      return ['operator', 'PATCH', `/api/v1/pilar-sosial/${t.id}`, { version: t.version, kode_wilayah: AREAS.C.kel }, 'kode_wilayah', AREAS.C.kel];
    },
    'POST /api/v1/pilar-sosial/{id}/penugasan': async () => ['operator', 'POST', `/api/v1/pilar-sosial/${ids.A.pilar}/penugasan`, { wilayah: [AREAS.C.rw], mulai: '2026-01-03', version: await version(`/api/v1/pilar-sosial/${ids.A.pilar}`, 'operator') }, 'wilayah[0]', AREAS.C.rw],
    'POST /api/v1/laporan-kegiatan': async () => ['psm', 'POST', '/api/v1/laporan-kegiatan', { tanggal: TODAY, jenis: 'kunjungan_rumah', uraian: 'Kunjungan', kode_wilayah: AREAS.B.kel, ...GPS }, 'kode_wilayah', AREAS.B.kel],
    'POST /api/v1/aturan-pilar-sosial': async () => ['operator', 'POST', '/api/v1/aturan-pilar-sosial', { kunci: 'insentif_nominal', nilai: '1', kode_kota: KOTA2 }, 'kode_kota', KOTA2],
    'POST /api/v1/users': async () => ['admin', 'POST', '/api/v1/users', { username: 'asing-wilayah', role: 'psm', wilayah: [AREAS.C.rw], password: 'teh manis sore 9' }, 'wilayah', AREAS.C.rw],
    'POST /api/v1/wilayah/import': async () => ['admin', 'POST', '/api/v1/wilayah/import', `kode,nama\n${AREAS.C.kel}.007,RW Tujuh\n`, 'kode', `${AREAS.C.kel}.007`, { 'content-type': 'text/csv' }],
  };
  const REGION_NOT_SCOPE = {
    'POST /api/v1/usulan/ekspor': 'kode_wilayah filters what is exported: another area\'s shows nothing (the filter walk)',
    'POST /api/v1/musyawarah': 'kode_kelurahan must be the proposals\' own kelurahan (400); the proposals are the records (404)',
    'POST /api/v1/acara/{id}/peserta': 'a guest\'s kode_wilayah says where they come from; it is no one\'s scope',
  };

  test('every write naming a region outside the caller\'s area answers 403 at that field and writes nothing', async () => {
    const resolve = (schema) => (schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema);
    const regionFields = (op) => {
      const names = (op.parameters ?? []).filter((x) => x.in === 'query').map((x) => x.name);
      for (const content of Object.values(op.requestBody?.content ?? {})) {
        const props = resolve(content.schema)?.properties ?? {};
        for (const [k, v] of Object.entries(props)) {
          names.push(k);
          for (const inner of Object.keys(resolve(v.items)?.properties ?? {})) names.push(inner);
        }
      }
      return names.filter((n) => REGION_FIELD.test(n));
    };
    for (const [pattern, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item)) {
        const key = `${method.toUpperCase()} ${pattern}`;
        if (method === 'get' || !regionFields(op).length) continue;
        assert.ok(REGION_WRITES[key] || REGION_NOT_SCOPE[key], `${key} names a region (${regionFields(op)}): add it to REGION_WRITES, or to REGION_NOT_SCOPE with the reason`);
      }
    const problems = [];
    const statuses = new Set();
    for (const [key, make] of Object.entries(REGION_WRITES)) {
      const [who, method, p, body, field, code, headers] = await make();
      assert.ok(matrix.get(key).has(roleOf(who)), `${key}: ${who} may call it`);
      const seq = await newestSeq(who);
      const r = await call(method, p, who, body, headers);
      statuses.add(r.status);
      if (r.status !== 403 || r.json?.error?.field !== field || !r.json.error.message.includes(code))
        problems.push(`${who} ${key}: ${r.status} ${r.text.slice(0, 300)}`);
      const written = await entriesSince(who, seq);
      if (written.length) problems.push(`${who} ${key} wrote: ${written.map((e) => e.action).join(', ')}`);
    }
    assert.deepEqual(problems, [], `region refusals:\n${problems.join('\n')}`);
    assert.deepEqual([...statuses], [403]);
  });

  // Refusals quote what was sent back in the field's message: never a full identity number, nor
  // the special data of a record they show (a stale version answers with the current record).
  test('refusals and conflicts quote no full NIK/No. KK and no special data', async () => {
    const a = AREAS.A;
    const problems = [];
    const seen = (label, r) => {
      const leaks = leaksIn(r.text, label);
      if (leaks.length) problems.push(`${label}: ${r.status} ${leaks.join(', ')}`);
    };
    const badNik = `${a.nik6}999999${'0001'}`; // no such birth date
    const anggota = await ok('GET', `/api/v1/anggota/${ids.A.anggota}`, a.psm);
    const keluarga = await ok('GET', `/api/v1/keluarga/${ids.A.keluarga}`, a.psm);
    const cases = [
      ['POST /anggota, NIK taken', 'POST', '/api/v1/anggota', { keluarga_id: ids.A.keluarga, nik: nums[1], nama: 'Kembar', jenis_kelamin: 'P', hubungan: 'famili_lain' }],
      ['POST /anggota, NIK invalid', 'POST', '/api/v1/anggota', { keluarga_id: ids.A.keluarga, nik: badNik, nama: 'Salah', jenis_kelamin: 'P', hubungan: 'famili_lain' }],
      ['POST /keluarga, No. KK taken', 'POST', '/api/v1/keluarga', { no_kk: nums[0], kode_wilayah: a.kel, rw: '001', alamat: 'x' }],
      ['PATCH /anggota, stale', 'PATCH', `/api/v1/anggota/${ids.A.anggota}`, { version: 1, alasan: 'x', penyakit_kronis: 'diabetes' }],
      ['PATCH /anggota, NIK taken', 'PATCH', `/api/v1/anggota/${ids.A.kembar}`, { version: 1, alasan: 'x', nik: nums[1] }],
      ['PATCH /keluarga, stale', 'PATCH', `/api/v1/keluarga/${ids.A.keluarga}`, { version: keluarga.version - 1, alasan: 'x', alamat: 'y' }],
      ['POST /cek-duplikat, NIK invalid (no match, not an error)', 'POST', '/api/v1/anggota/cek-duplikat', { keluarga_id: ids.A.keluarga, nama: 'x', nik: badNik }],
      ['POST /usulan, NIK in isi', 'POST', '/api/v1/usulan', { keluarga_id: ids.A.keluarga, jenis: 'perubahan', isi: { nik: nums[1] } }],
      ['POST /sync, NIK taken', 'POST', '/api/v1/sync', { perangkat: 'hp', ops: [{ op_id: randomUUID(), jenis: 'anggota.buat', data: { uid: randomUUID(), keluarga_id: ids.A.keluarga, nik: nums[1], nama: 'K', jenis_kelamin: 'P', hubungan: 'famili_lain' } }] }],
      ['POST /sync, stale', 'POST', '/api/v1/sync', { perangkat: 'hp', ops: [{ op_id: randomUUID(), jenis: 'anggota.ubah', version: 1, data: { id: ids.A.anggota, alasan: 'x', nik: badNik } }] }],
    ];
    assert.ok(anggota.version > 1, 'the member has been changed, so version 1 is stale');
    for (const [label, method, p, body] of cases) {
      const r = await call(method, p, a.psm, body);
      if (!label.includes('not an error'))
        assert.ok(r.status >= 400 || (label.startsWith('POST /sync') && r.json.hasil[0].status !== 'diterapkan'), `${label}: ${r.status} ${r.text}`);
      seen(label, r);
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  // Last: everything above sent NIKs in query strings and bodies and read them unmasked.
  test('the access log and the server log hold no full number and no special data', async () => {
    const log = path.join(data.root, 'access.log');
    const text = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
    assert.ok(text.split('\n').length > 500, 'the access log has the walk');
    for (const [name, t] of [['access log', text], ['server log', srv.stderr()]]) {
      assert.doesNotMatch(t, SIXTEEN, name);
      for (const re of SPECIAL_TEXT) assert.doesNotMatch(t, re, name);
    }
  });
});
