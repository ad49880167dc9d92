// Training events over HTTP (src/events): the office creates an event with sessions, invites by
// role and wilayah, registers speakers and guests; capacity holds; ten doors scanning the same
// cards at once count each participant once per session and tell the others which door was first;
// the door-prize draw is reproducible from its recorded seed and nobody wins twice; certificates
// verify at a public URL with minimal data; scope and roles are enforced; bad input changes
// nothing; files (attendance XLSX/PDF, cards, certificates) download; the CLI re-runs a draw.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KECAMATAN, PASSWORD, api, login, pilarOk, runPilar, setupDataDir, startServer } from './helpers.mjs';

const OTHER_KEL = '36.71.02.1001';

describe('events', () => {
  let data;
  let srv;
  const s = {};
  const call = (method, p, who, body) => api(srv, method, p, { session: who ? s[who] : undefined, body });

  before(async () => {
    data = await setupDataDir();
    await pilarOk(['wilayah', 'create', OTHER_KEL, '1', '--data', data.dir]);
    for (const [u, w] of [
      ['psm-lain', `${OTHER_KEL}.001`],
      ['relawan', `${OTHER_KEL}.001`],
    ])
      await pilarOk(['user', 'add', u, '--role', 'psm', '--wilayah', w, '--password-stdin', '--data', data.dir], { input: `${PASSWORD}\n` });
    srv = await startServer({ dataDir: data.dir });
    for (const u of ['admin', 'operator', 'kepala', 'tksk', 'psm', 'psm-lain', 'relawan']) s[u] = await login(srv, u);
  });
  // The server first: removing its data dir while it stops races its last writes (ENOTEMPTY).
  after(async () => {
    await srv?.stop();
    data?.remove();
  });

  const event = (over = {}) => ({
    judul: 'Pembinaan PSM 2026',
    jenis: 'pembinaan',
    tanggal_mulai: '2026-12-01',
    tanggal_selesai: '2026-12-02',
    tempat: 'Gedung Cisadane',
    kapasitas: 3,
    penyelenggara: 'Dinas Sosial Kota Tangerang',
    kode_wilayah: '36.71',
    status: 'dibuka',
    pelatihan_dasar: true,
    sesi: [
      { judul: 'Kerelawanan sosial', topik: 'kerelawanan sosial', mulai: '2026-12-01T08:00', selesai: '2026-12-01T12:00' },
      { judul: 'Citra diri dan komitmen', topik: 'citra diri', mulai: '2026-12-02T08:00', selesai: '2026-12-02T12:00' },
    ],
    ...over,
  });
  const guest = async (id, nama, peran = 'peserta') => {
    const r = await call('POST', `/api/v1/acara/${id}/peserta`, 'operator', { nama, peran, instansi: 'LKS Mawar', telepon: '0812 3456' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.token, undefined, 'lists and answers never carry the QR token');
    return r.json;
  };
  // The QR token reaches only the participant (acara-saya) and the cards; the tests read it the
  // way a door would: from the participant's own card.
  const tokenOf = async (who, id) => {
    const r = await call('GET', '/api/v1/acara-saya', who);
    assert.equal(r.status, 200, r.text);
    const mine = r.json.items.find((a) => a.id === id);
    assert.ok(mine, `${who} has no card for event ${id}`);
    return mine.peserta;
  };

  test('create, invite by role and wilayah, register within capacity', async () => {
    const bad = await call('POST', '/api/v1/acara', 'operator', event({ kapasitas: 0 }));
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.field, 'kapasitas');
    const badSesi = await call('POST', '/api/v1/acara', 'operator', event({ sesi: [{ judul: 'x', mulai: '2026-12-09T08:00', selesai: '2026-12-09T09:00' }] }));
    assert.equal(badSesi.status, 400);
    const en = await api(srv, 'POST', '/api/v1/acara', { session: s.operator, body: event({ judul: '' }), lang: 'en' });
    assert.match(en.json.error.message, /judul is required/);
    assert.equal((await call('GET', '/api/v1/acara', 'operator')).json.items.length, 0, 'bad input created nothing');
    assert.equal((await call('POST', '/api/v1/acara', 'psm', event())).status, 403);
    assert.equal((await call('POST', '/api/v1/acara', 'kepala', event())).status, 403);

    const r = await call('POST', '/api/v1/acara', 'operator', event());
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    assert.equal(r.json.sesi.length, 2);
    assert.equal(r.json.sesi[0].topik, 'kerelawanan sosial');

    const inv = await call('POST', `/api/v1/acara/${id}/undangan`, 'operator', { peran_akun: ['psm', 'tksk'], kode_wilayah: KECAMATAN });
    assert.equal(inv.status, 200, inv.text);
    assert.equal(inv.json.diundang, 2, 'psm and tksk of kecamatan 36.71.01; not psm-lain');
    const tkskView = await call('GET', `/api/v1/acara/${id}/peserta`, 'tksk');
    assert.deepEqual(tkskView.json.items.map((p) => p.peran_akun).sort(), ['psm', 'tksk']);

    assert.equal((await call('POST', `/api/v1/acara/${id}/daftar`, 'psm')).status, 200);
    await guest(id, 'Dr. Narasumber', 'narasumber');
    const third = await call('POST', `/api/v1/acara/${id}/daftar`, 'tksk');
    assert.equal(third.status, 200, third.text);
    const full = await call('POST', `/api/v1/acara/${id}/daftar`, 'psm-lain');
    assert.equal(full.status, 409, 'capacity 3 is full');
    assert.equal(full.json.error.field, 'kapasitas');
    const detail = await call('GET', `/api/v1/acara/${id}`, 'kepala');
    assert.equal(detail.json.jumlah_terdaftar, 3);
    // Raising the capacity (with the version seen) lets psm-lain in; a stale version is refused.
    const stale = await call('PATCH', `/api/v1/acara/${id}`, 'operator', { kapasitas: 10, version: 99 });
    assert.equal(stale.status, 409);
    const up = await call('PATCH', `/api/v1/acara/${id}`, 'operator', { kapasitas: 10, version: detail.json.version });
    assert.equal(up.status, 200, up.text);
    assert.equal((await call('POST', `/api/v1/acara/${id}/daftar`, 'psm-lain')).status, 200);
    // Scope: a PSM sees only themselves in the list; psm-lain is not the TKSK's.
    const own = await call('GET', `/api/v1/acara/${id}/peserta`, 'psm');
    assert.deepEqual(own.json.items.map((p) => p.peran_akun), ['psm']);
    assert.ok(!(await call('GET', `/api/v1/acara/${id}/peserta`, 'tksk')).json.items.some((p) => p.kode_wilayah?.startsWith('36.71.02')));
  });

  test('ten doors at once count each participant once, and tell who was first', async () => {
    const r = await call('POST', '/api/v1/acara', 'operator', event({ judul: 'Bimtek pintu', kapasitas: 100 }));
    const id = r.json.id;
    const sesi = r.json.sesi[0].id;
    // Door staff: a committee member with a user account (psm "relawan").
    const panitia = await call('POST', `/api/v1/acara/${id}/peserta`, 'operator', { username: 'relawan', peran: 'panitia' });
    assert.equal(panitia.status, 201, panitia.text);
    assert.equal((await call('POST', `/api/v1/acara/${id}/daftar`, 'psm')).status, 200);
    const card = await tokenOf('psm', id);
    assert.match(card.qr_svg, /^<svg /);
    assert.match(card.kode_kartu, /^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    // Guests without an account: their tokens exist only on the printed cards.
    for (let i = 0; i < 19; i++) await guest(id, `Tamu ${i}`, 'tamu');
    const cards = await call('GET', `/api/v1/acara/${id}/kartu`, 'operator');
    assert.equal(cards.status, 200);
    assert.equal(cards.headers.get('content-type'), 'application/pdf');
    assert.equal(cards.headers.get('x-export-rows'), '21', 'psm, relawan and 19 guests');
    // A PSM who is not committee sees the kota-wide event but may not scan.
    const denied = await call('POST', `/api/v1/acara/${id}/check-in`, 'psm-lain', { kode: card.token, sesi_id: sesi, pintu: 'X' });
    assert.equal(denied.status, 403);

    // Ten doors (operator, admin and the committee member), every one scanning the PSM's card at once.
    const doors = ['operator', 'admin', 'relawan', 'operator', 'admin', 'relawan', 'operator', 'admin', 'relawan', 'operator'];
    const results = await Promise.all(
      doors.map((who, i) => call('POST', `/api/v1/acara/${id}/check-in`, who, { kode: card.kode_kartu.toLowerCase(), sesi_id: sesi, pintu: `Pintu ${i + 1}` })),
    );
    const counted = results.filter((x) => x.status === 201);
    assert.equal(counted.length, 1, results.map((x) => `${x.status} ${x.text}`).join('\n'));
    const first = counted[0].json.hadir.pintu;
    for (const x of results.filter((y) => y.status === 200)) {
      assert.equal(x.json.hasil, 'sudah');
      assert.match(x.json.pesan, new RegExp(`sudah check-in di ${first}, \\d\\d:\\d\\d`));
    }
    const hadir = await call('GET', `/api/v1/acara/${id}/hadir`, 'operator');
    assert.equal(hadir.json.items.length, 1);
    // Another session counts separately; a made-up code is 404; a bad one 400.
    const s2 = await call('POST', `/api/v1/acara/${id}/check-in`, 'relawan', { kode: card.token, sesi_id: r.json.sesi[1].id, pintu: 'Pintu 2' });
    assert.equal(s2.status, 201, s2.text);
    assert.equal((await call('POST', `/api/v1/acara/${id}/check-in`, 'operator', { kode: 'ABCDE-ABCDE-ABCDE-ABCDE', sesi_id: sesi })).status, 404);
    assert.equal((await call('POST', `/api/v1/acara/${id}/check-in`, 'operator', { kode: '??', sesi_id: sesi })).status, 400);
    const audit = await call('GET', '/api/v1/audit?action=acara.check_in', 'admin');
    assert.equal(audit.status, 200, audit.text);
    assert.equal(audit.json.items.filter((e) => e.action === 'acara.check_in').length, 2, 'each counted check-in audited once');
  });

  test('door-prize draw: recorded seed, reproducible, nobody twice; certificates verify publicly', async () => {
    const r = await call('POST', '/api/v1/acara', 'operator', event({ judul: 'Pembinaan doorprize', kapasitas: 50 }));
    const id = r.json.id;
    const [s1, s2] = r.json.sesi.map((x) => x.id);
    const users = ['psm', 'tksk', 'psm-lain'];
    for (const u of users) assert.equal((await call('POST', `/api/v1/acara/${id}/daftar`, u)).status, 200);
    for (const u of users) {
      const tok = (await tokenOf(u, id)).token;
      assert.equal((await call('POST', `/api/v1/acara/${id}/check-in`, 'operator', { kode: tok, sesi_id: s1, pintu: 'A' })).status, 201);
      if (u !== 'psm-lain')
        assert.equal((await call('POST', `/api/v1/acara/${id}/check-in`, 'operator', { kode: tok, sesi_id: s2, pintu: 'A' })).status, 201);
    }
    await guest(id, 'Narasumber Tidak Ikut Undian', 'narasumber');

    assert.equal((await call('POST', `/api/v1/acara/${id}/undian`, 'tksk', { hadiah: 'Kipas' })).status, 403);
    assert.equal((await call('POST', `/api/v1/acara/${id}/undian`, 'operator', { hadiah: 'Kipas', jumlah: 0 })).status, 400);
    const d1 = await call('POST', `/api/v1/acara/${id}/undian`, 'operator', { hadiah: 'Kipas angin', jumlah: 2, seed: 'angka panggung 4711' });
    assert.equal(d1.status, 201, d1.text);
    assert.equal(d1.json.seed, 'angka panggung 4711');
    assert.equal(d1.json.calon.length, 3, 'the three attending participants; not the speaker');
    assert.equal(d1.json.pemenang.length, 2);
    const d2 = await call('POST', `/api/v1/acara/${id}/undian`, 'operator', { hadiah: 'Sepeda', jumlah: 5 });
    assert.equal(d2.status, 201, d2.text);
    assert.ok(d2.json.seed.length >= 8, 'a seed is made and recorded');
    assert.equal(d2.json.calon.length, 1, 'earlier winners are out');
    const winners = [...d1.json.pemenang, ...d2.json.pemenang].map((w) => w.peserta_id);
    assert.equal(new Set(winners).size, 3, 'nobody twice');
    assert.equal((await call('POST', `/api/v1/acara/${id}/undian`, 'operator', { hadiah: 'Payung' })).status, 409, 'nobody left');
    const again = await call('GET', `/api/v1/acara/${id}/undian/${d1.json.id}/ulang`, 'kepala');
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.sama, true);
    assert.deepEqual(again.json.pemenang_ulang, d1.json.pemenang.map((w) => w.peserta_id));
    // The CLI re-runs it too (exit 0 = same).
    await srv.stop();
    const cli = await runPilar(['events', 'verify-draw', String(id), String(d1.json.id), '--data', data.dir]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal(JSON.parse(cli.stdout).sama, true);
    const att = await runPilar(['events', 'attendance', String(id), '--out', `${data.root}/hadir.xlsx`, '--data', data.dir]);
    assert.equal(att.code, 0, att.stderr);
    const badOut = await runPilar(['events', 'attendance', String(id), '--out', `${data.root}/hadir.txt`, '--data', data.dir]);
    assert.equal(badOut.code, 2, badOut.stderr);
    srv = await startServer({ dataDir: data.dir });
    for (const u of ['admin', 'operator', 'kepala', 'tksk', 'psm', 'psm-lain', 'relawan']) s[u] = await login(srv, u);

    // Certificates: all sessions by default.
    const issued = await call('POST', `/api/v1/acara/${id}/sertifikat`, 'operator', {});
    assert.equal(issued.status, 200, issued.text);
    assert.equal(issued.json.diterbitkan, 2);
    assert.equal(issued.json.tidak_memenuhi, 2, 'psm-lain (one of two sessions) and the speaker (none)');
    const list = (await call('GET', `/api/v1/acara/${id}/peserta`, 'operator')).json.items;
    const psm = list.find((p) => p.peran_akun === 'psm' && p.sertifikat_kode);
    // Public: no session at all.
    const v = await api(srv, 'GET', `/api/v1/sertifikat/${psm.sertifikat_kode.toLowerCase()}`);
    assert.equal(v.status, 200, v.text);
    assert.deepEqual(Object.keys(v.json).sort(), ['acara', 'dicabut_pada', 'kode', 'nama', 'tanggal_mulai', 'tanggal_selesai', 'valid']);
    assert.equal(v.json.valid, true);
    assert.equal(v.json.acara, 'Pembinaan doorprize');
    const unknown = await api(srv, 'GET', '/api/v1/sertifikat/ABCDEFGHJKMN');
    assert.deepEqual(unknown.json, { valid: false, kode: 'ABCDEFGHJKMN' });
    assert.equal((await api(srv, 'GET', '/api/v1/sertifikat/nope')).status, 400);
    // The participant prints their own certificate; another PSM cannot print it.
    const mine = await call('GET', `/api/v1/acara/${id}/sertifikat?peserta=${psm.id}`, 'psm');
    assert.equal(mine.status, 200, mine.text);
    assert.equal(mine.headers.get('content-type'), 'application/pdf');
    assert.equal((await call('GET', `/api/v1/acara/${id}/sertifikat?peserta=${psm.id}`, 'psm-lain')).status, 404);
    // Revoked: the public check says invalid.
    assert.equal((await call('POST', `/api/v1/acara/${id}/peserta/${psm.id}/cabut-sertifikat`, 'operator', { alasan: '' })).status, 400);
    assert.equal((await call('POST', `/api/v1/acara/${id}/peserta/${psm.id}/cabut-sertifikat`, 'operator', { alasan: 'salah nama' })).status, 200);
    assert.equal((await api(srv, 'GET', `/api/v1/sertifikat/${psm.sertifikat_kode}`)).json.valid, false);
    // Attendance lists as files.
    for (const format of ['xlsx', 'pdf']) {
      const f = await call('GET', `/api/v1/acara/${id}/hadir?format=${format}`, 'kepala');
      assert.equal(f.status, 200, f.text);
      assert.equal(f.headers.get('x-export-rows'), '4', 'three participants and the speaker');
    }
    assert.equal((await call('GET', `/api/v1/acara/${id}/hadir?format=csv`, 'operator')).status, 400);
  });

  test('drafts and local events stay out of sight; the route table holds every route', async () => {
    const draft = await call('POST', '/api/v1/acara', 'operator', event({ judul: 'Draf rahasia', status: 'draf' }));
    assert.equal((await call('GET', `/api/v1/acara/${draft.json.id}`, 'psm')).status, 404);
    const local = await call('POST', '/api/v1/acara', 'operator', event({ judul: 'Lokal 02', kode_wilayah: '36.71.02' }));
    assert.equal((await call('GET', `/api/v1/acara/${local.json.id}`, 'psm')).status, 404);
    assert.equal((await call('GET', `/api/v1/acara/${local.json.id}`, 'psm-lain')).status, 200);
    assert.equal((await call('POST', `/api/v1/acara/${local.json.id}/daftar`, 'psm')).status, 404);
    assert.equal((await call('GET', '/api/v1/acara', 'psm')).json.items.some((a) => a.judul === 'Draf rahasia'), false);
    assert.equal((await call('GET', '/api/v1/acara/abc', 'operator')).status, 404, 'a path id that is not a number names no record');
    assert.equal((await api(srv, 'GET', '/api/v1/acara')).status, 401, 'events need a login');
    const doc = await api(srv, 'GET', '/api/openapi.json');
    for (const p of ['/api/v1/acara/{id}/check-in', '/api/v1/sertifikat/{kode}', '/api/v1/acara-saya']) assert.ok(doc.json.paths[p], p);
  });
});
