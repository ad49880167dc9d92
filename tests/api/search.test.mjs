// Fuzzy person search over HTTP (GET /api/v1/cari, src/search): names found through titles,
// spelling variants and typos, best first with a score; NIK masked; 16 digits matched exactly as
// a NIK or a No. KK; filters; a PSM finds only their RW and nothing outside it, not even a count;
// every write (rename, erasure through a merge) is what the very next search sees; bad parameters
// get a named field in both languages.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KELURAHAN, PASSWORD, api, login, pilarOk, setupDataDir, startServer } from './helpers.mjs';

const RW2 = `${KELURAHAN}.002`;

describe('search', () => {
  let data;
  let srv;
  const s = {};
  const id = {};
  const call = (method, p, who, body, lang) => api(srv, method, p, { session: s[who], body, lang });
  const cari = async (who, params) => {
    const r = await call('GET', `/api/v1/cari?${new URLSearchParams(params)}`, who);
    assert.equal(r.status, 200, r.text);
    return r.json;
  };
  const ids = async (who, params) => (await cari(who, params)).items.map((h) => h.id);

  before(async () => {
    data = await setupDataDir();
    await pilarOk(['wilayah', 'create', KELURAHAN, '2', '--data', data.dir]);
    await pilarOk(['user', 'add', 'psm-dua', '--role', 'psm', '--wilayah', RW2, '--password-stdin', '--data', data.dir], {
      input: `${PASSWORD}\n`,
    });
    srv = await startServer({ dataDir: data.dir });
    for (const u of ['operator', 'psm', 'psm-dua']) s[u] = await login(srv, u);
    const k1 = await call('POST', '/api/v1/keluarga', 'psm', { no_kk: '3671012001150003', kode_wilayah: KELURAHAN, rw: '1', alamat: 'Jl. Kenari 5' });
    assert.equal(k1.status, 201, k1.text);
    const k2 = await call('POST', '/api/v1/keluarga', 'psm-dua', { no_kk: '3671012001150004', kode_wilayah: KELURAHAN, rw: '2', alamat: 'Jl. Melati 9' });
    assert.equal(k2.status, 201, k2.text);
    const add = async (who, body) => {
      const r = await call('POST', '/api/v1/anggota', who, body);
      assert.equal(r.status, 201, r.text);
      return r.json.id;
    };
    id.k1 = k1.json.id;
    id.siti = await add('psm', { keluarga_id: k1.json.id, nik: '3671014507900001', nama: 'Hj. Siti Nurhayati', jenis_kelamin: 'P', tanggal_lahir: '1990-07-05', hubungan: 'kepala_keluarga' });
    id.rizki = await add('psm', { keluarga_id: k1.json.id, nama: 'Muhammad Rizki Pratama', jenis_kelamin: 'L', tanggal_lahir: '2012-02-01', hubungan: 'anak' });
    id.budi = await add('psm-dua', { keluarga_id: k2.json.id, nik: '3671010101850005', nama: 'Budi Santoso', jenis_kelamin: 'L', tanggal_lahir: '1985-01-01', hubungan: 'kepala_keluarga' });
  });

  after(async () => {
    await srv?.stop();
    data?.remove();
  });

  test('names are found through titles, variants and typos, best first, NIK masked, with the kelurahan', async () => {
    const r = await cari('operator', { q: 'siti nur hayatti' });
    assert.equal(r.cara, 'nama');
    assert.equal(r.items[0].id, id.siti);
    assert.match(r.items[0].nik, /\*/);
    assert.equal(r.items[0].kelurahan.kode, KELURAHAN);
    assert.ok(r.items[0].kelurahan.nama.length > 0);
    assert.ok(r.items[0].skor > 0.9 && r.items[0].skor <= 1, String(r.items[0].skor));
    for (let i = 1; i < r.items.length; i++) assert.ok(r.items[i].skor <= r.items[i - 1].skor);
    assert.equal((await ids('operator', { q: 'Moch. Rizky Pratama' }))[0], id.rizki);
    assert.equal((await ids('operator', { q: 'Budi Santso' }))[0], id.budi);
  });

  test('filters narrow by birth year, sex and region', async () => {
    assert.deepEqual(await ids('operator', { q: 'Budi Santoso', tahun_lahir: '1986', toleransi_tahun: '1' }), [id.budi]);
    assert.deepEqual(await ids('operator', { q: 'Budi Santoso', tahun_lahir: '1990', toleransi_tahun: '1' }), []);
    assert.deepEqual(await ids('operator', { q: 'Budi Santoso', jenis_kelamin: 'P' }), []);
    assert.deepEqual(await ids('operator', { q: 'Budi Santoso', kode_wilayah: RW2 }), [id.budi]);
    assert.deepEqual(await ids('operator', { q: 'Budi Santoso', kode_wilayah: `${KELURAHAN}.001` }), []);
  });

  test('what the searcher knows besides the name ranks the right namesake first', async () => {
    // A second "Siti Nurhayati", written exactly as typed, created later (a larger id: ties among
    // equal names go by id, so the first Siti would come first if the extra fields were ignored).
    const k3 = await call('POST', '/api/v1/keluarga', 'psm', { no_kk: '3671012001150005', kode_wilayah: KELURAHAN, rw: '1', alamat: 'Jl. Kenari 7' });
    assert.equal(k3.status, 201, k3.text);
    const r = await call('POST', '/api/v1/anggota', 'psm', { keluarga_id: k3.json.id, nama: 'Siti Nurhayati', jenis_kelamin: 'P', tanggal_lahir: '1989-03-02', hubungan: 'kepala_keluarga' });
    assert.equal(r.status, 201, r.text);
    const siti2 = r.json.id;
    assert.deepEqual(await ids('operator', { q: 'Siti Nurhayati' }), [id.siti, siti2], 'the name alone: a tie, by id');
    assert.deepEqual(await ids('operator', { q: 'Siti Nurhayati', tahun_lahir: '1989' }), [siti2, id.siti], 'the exact year first within +-1');
    assert.deepEqual(await ids('operator', { q: 'Siti Nurhayati', tanggal_lahir: '1989-03-02' }), [siti2, id.siti], 'the same birth date first');
    assert.deepEqual(await ids('operator', { q: 'Sitti Nur Hayati', tanggal_lahir: '1989-02-03' }), [siti2, id.siti], 'day and month swapped');
    assert.deepEqual(await ids('operator', { q: 'Siti Nurhayati', tanggal_lahir: '1995-01-01' }), [], 'the date also bounds the year (+-1)');
    assert.deepEqual(await ids('operator', { q: 'Siti Nurhayati', jenis_kelamin: 'P', kode_wilayah: `${KELURAHAN}.001` }).then((x) => x.sort()), [id.siti, siti2].sort());
    assert.deepEqual(await ids('operator', { q: 'Siti Nurhayati', jenis_kelamin: 'L' }), []);
  });

  test('16 digits are a NIK, then a No. KK, matched exactly', async () => {
    const nik = await cari('operator', { q: '3671010101850005' });
    assert.equal(nik.cara, 'nik');
    assert.deepEqual(nik.items.map((h) => h.id), [id.budi]);
    const kk = await cari('operator', { q: '3671012001150003' });
    assert.equal(kk.cara, 'no_kk');
    assert.deepEqual(kk.items.map((h) => h.id).sort(), [id.siti, id.rizki].sort());
  });

  test('a PSM finds only their RW', async () => {
    assert.ok((await ids('psm', { q: 'Siti Nurhayati' })).includes(id.siti));
    assert.deepEqual(await ids('psm', { q: 'Budi Santoso' }), []);
    assert.deepEqual(await ids('psm', { q: '3671010101850005' }), []);
    assert.deepEqual(await ids('psm-dua', { q: 'Siti Nurhayati' }), []);
  });

  test('a rename is what the very next search sees', async () => {
    const cur = await call('GET', `/api/v1/anggota/${id.budi}`, 'operator');
    const r = await call('PATCH', `/api/v1/anggota/${id.budi}`, 'operator', { nama: 'Bambang Pamungkas', version: cur.json.version, alasan: 'salah tulis nama' });
    assert.equal(r.status, 200, r.text);
    assert.ok(!(await ids('operator', { q: 'Budi Santoso' })).includes(id.budi));
    assert.equal((await ids('operator', { q: 'Bambang Pamungkas' }))[0], id.budi);
  });

  test('bad parameters name the field, in Indonesian and English, and unauthenticated calls are refused', async () => {
    for (const [params, field] of [
      [{}, 'q'],
      [{ q: 'Budi', tahun_lahir: '19x0' }, 'tahun_lahir'],
      [{ q: 'Budi', tahun_lahir: '1800' }, 'tahun_lahir'],
      [{ q: 'Budi', jenis_kelamin: 'X' }, 'jenis_kelamin'],
      [{ q: 'Budi', kode_wilayah: 'abc' }, 'kode_wilayah'],
      [{ q: 'Budi', tanggal_lahir: '1990-13-01' }, 'tanggal_lahir'],
      [{ q: 'Budi', tanggal_lahir: '05-07-1990' }, 'tanggal_lahir'],
      [{ q: 'Budi', limit: '0' }, 'limit'],
      [{ q: 'x'.repeat(201) }, 'q'],
    ]) {
      const id_ = await call('GET', `/api/v1/cari?${new URLSearchParams(params)}`, 'operator');
      assert.equal(id_.status, 400, `${JSON.stringify(params)} ${id_.text}`);
      assert.equal(id_.json.error.field, field, id_.text);
      const en = await call('GET', `/api/v1/cari?${new URLSearchParams(params)}`, 'operator', undefined, 'en');
      assert.notEqual(en.json.error.message, id_.json.error.message, 'English differs from Indonesian');
    }
    assert.equal((await api(srv, 'GET', '/api/v1/cari?q=Budi')).status, 401);
  });
});
