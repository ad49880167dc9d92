// Offline sync over HTTP (POST /api/v1/sync, src/sync): a PSM's queue — a household made
// offline, its member referring to it by uid, a proposal, a ground-check result with a photo —
// applied once; the same queue replayed answers "sudah" and duplicates nothing; five identical
// requests at once apply an op exactly once; a stale edit comes back "konflik" with the current
// record; a refusal is recorded and answered the same on replay; role and shape checks.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { KELURAHAN, api, login, setupDataDir, startServer } from './helpers.mjs';

const GPS = { lat: -6.1781, lon: 106.6319 };
// The smallest JPEG header the server's type sniffing accepts (it judges by magic bytes).
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

describe('offline sync', () => {
  let data;
  let srv;
  const s = {};

  before(async () => {
    data = await setupDataDir();
    srv = await startServer({ dataDir: data.dir });
    for (const u of ['operator', 'psm', 'kepala', 'admin']) s[u] = await login(srv, u);
  });

  after(async () => {
    await srv?.stop();
    data?.remove();
  });

  const sync = (who, ops, perangkat = 'hp-uji') => api(srv, 'POST', '/api/v1/sync', { session: s[who], body: { perangkat, ops } });
  const get = (p, who = 'operator') => api(srv, 'GET', p, { session: s[who] });
  const op = (jenis, data, version) => ({ op_id: randomUUID(), jenis, data, ...(version === undefined ? {} : { version }) });
  const kk = (n) => `36710101012${String(n).padStart(5, '0')}`;

  async function countKeluarga(noKk) {
    const r = await get(`/api/v1/keluarga?no_kk=${noKk}`);
    assert.equal(r.status, 200, r.text);
    return r.json.items.length;
  }

  test('applies a queue once and a replay of it duplicates nothing', async () => {
    // A ground-check item for the PSM's RW: the operator lists a household there and assigns it.
    const h = await api(srv, 'POST', '/api/v1/keluarga', {
      session: s.operator,
      body: { no_kk: kk(1), kode_wilayah: KELURAHAN, rw: '001', alamat: 'Jl. Periksa 1', desil: '2' },
    });
    assert.equal(h.status, 201, h.text);
    let r = await api(srv, 'POST', '/api/v1/daftar-periksa', { session: s.operator, body: { nama: 'Uji sinkron', kode_wilayah: KELURAHAN } });
    assert.equal(r.status, 201, r.text);
    r = await api(srv, 'POST', `/api/v1/daftar-periksa/${r.json.id}/bagi`, { session: s.operator, body: {} });
    assert.equal(r.status, 200, r.text);
    r = await get('/api/v1/periksa?saya=1', 'psm');
    const item = r.json.items.find((i) => i.keluarga_id === h.json.id);
    assert.ok(item, 'the PSM has the item');

    const kuid = randomUUID();
    const queue = [
      op('keluarga.buat', { uid: kuid, no_kk: kk(2), kode_wilayah: KELURAHAN, rw: '001', alamat: 'Jl. Luring 2' }),
      op('anggota.buat', { uid: randomUUID(), keluarga_uid: kuid, nama: 'Siti Aminah', jenis_kelamin: 'P', hubungan: 'kepala_keluarga', tanggal_lahir: '1980-02-01' }),
      op('usulan.buat', { uid: randomUUID(), keluarga_uid: kuid, jenis: 'keluarga_baru' }),
      op('periksa.hasil', { id: item.id, hasil: 1, ...GPS, jawaban: { catatan: 'rumah ada' } }, item.version),
      op('lampiran.unggah', { uid: randomUUID(), pemilik: 'periksa', pemilik_id: item.id, berkas: JPEG.toString('base64') }),
    ];
    r = await sync('psm', queue);
    assert.equal(r.status, 200, r.text);
    const first = r.json.hasil;
    assert.deepEqual(first.map((x) => x.op_id), queue.map((x) => x.op_id), 'one result per op, in order');
    assert.deepEqual(first.map((x) => x.status), ['diterapkan', 'diterapkan', 'diterapkan', 'diterapkan', 'diterapkan'], r.text);
    assert.deepEqual(first.map((x) => x.entitas), ['keluarga', 'anggota', 'usulan', 'periksa', 'lampiran']);
    assert.equal(first[1].data.keluarga_id, first[0].id, 'the member joined the household made in the same queue');
    assert.equal(first[0].data.uid, kuid);
    assert.equal(first[3].data.status, 'selesai');

    // The whole queue again (the phone lost the answer): nothing is applied twice.
    r = await sync('psm', queue);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.hasil.map((x) => x.status), ['sudah', 'sudah', 'sudah', 'sudah', 'sudah'], r.text);
    assert.deepEqual(r.json.hasil.map((x) => x.id), first.map((x) => x.id));
    assert.equal(await countKeluarga(kk(2)), 1);
    r = await get(`/api/v1/keluarga/${first[0].id}/anggota`);
    assert.equal(r.json.items.length, 1);
    r = await get(`/api/v1/usulan?kode_wilayah=${KELURAHAN}`);
    assert.equal(r.json.items.filter((u) => u.keluarga_id === first[0].id).length, 1);
    r = await get(`/api/v1/periksa/${item.id}`);
    assert.equal(r.json.version, item.version + 1, 'the result was recorded once');
  });

  test('five identical requests at once apply the op exactly once', async () => {
    const ops = [op('keluarga.buat', { uid: randomUUID(), no_kk: kk(3), kode_wilayah: KELURAHAN, rw: '001', alamat: 'Jl. Serentak 3' })];
    const all = await Promise.all(Array.from({ length: 5 }, () => sync('psm', ops)));
    for (const r of all) assert.equal(r.status, 200, r.text);
    const statuses = all.map((r) => r.json.hasil[0].status).sort();
    assert.deepEqual(statuses, ['diterapkan', 'sudah', 'sudah', 'sudah', 'sudah']);
    assert.equal(new Set(all.map((r) => r.json.hasil[0].id)).size, 1, 'every answer names the same household');
    assert.equal(await countKeluarga(kk(3)), 1);
  });

  test('a stale edit is a conflict with the current record, never an overwrite', async () => {
    const uid = randomUUID();
    let r = await sync('psm', [op('keluarga.buat', { uid, no_kk: kk(4), kode_wilayah: KELURAHAN, rw: '001', alamat: 'Jl. Awal 4' })]);
    const k = r.json.hasil[0];
    assert.equal(k.status, 'diterapkan', r.text);
    // The office changes the address meanwhile (version 1 -> 2).
    r = await api(srv, 'PATCH', `/api/v1/keluarga/${k.id}`, { session: s.operator, body: { alamat: 'Jl. Kantor 4', version: 1, alasan: 'salah ketik' } });
    assert.equal(r.status, 200, r.text);
    // The PSM's offline edit was made on version 1.
    const stale = op('keluarga.ubah', { uid, alamat: 'Jl. Lapangan 4', alasan: 'dicek di lapangan' }, 1);
    r = await sync('psm', [stale]);
    const c = r.json.hasil[0];
    assert.equal(c.status, 'konflik', r.text);
    assert.equal(c.data.alamat, 'Jl. Kantor 4', 'the current record comes back');
    assert.equal(c.data.version, 2);
    assert.equal(c.error.field, 'version');
    r = await get(`/api/v1/keluarga/${k.id}`);
    assert.equal(r.json.alamat, 'Jl. Kantor 4', 'nothing was overwritten');
    // Keep mine: a new op on top of the version the user was shown.
    r = await sync('psm', [op('keluarga.ubah', { id: k.id, alamat: 'Jl. Lapangan 4', alasan: 'dicek di lapangan' }, 2)]);
    assert.equal(r.json.hasil[0].status, 'diterapkan', r.text);
    assert.equal(r.json.hasil[0].data.alamat, 'Jl. Lapangan 4');
  });

  test('a refusal is recorded and answered the same on replay; a member without its household waits', async () => {
    const bad = op('keluarga.buat', { uid: randomUUID(), no_kk: '123', kode_wilayah: KELURAHAN, rw: '001', alamat: 'Jl. Salah' });
    const orphan = op('anggota.buat', { uid: randomUUID(), keluarga_uid: bad.data.uid, nama: 'Budi', jenis_kelamin: 'L', hubungan: 'kepala_keluarga' });
    let r = await sync('psm', [bad, orphan]);
    const [a, b] = r.json.hasil;
    assert.equal(a.status, 'ditolak', r.text);
    assert.equal(a.error.code, 'invalid_argument');
    assert.equal(b.status, 'ditolak');
    assert.equal(b.error.code, 'not_found');
    assert.equal(b.error.field, 'keluarga_uid');
    r = await sync('psm', [bad], 'hp-lain');
    assert.equal(r.json.hasil[0].status, 'ditolak');
    assert.deepEqual(r.json.hasil[0].error, a.error, 'the same answer');
    // English on request, from the stored bilingual error.
    r = await api(srv, 'POST', '/api/v1/sync', { session: s.psm, body: { ops: [bad] }, lang: 'en' });
    assert.match(r.json.hasil[0].error.message, /[A-Za-z]/);
    assert.notEqual(r.json.hasil[0].error.message, a.error.message);
  });

  test('outside the scope, wrong roles and malformed requests', async () => {
    // A PSM of RW 001 registering a household in RW 002: refused by the service's scope.
    let r = await sync('psm', [op('keluarga.buat', { uid: randomUUID(), no_kk: kk(5), kode_wilayah: KELURAHAN, rw: '002', alamat: 'Jl. Luar' })]);
    assert.equal(r.json.hasil[0].status, 'ditolak', r.text);
    assert.equal(await countKeluarga(kk(5)), 0);
    for (const who of ['kepala', 'admin']) {
      r = await sync(who, [op('keluarga.buat', { uid: randomUUID() })]);
      assert.equal(r.status, 403, `${who}: ${r.text}`);
    }
    r = await api(srv, 'POST', '/api/v1/sync', { session: s.psm, body: { ops: 'x' } });
    assert.equal(r.status, 400);
    r = await api(srv, 'POST', '/api/v1/sync', { session: s.psm, body: { ops: [{ jenis: 'keluarga.buat' }] } });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'ops[0].op_id');
    r = await sync('psm', Array.from({ length: 101 }, () => op('keluarga.buat', {})));
    assert.equal(r.status, 400);
    r = await sync('psm', [op('kunjungan.buat', {})]);
    assert.equal(r.json.hasil[0].status, 'ditolak');
    assert.equal(r.json.hasil[0].error.field, 'jenis');
    // Another user's op_id is not theirs to replay.
    const mine = op('keluarga.buat', { uid: randomUUID(), no_kk: kk(6), kode_wilayah: KELURAHAN, rw: '001', alamat: 'Jl. Punya 6' });
    assert.equal((await sync('psm', [mine])).json.hasil[0].status, 'diterapkan');
    r = await sync('operator', [mine]);
    assert.equal(r.json.hasil[0].status, 'ditolak');
    assert.equal(r.json.hasil[0].error.field, 'op_id');
    assert.equal(r.json.hasil[0].id, undefined);
  });
});
