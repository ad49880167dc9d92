// The wilayah tree over HTTP: browsing, search, and the admin's RW/RT management.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KELURAHAN, RW1, api, login, setupDataDir, startServer } from './helpers.mjs';

const KECAMATAN_NAMES = [
  'Tangerang', 'Jatiuwung', 'Batuceper', 'Benda', 'Cipondoh', 'Ciledug', 'Karawaci',
  'Periuk', 'Cibodas', 'Neglasari', 'Pinang', 'Karang Tengah', 'Larangan',
];

describe('wilayah', () => {
  let data;
  let srv;
  let admin;
  let psm;

  before(async () => {
    data = await setupDataDir({
      users: [
        { username: 'admin', role: 'admin', wilayah: '36.71' },
        { username: 'psm', role: 'psm', wilayah: RW1 },
      ],
    });
    srv = await startServer({ dataDir: data.dir });
    admin = await login(srv, 'admin');
    psm = await login(srv, 'psm');
  });

  after(async () => {
    if (srv) await srv.stop();
    if (data) data.remove();
  });

  const get = (p, session = admin) => api(srv, 'GET', p, { session });
  const children = async (kode, query = '') => {
    const r = await get(`/api/v1/wilayah/${kode}/children${query}`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  };

  test('36.71 has 13 kecamatan, each {kode, nama, tingkat: "kecamatan"}', async () => {
    const items = await children('36.71');
    assert.equal(items.length, 13);
    for (const w of items) {
      assert.match(w.kode, /^36\.71\.\d{2}$/);
      assert.equal(typeof w.nama, 'string');
      assert.ok(w.nama.length > 0);
      assert.equal(w.tingkat, 'kecamatan');
      assert.equal(w.induk, '36.71');
    }
    assert.deepEqual(items.map((w) => w.nama).sort(), [...KECAMATAN_NAMES].sort());
    assert.equal(new Set(items.map((w) => w.kode)).size, 13, 'codes are unique');

    const kota = await get('/api/v1/wilayah/36.71');
    assert.equal(kota.status, 200);
    assert.equal(kota.json.kode, '36.71');
    assert.equal(kota.json.tingkat, 'kota');
    assert.equal(kota.json.induk, '36');
    assert.match(kota.json.nama, /tangerang/i);
    // an undotted code means the same wilayah
    const undotted = await get('/api/v1/wilayah/3671');
    assert.equal(undotted.status, 200);
    assert.equal(undotted.json.kode, '36.71');
  });

  test('search q=karawaci finds the kecamatan first, then its kelurahan', async () => {
    const r = await get('/api/v1/wilayah?q=karawaci');
    assert.equal(r.status, 200, r.text);
    const items = r.json.items;
    assert.ok(items.length >= 3, JSON.stringify(items));
    for (const w of items) assert.match(w.nama, /karawaci/i);
    assert.deepEqual([items[0].kode, items[0].tingkat], ['36.71.07', 'kecamatan']);
    const kodes = items.map((w) => w.kode);
    assert.ok(kodes.includes('36.71.07.1001'), kodes.join());
    assert.ok(kodes.includes('36.71.07.1003'), kodes.join());
    const upper = await get('/api/v1/wilayah?q=KARAWACI');
    assert.deepEqual(upper.json.items.map((w) => w.kode), kodes, 'search ignores case');
    const byCode = await get('/api/v1/wilayah?q=36.71.07&tingkat=kecamatan');
    assert.deepEqual(byCode.json.items.map((w) => w.kode), ['36.71.07']);
    const empty = await get('/api/v1/wilayah?q=');
    assert.equal(empty.status, 400);
    assert.equal(empty.json.error.field, 'q');
    const psmSearch = await get('/api/v1/wilayah?q=karawaci', psm);
    assert.equal(psmSearch.status, 200);
  });

  test('create an RW, rename it with its version; a stale version is 409 and changes nothing', async () => {
    const kode = `${KELURAHAN}.007`;
    const c = await api(srv, 'POST', `/api/v1/wilayah/${KELURAHAN}/children`, { session: admin, body: { nomor: 7 } });
    assert.equal(c.status, 201, c.text);
    assert.equal(c.json.kode, kode);
    assert.equal(c.json.nama, 'RW 007');
    const v1 = (await get(`/api/v1/wilayah/${kode}`)).json;
    assert.equal(typeof v1.version, 'number');

    const dup = await api(srv, 'POST', `/api/v1/wilayah/${KELURAHAN}/children`, { session: admin, body: { nomor: 7, nama: 'Lain' } });
    assert.equal(dup.status, 409, dup.text);
    assert.equal(dup.json.error.code, 'already_exists');
    assert.equal((await get(`/api/v1/wilayah/${kode}`)).json.nama, 'RW 007');

    const badNomor = await api(srv, 'POST', `/api/v1/wilayah/${KELURAHAN}/children`, { session: admin, body: { nomor: 1000 } });
    assert.equal(badNomor.status, 400);
    assert.equal(badNomor.json.error.field, 'nomor');

    const r = await api(srv, 'PATCH', `/api/v1/wilayah/${kode}`, { session: admin, body: { nama: 'RW Melati', version: v1.version } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.nama, 'RW Melati');
    assert.ok(r.json.version > v1.version, 'version goes up on change');

    const stale = await api(srv, 'PATCH', `/api/v1/wilayah/${kode}`, { session: admin, body: { nama: 'RW Mawar', version: v1.version } });
    assert.equal(stale.status, 409, stale.text);
    assert.equal(stale.json.error.code, 'conflict');
    const now = (await get(`/api/v1/wilayah/${kode}`)).json;
    assert.equal(now.nama, 'RW Melati');
    assert.equal(now.version, r.json.version);

    const noVersion = await api(srv, 'PATCH', `/api/v1/wilayah/${kode}`, { session: admin, body: { nama: 'RW Mawar' } });
    assert.equal(noVersion.status, 400);
    assert.equal(noVersion.json.error.field, 'version');
    const kemendagri = await api(srv, 'PATCH', `/api/v1/wilayah/${KELURAHAN}`, { session: admin, body: { nama: 'Ganti', version: 1 } });
    assert.equal(kemendagri.status, 400, 'a kelurahan from Kemendagri data is not renamed in Pilar');
    assert.equal((await get(`/api/v1/wilayah/${KELURAHAN}`)).json.nama, 'Sukarasa');
    assert.equal((await get(`/api/v1/wilayah/${kode}`)).json.nama, 'RW Melati');
  });

  test('retiring without a reason is 400 and leaves the RW active', async () => {
    const kode = `${KELURAHAN}.008`;
    assert.equal((await api(srv, 'POST', `/api/v1/wilayah/${KELURAHAN}/children`, { session: admin, body: { nomor: 8 } })).status, 201);
    for (const alasan of ['', '   ']) {
      const r = await api(srv, 'POST', `/api/v1/wilayah/${kode}/retire`, { session: admin, body: { alasan } });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.error.field, 'alasan');
    }
    const missing = await api(srv, 'POST', `/api/v1/wilayah/${kode}/retire`, { session: admin, body: {} });
    assert.equal(missing.status, 400);
    const w = (await get(`/api/v1/wilayah/${kode}`)).json;
    assert.equal(w.aktif, true);
    assert.ok((await children(KELURAHAN)).some((x) => x.kode === kode));
  });

  test('retiring an RW (with its RT) removes it from children', async () => {
    const kode = `${KELURAHAN}.008`;
    const rt = await api(srv, 'POST', `/api/v1/wilayah/${kode}/children`, { session: admin, body: { nomor: 1 } });
    assert.equal(rt.status, 201, rt.text);
    assert.equal(rt.json.tingkat, 'rt');
    const r = await api(srv, 'POST', `/api/v1/wilayah/${kode}/retire`, { session: admin, body: { alasan: 'Pemekaran RW' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.dinonaktifkan, 2, 'the RW and its RT');
    assert.ok(!(await children(KELURAHAN)).some((x) => x.kode === kode), 'retired RW still listed');
    const withRetired = await children(KELURAHAN, '?termasuk_nonaktif=true');
    assert.ok(withRetired.some((x) => x.kode === kode && x.aktif === false));
    const w = (await get(`/api/v1/wilayah/${kode}`)).json;
    assert.equal(w.aktif, false);
    assert.equal(w.alasan_nonaktif, 'Pemekaran RW');
    const again = await api(srv, 'POST', `/api/v1/wilayah/${kode}/retire`, { session: admin, body: { alasan: 'lagi' } });
    assert.equal(again.status, 409);
    const under = await api(srv, 'POST', `/api/v1/wilayah/${kode}/children`, { session: admin, body: { nomor: 2 } });
    assert.equal(under.status, 409, 'no new RT under a retired RW');
    assert.equal((await get(`/api/v1/wilayah/${kode}.002`)).status, 404);
  });

  test('CSV import of RW/RT: a good file is applied with counts', async () => {
    const csv = `kode,nama\n${KELURAHAN}.010,RW Sepuluh\n${KELURAHAN}.010.001,RT Satu\n${KELURAHAN}.010.002,\n${RW1},RW Satu Baru\n`;
    const r = await api(srv, 'POST', '/api/v1/wilayah/import', { session: admin, body: csv, headers: { 'content-type': 'text/csv' } });
    assert.ok([200, 201].includes(r.status), r.text);
    assert.deepEqual(r.json, { rows: 4, created: 3, renamed: 1, unchanged: 0 });
    assert.equal((await get(`/api/v1/wilayah/${KELURAHAN}.010`)).json.nama, 'RW Sepuluh');
    assert.equal((await get(`/api/v1/wilayah/${KELURAHAN}.010.001`)).json.nama, 'RT Satu');
    assert.equal((await get(`/api/v1/wilayah/${KELURAHAN}.010.002`)).json.nama, 'RT 002');
    assert.equal((await get(`/api/v1/wilayah/${RW1}`)).json.nama, 'RW Satu Baru');
    // importing the same file again changes nothing
    const again = await api(srv, 'POST', '/api/v1/wilayah/import', { session: admin, body: csv, headers: { 'content-type': 'text/csv' } });
    assert.deepEqual(again.json, { rows: 4, created: 0, renamed: 0, unchanged: 4 });
  });

  test('CSV import with a bad row is 400 naming the row, and nothing of the file is applied', async () => {
    const before = await children(KELURAHAN, '?termasuk_nonaktif=true');
    const csv = `kode,nama\n${KELURAHAN}.011,RW Sebelas\n${KELURAHAN}.0x2,RW Rusak\n${RW1},Nama Lain\n`;
    const r = await api(srv, 'POST', '/api/v1/wilayah/import', { session: admin, body: csv, headers: { 'content-type': 'text/csv' } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.code, 'invalid_argument');
    assert.equal(r.json.error.row, 3, 'the bad row is line 3 of the file');
    assert.equal(r.json.error.field, 'kode');
    assert.equal((await get(`/api/v1/wilayah/${KELURAHAN}.011`)).status, 404, 'row 2 must not be applied');
    assert.equal((await get(`/api/v1/wilayah/${RW1}`)).json.nama, 'RW Satu Baru', 'row 4 must not be applied');
    assert.deepEqual(await children(KELURAHAN, '?termasuk_nonaktif=true'), before);

    // an RT listed before its RW, and a Kemendagri-level code, are refused the same way
    const orphan = `kode,nama\n${KELURAHAN}.012.001,RT Yatim\n${KELURAHAN}.012,RW Dua Belas\n`;
    const o = await api(srv, 'POST', '/api/v1/wilayah/import', { session: admin, body: orphan, headers: { 'content-type': 'text/csv' } });
    assert.equal(o.status, 400);
    assert.equal(o.json.error.row, 2);
    assert.equal((await get(`/api/v1/wilayah/${KELURAHAN}.012`)).status, 404);
    const noKode = await api(srv, 'POST', '/api/v1/wilayah/import', { session: admin, body: 'nama\nRW X\n', headers: { 'content-type': 'text/csv' } });
    assert.equal(noKode.status, 400);
    const byPsm = await api(srv, 'POST', '/api/v1/wilayah/import', { session: psm, body: `kode,nama\n${KELURAHAN}.013,X\n`, headers: { 'content-type': 'text/csv' } });
    assert.equal(byPsm.status, 403);
    assert.equal((await get(`/api/v1/wilayah/${KELURAHAN}.013`)).status, 404);
  });
});
