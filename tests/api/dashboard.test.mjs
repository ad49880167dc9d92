// Dashboards over HTTP: the panels each role may open, numbers that follow writes made through
// the API (no recount on read: they come from the aggregates the writes keep), the scope
// (a TKSK sees their kecamatan only, the office the kota), the map's tile setting in the CSP,
// and `pilar dashboard check/rebuild`.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KELURAHAN, KOTA, RW1, activePilar, api, login, pilarOk, runPilar, setupDataDir, startServer } from './helpers.mjs';

const KELURAHAN_LAIN = '36.71.02.1001';
const TILES = 'https://tiles.example.org/{z}/{x}/{y}.png';

describe('dashboard', () => {
  let data;
  let srv;
  const s = {};

  before(async () => {
    data = await setupDataDir();
    await pilarOk(['wilayah', 'create', KELURAHAN_LAIN, '1', '--data', data.dir]);
    srv = await startServer({ dataDir: data.dir, args: ['--map-tiles', TILES, '--map-attribution', 'Contoh'] });
    for (const u of ['admin', 'operator', 'kepala', 'tksk', 'psm']) s[u] = await login(srv, u);
    // PSM coverage comes from the roster: one active PSM on RW 001 of the other kelurahan. The
    // PSM user account with RW1 in its scope has no roster record and covers nothing.
    await activePilar(srv, s.operator, { nama: 'Rina', wilayah: [`${KELURAHAN_LAIN}.001`], kode_wilayah: KELURAHAN_LAIN, ktp: KELURAHAN_LAIN });
    const households = [
      { no_kk: '3671010101250001', kode_wilayah: KELURAHAN, rw: '001', alamat: 'Jl. Melati 1', lat: '-6.17', lon: '106.63' },
      { no_kk: '3671010101250002', kode_wilayah: KELURAHAN, rw: '001', alamat: 'Jl. Melati 2', lat: '-6.171', lon: '106.631' },
      { no_kk: '3671010101250003', kode_wilayah: KELURAHAN_LAIN, rw: '001', alamat: 'Jl. Kenanga 3', lat: '-6.2', lon: '106.6' },
    ];
    for (const body of households) {
      const r = await api(srv, 'POST', '/api/v1/keluarga', { session: s.operator, body });
      assert.equal(r.status, 201, r.text);
      const m = await api(srv, 'POST', '/api/v1/anggota', {
        session: s.operator,
        body: { keluarga_id: r.json.id, nama: 'Siti', jenis_kelamin: 'P', hubungan: 'kepala_keluarga', ppks: '9' },
      });
      assert.equal(m.status, 201, m.text);
    }
  });

  after(async () => {
    await srv?.stop();
    data?.remove();
  });

  const get = (p, who) => api(srv, 'GET', p, { session: s[who] });

  test('supervisors get their panels and default area; others are refused', async () => {
    const kepala = await get('/api/v1/dasbor', 'kepala');
    assert.equal(kepala.status, 200, kepala.text);
    assert.equal(kepala.json.kode_wilayah, KOTA);
    assert.deepEqual(kepala.json.panel.map((p) => p.id), ['wilayah', 'usulan', 'periksa', 'psm', 'aktivitas', 'duplikat', 'peta']);
    assert.deepEqual(kepala.json.peta, { ubin: TILES, atribusi: 'Contoh' });
    assert.equal((await get('/api/v1/dasbor', 'tksk')).json.kode_wilayah, '36.71.01');
    for (const who of ['psm', 'admin']) assert.equal((await get('/api/v1/dasbor/wilayah', who)).status, 403, who);
    // An admin opens no panel but reads the map's tile setting, for the coverage map.
    const admin = await get('/api/v1/dasbor', 'admin');
    assert.equal(admin.status, 200, admin.text);
    assert.deepEqual([admin.json.panel, admin.json.peta], [[], { ubin: TILES, atribusi: 'Contoh' }]);
    assert.equal((await get('/api/v1/dasbor', 'psm')).status, 403);
    assert.equal((await api(srv, 'GET', '/api/v1/dasbor/wilayah')).status, 401);
    assert.equal((await get('/api/v1/dasbor/tidak-ada', 'kepala')).status, 404);
  });

  test('the numbers follow writes, per kecamatan for the kota and per kelurahan for a kecamatan', async () => {
    const kota = await get('/api/v1/dasbor/wilayah', 'kepala');
    assert.equal(kota.status, 200, kota.text);
    assert.deepEqual(kota.json.total, { keluarga: 3, jiwa: 3, ppks: 3 });
    assert.deepEqual(kota.json.per_ppks, [{ ppks: 9, n: 3 }]);
    assert.deepEqual(kota.json.per_wilayah.map((w) => [w.kode, w.keluarga]), [['36.71.01', 2], ['36.71.02', 1]]);
    assert.ok(kota.json.per_wilayah[0].nama, 'areas carry their names');

    const kec = await get('/api/v1/dasbor/wilayah', 'tksk');
    assert.deepEqual(kec.json.total, { keluarga: 2, jiwa: 2, ppks: 2 });
    assert.deepEqual(kec.json.per_wilayah.map((w) => w.kode), [KELURAHAN]);

    // A proposal moves the pipeline; a household that leaves the kecamatan leaves its numbers.
    const list = await get(`/api/v1/keluarga?kode_wilayah=${KELURAHAN}`, 'operator');
    const h = list.json.items[0];
    const u = await api(srv, 'POST', '/api/v1/usulan', { session: s.psm, body: { jenis: 'perubahan', keluarga_id: h.id, isi: { alamat: 'Jl. Baru' } } });
    assert.equal(u.status, 201, u.text);
    const us = await get('/api/v1/dasbor/usulan', 'tksk');
    assert.equal(us.json.total, 1);
    assert.deepEqual(us.json.per_status, { draft: 1 });
    const act = await get('/api/v1/dasbor/aktivitas', 'kepala');
    assert.deepEqual(act.json.per_petugas, [{ username: 'psm', usulan: 1, periksa: 0 }]);

    const moved = await api(srv, 'PATCH', `/api/v1/keluarga/${h.id}`, {
      session: s.operator,
      body: { version: h.version, alasan: 'pindah kecamatan', kode_wilayah: KELURAHAN_LAIN, rw: '001' },
    });
    assert.equal(moved.status, 200, moved.text);
    assert.deepEqual((await get('/api/v1/dasbor/wilayah', 'tksk')).json.total, { keluarga: 1, jiwa: 1, ppks: 1 });
  });

  test('a TKSK sees their kecamatan only', async () => {
    assert.equal((await get('/api/v1/dasbor/wilayah?kode_wilayah=36.71.02', 'tksk')).status, 404);
    assert.equal((await get(`/api/v1/dasbor/wilayah?kode_wilayah=${KOTA}`, 'tksk')).status, 404);
    assert.equal((await get('/api/v1/dasbor/peta?kode_wilayah=36.71.02', 'tksk')).status, 404);
    const kel = await get(`/api/v1/dasbor/wilayah?kode_wilayah=${KELURAHAN}`, 'tksk');
    assert.equal(kel.status, 200, kel.text);
    assert.equal(kel.json.kode_wilayah, KELURAHAN);
    const rw = await get(`/api/v1/dasbor/wilayah?kode_wilayah=${KELURAHAN}.001`, 'tksk');
    assert.equal(rw.status, 400);
    assert.equal(rw.json.error.field, 'kode_wilayah');
    // the office may look at any kecamatan of the kota
    assert.equal((await get('/api/v1/dasbor/wilayah?kode_wilayah=36.71.02', 'kepala')).status, 200);
  });

  test('PSM coverage and the map', async () => {
    const psm = await get('/api/v1/dasbor/psm', 'kepala');
    assert.equal(psm.status, 200, psm.text);
    assert.equal(psm.json.rw, 2);
    assert.equal(psm.json.rw_psm, 1);
    assert.deepEqual(psm.json.rw_tanpa_psm, [RW1]);
    const roster = await get(`/api/v1/cakupan?kode_wilayah=${KOTA}`, 'kepala');
    assert.equal(roster.status, 200, roster.text);
    assert.deepEqual([psm.json.rw, psm.json.rw_psm], [roster.json.rw, roster.json.rw_tercakup], 'the panel equals the roster');

    const peta = await get('/api/v1/dasbor/peta?tingkat=2', 'kepala');
    assert.equal(peta.status, 200, peta.text);
    assert.equal(peta.json.keluarga, 3);
    const box = await get('/api/v1/dasbor/peta?tingkat=2&bbox=-6.18,106.62,-6.16,106.64', 'kepala');
    assert.equal(box.json.keluarga, 2, 'only the cells inside the box');
    const bad = await get('/api/v1/dasbor/peta?bbox=1,2,3', 'kepala');
    assert.equal(bad.status, 400);
    assert.equal((await get('/api/v1/dasbor/peta?tingkat=7', 'kepala')).status, 400);
  });

  test('the CSP allows the configured tile host for images, and nothing else new', async () => {
    const r = await fetch(`${srv.base}/`);
    const csp = r.headers.get('content-security-policy');
    assert.match(csp, /img-src 'self' data: blob: https:\/\/tiles\.example\.org;/);
    assert.match(csp, /connect-src 'self';/);
  });

  test('pilar dashboard check agrees with a recount; rebuild repairs', async () => {
    await srv.stop();
    const ok = await runPilar(['dashboard', 'check', '--data', data.dir]);
    assert.equal(ok.code, 0, ok.stderr);
    const rebuilt = await pilarOk(['dashboard', 'rebuild', '--data', data.dir]);
    assert.match(rebuilt.stdout, /dash_jumlah: \d+/);
    srv = await startServer({ dataDir: data.dir, args: ['--map-tiles', 'none'] });
    s.kepala = await login(srv, 'kepala');
    const cfg = await get('/api/v1/dasbor', 'kepala');
    assert.equal(cfg.json.peta.ubin, null);
    assert.equal((await get('/api/v1/dasbor/wilayah', 'kepala')).json.total.keluarga, 3);
    const csp = (await fetch(`${srv.base}/`)).headers.get('content-security-policy');
    assert.match(csp, /img-src 'self' data: blob:;/);
  });
});
