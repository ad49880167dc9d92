// The workforce over HTTP: the office builds a roster (PSMs linked to accounts, a TKSK, SKs,
// assignments), coverage names the RW without a PSM and the RW with two, activity reports come
// in online and through the offline sync queue with photos and households touched, the monthly
// recap equals what was recorded (reports and proposals), incentive and ranking follow the
// rules, and every read is scoped (a TKSK sees only their kecamatan, a PSM only themself).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { KECAMATAN, KELURAHAN, KOTA, PASSWORD, RW1, activePilar as makeActivePilar, api, login, pilarOk, runPilar, setupDataDir, startServer } from './helpers.mjs';

const RW2 = `${KELURAHAN}.002`;
const KELURAHAN2 = '36.71.01.1002';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082', 'hex');
const TODAY = new Date().toISOString().slice(0, 10);
const BULAN = TODAY.slice(0, 7);
const GPS = { lat: -6.1781, lon: 106.6319 };

describe('workforce', () => {
  let data;
  let srv;
  const s = {};
  const ids = {};

  before(async () => {
    data = await setupDataDir();
    await pilarOk(['wilayah', 'create', KELURAHAN, '2', '--data', data.dir]);
    await pilarOk(['wilayah', 'create', KELURAHAN2, '1', '--data', data.dir]);
    await pilarOk(['user', 'add', 'tksk-lain', '--role', 'tksk', '--wilayah', '36.71.02', '--password-stdin', '--data', data.dir],
      { input: `${PASSWORD}\n` });
    await pilarOk(['user', 'add', 'psm-baru', '--role', 'psm', '--wilayah', RW2, '--password-stdin', '--data', data.dir],
      { input: `${PASSWORD}\n` });
    srv = await startServer({ dataDir: data.dir });
    for (const u of ['admin', 'operator', 'kepala', 'tksk', 'psm', 'tksk-lain', 'psm-baru']) s[u] = await login(srv, u);
  });

  after(async () => {
    await srv?.stop();
    data?.remove();
  });

  const get = (p, who = 'operator') => api(srv, 'GET', p, { session: s[who] });
  const post = (p, who, body) => api(srv, 'POST', p, { session: s[who], body });

  const activePilar = (o) => makeActivePilar(srv, s.operator, o);

  test('roster and coverage: the RW without a PSM and the RW with two', async () => {
    ids.psm = (await activePilar({ nama: 'Siti Rahayu', username: 'psm', wilayah: [RW1] })).id;
    ids.psm2 = (await activePilar({ nama: 'Budi Santoso', wilayah: [RW1] })).id;
    ids.tksk = (await activePilar({ jenis: 'tksk', nama: 'Agus Salim', username: 'tksk', wilayah: [KECAMATAN], kode_wilayah: KECAMATAN })).id;

    let r = await get(`/api/v1/cakupan?kode_wilayah=${KELURAHAN}`, 'tksk');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.rw, 2);
    assert.equal(r.json.rw_kosong, 1);
    assert.equal(r.json.rw_ganda, 1);
    assert.deepEqual(r.json.kelurahan[0].kosong.map((x) => x.kode), [RW2]);
    assert.deepEqual(r.json.kelurahan[0].ganda.map((x) => x.kode), [RW1]);
    assert.deepEqual(r.json.kelurahan[0].ganda[0].psm.map((x) => x.nama).sort(), ['Budi Santoso', 'Siti Rahayu']);

    r = await get('/api/v1/cakupan', 'tksk');  // the TKSK's kecamatan by default
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.kode_wilayah, KECAMATAN);
    assert.equal(r.json.kecamatan[0].tksk, 'Agus Salim');
    assert.equal(r.json.rw_kosong, 2, 'RW 001 of the second kelurahan has no PSM either');

    r = await get(`/api/v1/cakupan/peta?kode_wilayah=${KECAMATAN}`, 'kepala');
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /geo\+json/);
    assert.equal(r.json.type, 'FeatureCollection');
    const f = r.json.features.find((x) => x.id === KELURAHAN);
    assert.equal(f.properties.rw_kosong, 1);

    // The PSM's own record carries their RW and a checklist that is met.
    r = await get('/api/v1/pilar-sosial/saya', 'psm');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.pilar.id, ids.psm);
    assert.deepEqual(r.json.pilar.penugasan.filter((t) => !t.selesai).map((t) => t.kode_wilayah), [RW1]);
    assert.ok(r.json.pilar.syarat.every((x) => !x.wajib || x.terpenuhi), JSON.stringify(r.json.pilar.syarat));
    // A PSM account the roster does not list yet: an explicit "no record", not a 404.
    r = await get('/api/v1/pilar-sosial/saya', 'psm-baru');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { pilar: null });
  });

  test('scope: a TKSK sees only their kecamatan, a PSM only themself', async () => {
    let r = await get('/api/v1/pilar-sosial', 'tksk');
    assert.equal(r.status, 200);
    assert.equal(r.json.items.length, 3);
    r = await get('/api/v1/pilar-sosial', 'tksk-lain');
    assert.deepEqual(r.json.items, []);
    r = await get(`/api/v1/pilar-sosial/${ids.psm}`, 'tksk-lain');
    assert.equal(r.status, 404);
    r = await get(`/api/v1/cakupan?kode_wilayah=${KECAMATAN}`, 'tksk-lain');
    assert.equal(r.status, 404);
    r = await get('/api/v1/pilar-sosial', 'psm');
    assert.deepEqual(r.json.items.map((p) => p.id), [ids.psm]);
    r = await get(`/api/v1/pilar-sosial/${ids.psm2}`, 'psm');
    assert.equal(r.status, 404);
    r = await get('/api/v1/cakupan', 'psm');
    assert.equal(r.status, 403, 'coverage is for supervisors');
    r = await post('/api/v1/pilar-sosial', 'psm', { jenis: 'psm', nama: 'X', kode_wilayah: KELURAHAN });
    assert.equal(r.status, 403);
    r = await post('/api/v1/pilar-sosial', 'tksk', { jenis: 'psm', nama: 'X', kode_wilayah: KELURAHAN });
    assert.equal(r.status, 403);
  });

  test('bad input gets a clear bilingual error and changes nothing', async () => {
    const before = (await get('/api/v1/pilar-sosial?limit=200')).json.items.length;
    let r = await post('/api/v1/pilar-sosial', 'operator', { nama: 'Tanpa Jenis', kode_wilayah: KELURAHAN });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'jenis');
    r = await api(srv, 'POST', '/api/v1/pilar-sosial', { session: s.operator, body: { jenis: 'psm', nama: 'X', kode_wilayah: KECAMATAN }, lang: 'en' });
    assert.equal(r.status, 400);
    assert.match(r.json.error.message, /kelurahan/);
    r = await post('/api/v1/pilar-sosial', 'operator', { jenis: 'tksk', nama: 'Tono', kode_wilayah: '36.71.02' });
    assert.equal(r.status, 201);
    const tono = r.json;
    r = await post(`/api/v1/pilar-sosial/${tono.id}/sk`, 'operator', {
      nomor: 'SK/T', tanggal: '2026-01-01', ditandatangani: 'Wali Kota', mulai: '2026-01-01', selesai: '2031-06-30',
    });
    assert.equal(r.status, 400, 'a TKSK term is at most five years');
    assert.equal(r.json.error.field, 'selesai');
    r = await post(`/api/v1/pilar-sosial/${tono.id}/status`, 'operator', { status: 'aktif', version: tono.version });
    assert.equal(r.status, 409);
    assert.match(r.json.error.message, /pelatihan_dasar/);
    r = await get(`/api/v1/pilar-sosial/${tono.id}`);
    assert.equal(r.json.status, 'kandidat');
    assert.equal(r.json.sk, null);
    r = await post(`/api/v1/pilar-sosial/${tono.id}/status`, 'operator', { status: 'berhenti', version: tono.version });
    assert.equal(r.status, 400, 'berhenti needs a reason');
    assert.equal(r.json.error.field, 'alasan');
    assert.equal((await get('/api/v1/pilar-sosial?limit=200')).json.items.length, before + 1);
  });

  test('activity reports online and offline, households touched scoped, photos typed by bytes', async () => {
    const h = await post('/api/v1/keluarga', 'operator', { no_kk: '3671010101260001', kode_wilayah: KELURAHAN, rw: '001', alamat: 'Jl. Mawar 1' });
    assert.equal(h.status, 201, h.text);
    const elsewhere = await post('/api/v1/keluarga', 'operator', { no_kk: '3671010101260002', kode_wilayah: KELURAHAN2, rw: '001', alamat: 'Jl. Kenanga 2' });
    assert.equal(elsewhere.status, 201, elsewhere.text);

    let r = await post('/api/v1/laporan-kegiatan', 'psm', {
      tanggal: TODAY, jenis: 'kunjungan_rumah', uraian: 'Kunjungan ke lansia tunggal', sasaran: [{ keluarga_id: h.json.id }], ...GPS,
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.pilar_id, ids.psm);
    assert.equal(r.json.kode_wilayah, RW1);
    const laporan = r.json;

    r = await post('/api/v1/laporan-kegiatan', 'psm', {
      tanggal: TODAY, jenis: 'kunjungan_rumah', uraian: 'Di luar wilayah', sasaran: [{ keluarga_id: elsewhere.json.id }],
    });
    assert.equal(r.status, 404);
    assert.equal(r.json.error.field, 'sasaran[0]');
    r = await post('/api/v1/laporan-kegiatan', 'psm', { tanggal: '2099-01-01', jenis: 'rapat', uraian: 'x' });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'tanggal');
    r = await post('/api/v1/laporan-kegiatan', 'psm', { tanggal: TODAY, jenis: 'piknik', uraian: 'x' });
    assert.equal(r.json.error.field, 'jenis');

    r = await api(srv, 'POST', `/api/v1/laporan-kegiatan/${laporan.id}/foto`, { session: s.psm, body: PNG, headers: { 'content-type': 'image/png' } });
    assert.equal(r.status, 201, r.text);
    const foto = r.json;
    r = await api(srv, 'POST', `/api/v1/laporan-kegiatan/${laporan.id}/foto`, { session: s.psm, body: Buffer.from('%PDF-1.4\n'), headers: { 'content-type': 'image/png' } });
    assert.equal(r.status, 400, 'a PDF is not a photo');
    r = await get(`/api/v1/foto-kegiatan/${foto.id}`, 'tksk');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'image/png');
    assert.equal(r.headers.get('cache-control'), 'private, no-store', 'a view shown again from the cache would go unrecorded');
    r = await get(`/api/v1/foto-kegiatan/${foto.id}`, 'tksk-lain');
    assert.equal(r.status, 404);
    r = await get(`/api/v1/foto-kegiatan/${foto.id}`, 'tksk');
    assert.equal(r.status, 200);
    // Each photo shown is an audited view (a home visit's photo shows a person and their house),
    // the second look as much as the first; the refused one is not.
    r = await get('/api/v1/audit?action=laporan_kegiatan.foto_lihat', 'admin');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((e) => [e.actor_username, e.entity, e.entity_id, e.detail]),
      [['tksk', 'laporan_kegiatan', String(laporan.id), `foto ${foto.id}`],
       ['tksk', 'laporan_kegiatan', String(laporan.id), `foto ${foto.id}`]]);

    // Offline: the phone queued a report and its photo; a replay applies nothing twice.
    const luid = randomUUID();
    const ops = [
      { op_id: randomUUID(), jenis: 'kegiatan.buat', data: { uid: luid, tanggal: TODAY, jenis: 'sosialisasi', uraian: 'Sosialisasi PKH di balai RW' } },
      { op_id: randomUUID(), jenis: 'kegiatan.foto', data: { uid: randomUUID(), laporan_uid: luid, berkas: PNG.toString('base64') } },
    ];
    r = await post('/api/v1/sync', 'psm', { perangkat: 'hp-uji', ops });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.hasil.map((x) => x.status), ['diterapkan', 'diterapkan'], r.text);
    r = await post('/api/v1/sync', 'psm', { perangkat: 'hp-uji', ops });
    assert.deepEqual(r.json.hasil.map((x) => x.status), ['sudah', 'sudah'], r.text);

    r = await get(`/api/v1/laporan-kegiatan?bulan=${BULAN}`, 'psm');
    assert.equal(r.json.items.length, 2);
    assert.equal(r.json.items.find((x) => x.uid === luid).foto.length, 1);
    r = await get('/api/v1/laporan-kegiatan', 'tksk-lain');
    assert.deepEqual(r.json.items, []);
    r = await get(`/api/v1/laporan-kegiatan/${laporan.id}`, 'tksk-lain');
    assert.equal(r.status, 404);
  });

  test('the monthly recap equals the records; incentive and ranking follow the rules; exports', async () => {
    // Two proposals the PSM submitted this month (verivali), and one by nobody on the roster.
    const h = (await get(`/api/v1/keluarga?kode_wilayah=${KELURAHAN}`)).json.items[0];
    for (let i = 0; i < 2; i++) {
      let r = await post('/api/v1/usulan', 'psm', { keluarga_id: h.id, jenis: 'penghapusan', alasan: 'pindah' });
      assert.equal(r.status, 201, r.text);
      r = await post(`/api/v1/usulan/${r.json.id}/transisi`, 'psm', { ke: 'diajukan' });
      assert.equal(r.status, 200, r.text);
    }
    const reports = (await get(`/api/v1/laporan-kegiatan?bulan=${BULAN}&pilar_id=${ids.psm}`)).json.items;

    let r = await get(`/api/v1/rekap?bulan=${BULAN}`);
    assert.equal(r.status, 200, r.text);
    const row = r.json.items.find((x) => x.pilar_id === ids.psm);
    assert.equal(row.angka.laporan, reports.length);
    assert.equal(row.angka['laporan.kunjungan_rumah'], reports.filter((x) => x.jenis === 'kunjungan_rumah').length);
    assert.equal(row.angka.usulan_diajukan, 2);
    assert.equal(row.layak_insentif, false, 'fewer than 4 reports');
    assert.match(row.alasan_tidak_layak.join(' '), /minimal 4/);
    // The same reason as data, which the app words in the reader's language.
    assert.deepEqual(row.alasan_rinci, [{ kode: 'laporan', jumlah: reports.length, minimal: 4 }]);

    r = await post('/api/v1/aturan-pilar-sosial', 'operator', { kunci: 'insentif_min_laporan', nilai: '2' });
    assert.equal(r.status, 200, r.text);
    r = await post('/api/v1/aturan-pilar-sosial', 'operator', { kunci: 'insentif_min_laporan', nilai: 'dua' });
    assert.equal(r.status, 400);
    r = await post('/api/v1/aturan-pilar-sosial', 'psm', { kunci: 'insentif_min_laporan', nilai: '0' });
    assert.equal(r.status, 403);
    r = await get(`/api/v1/rekap?bulan=${BULAN}`);
    const eligible = r.json.items.find((x) => x.pilar_id === ids.psm);
    assert.equal(eligible.layak_insentif, true);
    assert.equal(eligible.insentif, 500000);
    assert.equal(r.json.total_insentif, 500000);

    r = await get(`/api/v1/rekap?bulan=${BULAN}`, 'psm');
    assert.deepEqual(r.json.items.map((x) => x.pilar_id), [ids.psm], 'a PSM sees their own row');
    r = await get(`/api/v1/rekap?bulan=${BULAN}`, 'tksk-lain');
    assert.deepEqual(r.json.items, []);
    r = await get('/api/v1/rekap?bulan=2026-13');
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'bulan');

    r = await get(`/api/v1/rekap/ekspor?bulan=${BULAN}&format=csv`);
    assert.equal(r.status, 200, r.text);
    const lines = r.text.replace(/^\uFEFF/, '').trim().split('\n');
    assert.equal(lines.length, 1 + 2, 'header and one row per active PSM');
    assert.match(lines[0], /^bulan,pilar_id,nama/);
    assert.ok(lines.some((l) => l.includes('Siti Rahayu') && l.includes(',ya,500000')), lines.join('\n'));

    r = await get(`/api/v1/rekap/kecamatan?bulan=${BULAN}`, 'tksk');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.kode_kecamatan, KECAMATAN);
    assert.equal(r.json.psm.total.laporan, reports.length);
    assert.equal(r.json.tksk.nama, 'Agus Salim');

    r = await get(`/api/v1/peringkat?periode=${BULAN}`, 'kepala');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items[0].pilar_id, ids.psm, 'PSM terbaik');
    assert.equal(r.json.items[0].peringkat_kota, 1);
    const sum = r.json.items[0].rincian.reduce((a, b) => a + b.skor, 0);
    assert.equal(sum, r.json.items[0].skor);
    r = await get(`/api/v1/peringkat/ekspor?periode=${BULAN}&format=xlsx`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /spreadsheetml/);
    // Both files (names, areas, incentives) are recorded like the registry's exports.
    r = await get('/api/v1/audit?action=pilar_sosial.ekspor', 'admin');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((e) => [e.actor_username, e.entity_id, e.detail]), [
      ['operator', 'peringkat', `periode=${BULAN} wilayah=- jenis=psm format=xlsx baris=2`],
      ['operator', 'rekap', `bulan=${BULAN} wilayah=- jenis=psm format=csv baris=2`],
    ]);
  });

  test('training attended at events: basic training meets the checklist, the recap and ranking count trainings', async () => {
    // A candidate PSM linked to an account, with no training recorded by hand.
    let r = await post('/api/v1/pilar-sosial', 'operator', {
      jenis: 'psm', nama: 'Dewi Lestari', username: 'psm-baru', kode_wilayah: KELURAHAN, tanggal_lahir: '1990-01-01', kode_ktp: KELURAHAN,
    });
    assert.equal(r.status, 201, r.text);
    const id = r.json.id;
    const item = async () => (await get(`/api/v1/pilar-sosial/${id}`)).json.syarat.find((x) => x.kode === 'pelatihan_dasar');
    assert.equal((await item()).terpenuhi, false);

    const acara = async (judul, pelatihan_dasar) => {
      const a = await post('/api/v1/acara', 'operator', {
        judul, jenis: 'pembinaan', tanggal_mulai: TODAY, tanggal_selesai: TODAY, tempat: 'Gedung Cisadane', kapasitas: 10,
        penyelenggara: 'Dinas Sosial Kota Tangerang', kode_wilayah: '36.71', status: 'dibuka', pelatihan_dasar,
        sesi: [{ judul: 'Kerelawanan sosial', mulai: `${TODAY}T08:00`, selesai: `${TODAY}T12:00` }],
      });
      assert.equal(a.status, 201, a.text);
      assert.equal((await post(`/api/v1/acara/${a.json.id}/daftar`, 'psm-baru')).status, 200);
      return a.json;
    };
    const checkIn = async (a) => {
      const mine = (await get('/api/v1/acara-saya', 'psm-baru')).json.items.find((x) => x.id === a.id);
      const c = await post(`/api/v1/acara/${a.id}/check-in`, 'operator', { kode: mine.peserta.token, sesi_id: a.sesi[0].id, pintu: 'A' });
      assert.equal(c.status, 201, c.text);
    };
    // An ordinary event attended is a training but not the basic one; a basic training only
    // registered for (never checked in) is nothing yet.
    const umum = await acara('Bimtek pelaporan kegiatan', false);
    await checkIn(umum);
    const dasar = await acara('Pelatihan dasar PSM angkatan 3', true);
    assert.equal((await item()).terpenuhi, false);
    await checkIn(dasar);
    const met = await item();
    assert.equal(met.terpenuhi, true);
    assert.match(met.catatan, new RegExp(`acara ${dasar.id}`));
    // The note's facts also as data, which the app words in the reader's language.
    assert.equal(met.tanggal, TODAY);
    assert.equal(met.acara, dasar.id);
    const rec = (await get(`/api/v1/pilar-sosial/${id}`)).json;
    assert.equal(rec.pelatihan_sumber, `acara:${dasar.id}`);
    assert.equal(rec.pelatihan_dasar, TODAY);
    r = await post(`/api/v1/pilar-sosial/${id}/pelatihan-dasar`, 'operator', { tanggal: TODAY, sumber: 'acara:999' });
    assert.equal(r.status, 400, 'attendance cannot be claimed by hand');
    assert.equal(r.json.error.field, 'sumber');

    // With the training from attendance alone, the record can be made active.
    r = await post(`/api/v1/pilar-sosial/${id}/sk`, 'operator', {
      nomor: '400.9/Dewi', tanggal: '2025-12-20', ditandatangani: 'Kepala Dinas Sosial', mulai: '2026-01-01', selesai: '2027-12-31',
    });
    assert.equal(r.status, 201, r.text);
    r = await post(`/api/v1/pilar-sosial/${id}/penugasan`, 'operator', { wilayah: [RW2], mulai: '2026-01-02', version: rec.version });
    assert.equal(r.status, 200, r.text);
    r = await post(`/api/v1/pilar-sosial/${id}/status`, 'operator', { status: 'aktif', version: r.json.version });
    assert.equal(r.status, 200, r.text);
    const syarat = Object.fromEntries(r.json.syarat.map((x) => [x.kode, x]));
    assert.equal(syarat.usia.minimal, 18);
    assert.ok(syarat.usia.usia >= 36, JSON.stringify(syarat.usia));
    assert.deepEqual([syarat.ktp_wilayah.kode_ktp, syarat.ktp_wilayah.wilayah], [KELURAHAN, KELURAHAN]);
    assert.deepEqual([syarat.sk_berlaku.nomor, syarat.sk_berlaku.mulai, syarat.sk_berlaku.selesai], ['400.9/Dewi', '2026-01-01', '2027-12-31']);

    // The recap's figure equals the events attended (not the events registered for).
    r = await get(`/api/v1/rekap?bulan=${BULAN}`);
    assert.ok(r.json.indikator.includes('pelatihan'), r.text);
    const row = r.json.items.find((x) => x.pilar_id === id);
    assert.equal(row.angka.pelatihan, 2);
    assert.equal(r.json.items.find((x) => x.pilar_id === ids.psm).angka.pelatihan, 0);
    const noEvent = await acara('Sosialisasi tanpa hadir', false);
    assert.ok(noEvent.id);
    r = await get(`/api/v1/rekap?bulan=${BULAN}`);
    assert.equal(r.json.items.find((x) => x.pilar_id === id).angka.pelatihan, 2, 'registered without check-in counts nothing');
    r = await get(`/api/v1/rekap?bulan=${BULAN}`, 'psm-baru');
    assert.deepEqual(r.json.items.map((x) => [x.pilar_id, x.angka.pelatihan]), [[id, 2]]);

    // The ranking's breakdown explains the training part of the score.
    r = await get(`/api/v1/peringkat?periode=${BULAN}`, 'kepala');
    const part = r.json.items.find((x) => x.pilar_id === id).rincian.find((x) => x.indikator === 'pelatihan');
    assert.equal(part.nilai, 2);
    assert.equal(part.skor, 2 * part.bobot);
  });
  // A record may keep a username no account has yet, for the account the admin makes later. Before,
  // nothing checked that account: an operator, kepala, admin or TKSK account made under a reserved
  // PSM name read that worker's record and filed reports as them.
  test('an account made under a name a roster record reserves must be of the record\'s kind (API and CLI)', async () => {
    let r = await post('/api/v1/pilar-sosial', 'operator', {
      jenis: 'psm', nama: 'Rina Marlina', username: 'psm-cadangan', kode_wilayah: KELURAHAN, tanggal_lahir: '1991-03-03', kode_ktp: KELURAHAN,
    });
    assert.equal(r.status, 201, r.text);
    const rec = r.json;
    const created = async () => (await get('/api/v1/audit?action=user.create&entity_id=psm-cadangan', 'admin')).json.items.length;
    for (const [role, wilayah] of [['operator', KOTA], ['kepala', KOTA], ['admin', KOTA], ['tksk', KECAMATAN]]) {
      r = await post('/api/v1/users', 'admin', { username: 'psm-cadangan', role, password: PASSWORD, wilayah: [wilayah] });
      assert.equal(r.status, 409, `${role}: ${r.text}`);
      assert.equal(r.json.error.field, 'username');
      assert.match(r.json.error.message, new RegExp(`pilar sosial ${rec.id} \\(psm Rina Marlina`), r.text);
    }
    const cli = await runPilar(['user', 'add', 'psm-cadangan', '--role', 'operator', '--wilayah', KOTA, '--password-stdin', '--data', data.dir],
      { input: `${PASSWORD}\n` });
    assert.notEqual(cli.code, 0, cli.stderr);
    assert.match(cli.stderr, /psm-cadangan.*pilar sosial/);
    assert.equal((await get('/api/v1/users/psm-cadangan', 'admin')).status, 404, 'no account was made');
    assert.equal(await created(), 0, 'and nothing was recorded');

    // The PSM account the name was kept for is made as before, and it is the record's.
    r = await post('/api/v1/users', 'admin', { username: 'psm-cadangan', role: 'psm', password: PASSWORD, wilayah: [RW2] });
    assert.equal(r.status, 201, r.text);
    assert.equal(await created(), 1);
  });
});
