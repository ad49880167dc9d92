// Verivali over HTTP: one proposal walked through every state by the roles the workflow names,
// illegal moves refused, scope on every endpoint, the TKSK's queue, a musyawarah that refuses
// two kelurahan, attachments typed by their bytes, and a ground-check list split by RW with
// progress numbers. Households are registered through the registry's API first.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KELURAHAN, PASSWORD, RW1, api, login, pilarOk, setupDataDir, startServer } from './helpers.mjs';

const RW2 = `${KELURAHAN}.002`;
const KELURAHAN2 = '36.71.01.1002';
const RW_K2 = `${KELURAHAN2}.001`;
const GPS = { lat: -6.1781, lon: 106.6319 };
// A 1x1 PNG, and the same with a text chunk a camera app might add (a GPS position).
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082', 'hex');
const PNG_TAGGED = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000001c74455874436f6d6d656e7400475053202d362e31373831203130362e36333139a1e34c300000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n% berita acara musyawarah kelurahan\n');

describe('verivali', () => {
  let data;
  let srv;
  const s = {};
  const kk = {};

  before(async () => {
    data = await setupDataDir();
    // RW 002 of the first kelurahan and RW 001 of its neighbour, then a PSM of RW 002 and a
    // TKSK of another kecamatan (a scope must exist before a user can hold it).
    await pilarOk(['wilayah', 'create', KELURAHAN, '2', '--data', data.dir]);
    await pilarOk(['wilayah', 'create', KELURAHAN2, '1', '--data', data.dir]);
    for (const [username, role, wilayah] of [['psm-dua', 'psm', RW2], ['tksk-lain', 'tksk', '36.71.02']])
      await pilarOk(['user', 'add', username, '--role', role, '--wilayah', wilayah, '--password-stdin', '--data', data.dir],
        { input: `${PASSWORD}\n` });
    srv = await startServer({ dataDir: data.dir });
    for (const u of ['admin', 'operator', 'kepala', 'tksk', 'psm', 'psm-dua', 'tksk-lain']) s[u] = await login(srv, u);
    // h1 in RW 001 and h2 in RW 002 of kelurahan 1001; h3 in RW 001 of kelurahan 1002.
    const households = {
      h1: { no_kk: '3671010101250001', kode_wilayah: KELURAHAN, rw: '001', alamat: 'Jl. Melati 1', desil: '2' },
      h2: { no_kk: '3671010101250002', kode_wilayah: KELURAHAN, rw: '002', alamat: 'Jl. Melati 2', desil: '3' },
      h3: { no_kk: '3671010101250003', kode_wilayah: KELURAHAN2, rw: '001', alamat: 'Jl. Kenanga 3', desil: '1' },
    };
    for (const [name, body] of Object.entries(households)) {
      const r = await api(srv, 'POST', '/api/v1/keluarga', { session: s.operator, body });
      assert.equal(r.status, 201, `keluarga ${name}: ${r.text}`);
      kk[name] = r.json.id;
    }
  });

  after(async () => {
    await srv?.stop();
    data?.remove();
  });

  const get = (p, who) => api(srv, 'GET', p, { session: s[who] });
  const post = (p, who, body) => api(srv, 'POST', p, { session: s[who], body });
  const move = (id, who, ke, extra = {}) => post(`/api/v1/usulan/${id}/transisi`, who, { ke, ...extra });
  const upload = (who, query, bytes, type = 'application/octet-stream') =>
    api(srv, 'POST', `/api/v1/lampiran?${new URLSearchParams(query)}`, {
      session: s[who],
      body: bytes,
      headers: { 'content-type': type },
    });
  async function moved(id, who, ke, extra) {
    const r = await move(id, who, ke, extra);
    assert.equal(r.status, 200, `${who} -> ${ke}: ${r.text}`);
    assert.equal(r.json.status, ke);
    return r.json;
  }
  async function created(who, keluarga_id, body = { jenis: 'penghapusan', alasan: 'meninggal' }) {
    const r = await post('/api/v1/usulan', who, { keluarga_id, ...body });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.status, 'draft');
    return r.json;
  }
  async function verified(keluarga_id) {
    const u = await created('operator', keluarga_id);
    await moved(u.id, 'operator', 'diajukan');
    await moved(u.id, 'tksk', 'ditinjau');
    return moved(u.id, 'operator', 'diverifikasi', { hasil_periksa: 1, ...GPS });
  }
  async function minutes(who, kode_wilayah) {
    const r = await upload(who, { pemilik: 'musyawarah', kode_wilayah }, PDF, 'application/pdf');
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.mime, 'application/pdf');
    return r.json.id;
  }

  test('one proposal walks through every state, each move by its role, illegal moves refused', async () => {
    const u = await created('psm', kk.h1);
    assert.equal(u.kode_wilayah, `${RW1}`);

    // Illegal moves: 409 naming the current state; a legal move by the wrong role: 403.
    let r = await move(u.id, 'psm', 'disetujui');
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.code, 'conflict');
    assert.match(r.json.error.message, /draft/);
    r = await move(u.id, 'operator', 'ditinjau');
    assert.equal(r.status, 409);
    r = await move(u.id, 'tksk', 'diajukan');
    assert.equal(r.status, 403, r.text);
    assert.equal(r.json.error.code, 'permission_denied');
    r = await move(u.id, 'psm', 'entah');
    assert.equal(r.status, 400);

    await moved(u.id, 'psm', 'diajukan');
    // The TKSK of the kecamatan has it in their queue; the TKSK of another kecamatan does not see it.
    r = await get('/api/v1/usulan?antrian=saya', 'tksk');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((x) => x.id), [u.id]);
    r = await get('/api/v1/usulan?antrian=saya', 'tksk-lain');
    assert.deepEqual(r.json.items, []);
    r = await get(`/api/v1/usulan/${u.id}`, 'tksk-lain');
    assert.equal(r.status, 404);

    r = await move(u.id, 'tksk', 'dikembalikan');
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'catatan');
    const back = await moved(u.id, 'tksk', 'dikembalikan', { catatan: 'Lampirkan surat kematian' });
    assert.equal(back.catatan, 'Lampirkan surat kematian');
    r = await get('/api/v1/usulan?antrian=saya', 'psm');
    assert.deepEqual(r.json.items.map((x) => x.id), [u.id]);
    r = await api(srv, 'PATCH', `/api/v1/usulan/${u.id}`, {
      session: s.psm,
      body: { version: back.version, isi: { surat_kematian: 'ada' } },
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.isi, { surat_kematian: 'ada' });

    await moved(u.id, 'psm', 'diajukan');
    await moved(u.id, 'tksk', 'ditinjau');
    r = await move(u.id, 'psm', 'diverifikasi', { hasil_periksa: 1 });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'lat');
    const v = await moved(u.id, 'psm', 'diverifikasi', { hasil_periksa: 1, ...GPS, jawaban: { status_keberadaan: 'meninggal' } });
    assert.equal(v.periksa.hasil, 1);
    assert.equal(v.periksa.oleh, 'psm');
    r = await upload('psm', { pemilik: 'usulan', pemilik_id: u.id }, PNG, 'image/jpeg');
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.mime, 'image/png'); // what the bytes say, not the header

    r = await get('/api/v1/usulan?antrian=saya', 'operator');
    assert.deepEqual(r.json.items.map((x) => x.id), [u.id]);
    const m = await post('/api/v1/musyawarah', 'tksk', {
      nomor_berita_acara: '001/BA/MK/2025',
      tanggal: '2025-03-10',
      notulen_lampiran_id: await minutes('tksk', KELURAHAN),
      usulan_ids: [u.id],
    });
    assert.equal(m.status, 201, m.text);
    assert.equal(m.json.kode_kelurahan, KELURAHAN);
    r = await get(`/api/v1/usulan/${u.id}`, 'psm');
    assert.equal(r.json.status, 'dimusyawarahkan');
    assert.equal(r.json.musyawarah_id, m.json.id);
    assert.equal(r.json.lampiran.length, 1);

    r = await move(u.id, 'tksk', 'disetujui');
    assert.equal(r.status, 403);
    await moved(u.id, 'operator', 'disetujui');
    r = await move(u.id, 'operator', 'padan');
    assert.equal(r.status, 409);
    assert.match(r.json.error.message, /disetujui/);
    await moved(u.id, 'operator', 'diekspor');
    const done = await moved(u.id, 'operator', 'padan');
    assert.equal(done.hasil_nasional, 'padan');
    r = await move(u.id, 'operator', 'diterima');
    assert.equal(r.status, 409);

    r = await get(`/api/v1/usulan/${u.id}/riwayat`, 'kepala');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      r.json.items.map((h) => h.ke),
      ['draft', 'diajukan', 'dikembalikan', 'diajukan', 'ditinjau', 'diverifikasi', 'dimusyawarahkan', 'disetujui', 'diekspor', 'padan'],
    );
    assert.deepEqual(
      r.json.items.map((h) => h.role),
      ['psm', 'psm', 'tksk', 'psm', 'tksk', 'psm', 'tksk', 'operator', 'operator', 'operator'],
    );
    r = await get(`/api/v1/usulan/ringkasan?kode_wilayah=${KELURAHAN}`, 'kepala');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.per_status.padan, 1);
    r = await get('/api/v1/usulan/ringkasan', 'psm-dua');
    assert.equal(r.json.total, 0);
  });

  test('a musyawarah batch refuses proposals from two kelurahan, and changes nothing', async () => {
    const a = await verified(kk.h1);
    const b = await verified(kk.h3);
    const r = await post('/api/v1/musyawarah', 'operator', {
      nomor_berita_acara: '002/BA/MK/2025',
      tanggal: '2025-03-11',
      notulen_lampiran_id: await minutes('operator', KELURAHAN),
      usulan_ids: [a.id, b.id],
    });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'usulan_ids');
    for (const id of [a.id, b.id]) assert.equal((await get(`/api/v1/usulan/${id}`, 'operator')).json.status, 'diverifikasi');
    // Without minutes there is no musyawarah either.
    const none = await post('/api/v1/musyawarah', 'operator', {
      nomor_berita_acara: '003/BA/MK/2025', tanggal: '2025-03-11', usulan_ids: [a.id],
    });
    assert.equal(none.status, 400);
    assert.equal(none.json.error.field, 'notulen_lampiran_id');
  });

  test('a NIK or special data nested anywhere in a proposal\'s content is refused, naming where it is', async () => {
    const before = (await get('/api/v1/usulan', 'psm')).json.items.length;
    const isi = { anggota: [{ nama: 'Ani' }, { nama: 'Budi' }, { nama: 'Sri', nik: '3671014507900001' }] };
    for (const lang of ['id', 'en']) {
      const r = await api(srv, 'POST', '/api/v1/usulan', { session: s.psm, lang, body: { keluarga_id: kk.h1, jenis: 'perubahan', isi } });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, 'isi.anggota[2].nik');
      assert.match(r.json.error.message, lang === 'id' ? /tidak dicatat di isi usulan \(isi\.anggota\[2\]\.nik\)/ : /is not written into a proposal \(isi\.anggota\[2\]\.nik\)/);
    }
    const u = await created('psm', kk.h1, { jenis: 'perubahan', isi: { kepala: { pekerjaan: 'buruh' } } });
    const r = await api(srv, 'PATCH', `/api/v1/usulan/${u.id}`, {
      session: s.psm,
      body: { version: u.version, isi: { kepala: { kesehatan: { penyakit_kronis: 'diabetes' } } } },
    });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'isi.kepala.kesehatan.penyakit_kronis');
    const kept = await get(`/api/v1/usulan/${u.id}`, 'psm');
    assert.deepEqual(kept.json.isi, { kepala: { pekerjaan: 'buruh' } });
    assert.equal((await get('/api/v1/usulan', 'psm')).json.items.length, before + 1);
    await moved(u.id, 'psm', 'dibatalkan');
  });

  test('an attachment is typed by its bytes: a wrong type is refused whatever it claims to be', async () => {
    const u = await created('psm', kk.h1);
    let r = await upload('psm', { pemilik: 'usulan', pemilik_id: u.id }, Buffer.from('<html><script>alert(1)</script>'), 'image/jpeg');
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'berkas');
    r = await upload('psm', { pemilik: 'usulan', pemilik_id: u.id }, Buffer.from('GIF89a\x01\x00'), 'image/gif');
    assert.equal(r.status, 400);
    r = await upload('psm', { pemilik: 'usulan', pemilik_id: u.id }, PNG_TAGGED, 'image/png');
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.ukuran, PNG.length); // stored without its text chunk
    const id = r.json.id;
    r = await api(srv, 'GET', `/api/v1/lampiran/${id}`, { session: s.tksk });
    assert.equal(r.status, 200);
    assert.ok(!r.text.includes('GPS -6.1781'), 'the camera metadata is gone');
    assert.equal(r.headers.get('content-type'), 'image/png');
    assert.match(r.headers.get('content-disposition'), /^attachment/);
    r = await get(`/api/v1/lampiran/${id}`, 'psm-dua');
    assert.equal(r.status, 404);
    // Every view is audited, so the browser may keep no copy to show again unasked: the same
    // file opened twice is two recorded views (the refused one above is none).
    r = await api(srv, 'GET', `/api/v1/lampiran/${id}`, { session: s.tksk });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('cache-control'), 'private, no-store');
    r = await get(`/api/v1/audit?action=lampiran.lihat&entity_id=${id}`, 'admin');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.filter((e) => e.entity_id === String(id)).map((e) => [e.actor_username, e.entity, e.detail]),
      [['tksk', 'lampiran', `usulan ${u.id}`], ['tksk', 'lampiran', `usulan ${u.id}`]]);
    r = await get(`/api/v1/lampiran/${id}`, 'psm-dua');
    assert.equal(r.status, 404);
    r = await upload('psm-dua', { pemilik: 'usulan', pemilik_id: u.id }, PNG, 'image/png');
    assert.equal(r.status, 404);
  });

  test('scope on every endpoint: outside the area is 404, like a record that does not exist', async () => {
    const u = await created('psm', kk.h1);
    const out = [
      ['GET', `/api/v1/usulan/${u.id}`],
      ['GET', `/api/v1/usulan/${u.id}/riwayat`],
      ['PATCH', `/api/v1/usulan/${u.id}`, { version: u.version, isi: {} }],
      ['POST', `/api/v1/usulan/${u.id}/transisi`, { ke: 'diajukan' }],
      ['POST', `/api/v1/usulan/${u.id}/transisi`, { ke: 'dibatalkan' }],
    ];
    for (const [method, p, body] of out) {
      const r = await api(srv, method, p, { session: s['psm-dua'], body });
      assert.equal(r.status, 404, `${method} ${p} as psm-dua: ${r.text}`);
    }
    // A PSM cannot propose for a household outside their RW.
    let r = await post('/api/v1/usulan', 'psm-dua', { keluarga_id: kk.h1, jenis: 'penghapusan', alasan: 'pindah' });
    assert.equal(r.status, 404, r.text);
    r = await get('/api/v1/usulan', 'psm-dua');
    assert.ok(r.json.items.every((x) => x.kode_wilayah.startsWith(RW2)));
    r = await get('/api/v1/usulan', 'tksk-lain');
    assert.deepEqual(r.json.items, []);
    // The author cancels their own draft.
    await moved(u.id, 'psm', 'dibatalkan');
  });

  test('a ground-check list is split by RW among the PSMs, with progress per PSM, RW, kelurahan, kecamatan', async () => {
    let r = await post('/api/v1/daftar-periksa', 'operator', { nama: 'Verivali triwulan I', kode_wilayah: '36.71.01', desil_max: 5 });
    assert.equal(r.status, 201, r.text);
    const d = r.json;
    assert.equal(d.total, 3);
    r = await post(`/api/v1/daftar-periksa/${d.id}/bagi`, 'operator', {});
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.ditugaskan, 2);
    assert.deepEqual(r.json.per_petugas, { psm: 1, 'psm-dua': 1 });
    assert.deepEqual(r.json.rw_tanpa_petugas, [RW_K2]);
    r = await post(`/api/v1/daftar-periksa/${d.id}/bagi`, 'operator', { penugasan: [{ kode_rw: RW_K2, petugas: 'psm' }] });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'penugasan[0].petugas');

    r = await get('/api/v1/periksa?saya=1', 'psm');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items.length, 1);
    const item = r.json.items[0];
    assert.equal(item.keluarga_id, kk.h1);
    assert.equal(item.kode_rw, RW1);
    assert.equal(item.petugas, 'psm');
    r = await get(`/api/v1/periksa/${item.id}`, 'psm-dua');
    assert.equal(r.status, 404);
    r = await post(`/api/v1/periksa/${item.id}/hasil`, 'psm-dua', { version: item.version, hasil: 1, ...GPS });
    assert.equal(r.status, 404);
    r = await post(`/api/v1/periksa/${item.id}/hasil`, 'psm', { version: item.version, hasil: 3, ...GPS, jawaban: { pindah_ke: 'Bekasi' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'selesai');
    r = await post(`/api/v1/periksa/${item.id}/hasil`, 'psm', { version: item.version, hasil: 1, ...GPS });
    assert.equal(r.status, 409, 'a stale version is refused');

    const progress = async (per, who = 'operator') => {
      const res = await get(`/api/v1/daftar-periksa/${d.id}/kemajuan?per=${per}`, who);
      assert.equal(res.status, 200, res.text);
      return Object.fromEntries(res.json.items.map((k) => [k.kelompok, [k.selesai, k.total]]));
    };
    assert.deepEqual(await progress('psm'), { '': [0, 1], psm: [1, 1], 'psm-dua': [0, 1] });
    assert.deepEqual(await progress('rw'), { [RW1]: [1, 1], [RW2]: [0, 1], [RW_K2]: [0, 1] });
    assert.deepEqual(await progress('kelurahan'), { [KELURAHAN]: [1, 2], [KELURAHAN2]: [0, 1] });
    assert.deepEqual(await progress('kecamatan'), { '36.71.01': [1, 3] });
    assert.deepEqual(await progress('kecamatan', 'tksk'), { '36.71.01': [1, 3] });
    r = await get(`/api/v1/daftar-periksa/${d.id}/kemajuan`, 'tksk-lain');
    assert.equal(r.status, 404);
    r = await get(`/api/v1/daftar-periksa/${d.id}`, 'operator');
    assert.equal(r.json.selesai, 1);
    assert.equal(r.json.tanpa_petugas, 1);

    // From a national extract: an unknown No. KK stops the import and is named masked, with its line.
    r = await api(srv, 'POST', '/api/v1/daftar-periksa/impor?nama=Ekstrak%20DTSEN', {
      session: s.operator,
      body: 'no_kk\n3671010101250001\n3671010101259999\n',
      headers: { 'content-type': 'text/csv' },
    });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.row, 3);
    assert.ok(!r.text.includes('3671010101259999'));
    assert.match(r.text, /3671\*{8}9999/);
    r = await api(srv, 'POST', '/api/v1/daftar-periksa/impor?nama=Ekstrak%20DTSEN', {
      session: s.operator,
      body: 'no_kk\n3671010101250001\n3671010101250003\n',
      headers: { 'content-type': 'text/csv' },
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.total, 2);
    assert.equal(r.json.sumber, 'ekstrak');
  });
  test('the national upload: approved proposals, NIK and No. KK in full, operator only, marked diekspor once', async () => {
    // Household h2 (RW 002) gets two members; its removal is about both, kepala keluarga first.
    for (const body of [
      { nik: '3671010101150012', nama: 'Dedi Saputra', jenis_kelamin: 'L', tanggal_lahir: '2015-01-01', hubungan: 'anak' },
      { nik: '3671014507900011', nama: 'Sri Wahyuni', jenis_kelamin: 'P', tanggal_lahir: '1990-07-05', hubungan: 'kepala_keluarga' },
    ]) {
      const r = await post('/api/v1/anggota', 'operator', { keluarga_id: kk.h2, ...body });
      assert.equal(r.status, 201, r.text);
    }
    const v = await verified(kk.h2);
    const m = await post('/api/v1/musyawarah', 'operator', {
      nomor_berita_acara: '009/BA/MK/2025',
      tanggal: '2025-04-01',
      notulen_lampiran_id: await minutes('operator', KELURAHAN),
      usulan_ids: [v.id],
    });
    assert.equal(m.status, 201, m.text);
    await moved(v.id, 'operator', 'disetujui');

    let r;
    for (const who of ['psm', 'tksk', 'kepala', 'admin']) {
      r = await get('/api/v1/usulan/ekspor?format=csv', who);
      assert.equal(r.status, 403, `${who}: ${r.text}`);
    }
    const rowsOf = (text) => text.replace(/^\uFEFF/, '').trim().split('\n').map((l) => l.split(','));
    // GET: the file, and nothing changes.
    r = await get('/api/v1/usulan/ekspor?format=csv', 'operator');
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-disposition'), /attachment; filename="pilar-usulan-disetujui-semua-.*\.csv"/);
    let rows = rowsOf(r.text);
    assert.deepEqual(rows[0].slice(0, 7), ['no', 'id_usulan', 'jenis_usulan', 'alasan', 'nik', 'no_kk', 'nama']);
    const mine = rows.filter((x) => x[1] === String(v.id));
    assert.deepEqual(
      mine.map((x) => [x[4], x[5], x[6], x[10]]),
      [
        ['3671014507900011', '3671010101250002', 'Sri Wahyuni', 'kepala_keluarga'],
        ['3671010101150012', '3671010101250002', 'Dedi Saputra', 'anak'],
      ],
    );
    assert.deepEqual(mine[0].slice(2, 4), ['penghapusan', 'meninggal']);
    assert.deepEqual(mine[0].slice(17, 19), ['009/BA/MK/2025', '2025-04-01']);
    assert.equal((await get(`/api/v1/usulan/${v.id}`, 'operator')).json.status, 'disetujui');

    // POST: the same proposals as XLSX, each moved to diekspor; a second POST has nothing left.
    r = await post('/api/v1/usulan/ekspor', 'operator');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.get('x-export-ditandai'), 'ya');
    assert.equal(r.headers.get('x-export-rows'), String(rows.length - 1));
    assert.match(r.headers.get('content-type'), /spreadsheetml/);
    assert.equal((await get(`/api/v1/usulan/${v.id}`, 'operator')).json.status, 'diekspor');
    const hist = (await get(`/api/v1/usulan/${v.id}/riwayat`, 'operator')).json.items.at(-1);
    assert.equal(hist.ke, 'diekspor');
    assert.match(hist.catatan, /unggah nasional: pilar-usulan-disetujui-semua-.*\.xlsx/);
    r = await post('/api/v1/usulan/ekspor?format=csv', 'operator');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.get('x-export-usulan'), '0');
    assert.equal(rowsOf(r.text).length, 1); // the header only
    // An earlier upload can be fetched again, without marking anything.
    r = await get('/api/v1/usulan/ekspor?format=csv&status=diekspor', 'operator');
    assert.ok(rowsOf(r.text).some((x) => x[1] === String(v.id)));
    r = await post('/api/v1/usulan/ekspor?status=diekspor', 'operator');
    assert.equal(r.status, 400, r.text);

    // Every export is in the audit trail, and so is each unmasked read of the people in it.
    r = await get('/api/v1/audit?action=usulan.ekspor_unggah', 'admin');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items.length, 4);
    assert.ok(r.json.items.some((e) => /"ditandai":true/.test(e.detail) && !/"usulan":0/.test(e.detail)));
  });

  test('a household that moves takes its proposals along: the old RW no longer reads them, the new RW does', async () => {
    const h = await post('/api/v1/keluarga', 'operator', { no_kk: '3671010101250004', kode_wilayah: KELURAHAN, rw: '001', alamat: 'Jl. Melati 4' });
    assert.equal(h.status, 201, h.text);
    const u = await created('psm', h.json.id);
    await moved(u.id, 'psm', 'diajukan');
    // The TKSK records the household's move to RW 002 in the registry.
    const m = await api(srv, 'PATCH', `/api/v1/keluarga/${h.json.id}`, {
      session: s.tksk, body: { version: h.json.version, alasan: 'pindah ke RW 002', rw: '002' },
    });
    assert.equal(m.status, 200, m.text);
    for (const p of [`/api/v1/usulan/${u.id}`, `/api/v1/usulan/${u.id}/riwayat`]) {
      const r = await get(p, 'psm');
      assert.equal(r.status, 404, `${p} as the PSM of the old RW: ${r.text}`);
    }
    let r = await get('/api/v1/usulan?limit=100', 'psm');
    assert.ok(!r.json.items.some((x) => x.id === u.id), 'not in the old RW\'s list');
    r = await get(`/api/v1/usulan/${u.id}`, 'psm-dua');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.kode_wilayah, RW2);
    r = await get('/api/v1/usulan?limit=100', 'psm-dua');
    assert.ok(r.json.items.some((x) => x.id === u.id), 'in the new RW\'s list');
  });
});
