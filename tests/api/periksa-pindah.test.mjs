// A ground-check item follows its household when the household moves (migration 0017): an open
// item takes the household's new region and RW, with its photos — the PSM of the old RW no longer
// lists, reads, answers or syncs it; the people of the new area do, and the operator's assignment hands it to
// the new RW's PSM — while a completed item keeps what was recorded where it was recorded. Moves
// arrive through the registry's API (PATCH) and through `pilar import keluarga` (an upsert).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { KELURAHAN, RW1, api, login, pilarOk, setupDataDir, startServer } from './helpers.mjs';

const RW2 = `${KELURAHAN}.002`;
const KELURAHAN2 = '36.71.01.1002';
const RW_K2 = `${KELURAHAN2}.001`;
const KELURAHAN_LAIN = '36.71.02.1001'; // another kecamatan
const RW_LAIN = `${KELURAHAN_LAIN}.001`;
const GPS = { lat: -6.1781, lon: 106.6319 };
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082', 'hex');

let data;
let srv;
const s = {};
const kk = {};

before(async () => {
  data = await setupDataDir({
    rw: [[KELURAHAN, '2'], [KELURAHAN2, '1'], [KELURAHAN_LAIN, '1']],
    extraUsers: [['psm-dua', 'psm', RW2], ['psm-k2', 'psm', RW_K2], ['psm-lain', 'psm', RW_LAIN], ['tksk-lain', 'tksk', '36.71.02']]
      .map(([username, role, wilayah]) => ({ username, role, wilayah })),
  });
  srv = await startServer({ dataDir: data.dir });
  for (const u of ['operator', 'tksk', 'psm', 'psm-dua', 'psm-k2', 'psm-lain', 'tksk-lain']) s[u] = await login(srv, u);
  // Five households of RW 001: a moves to RW 002 (PATCH), b to another kelurahan (import), c to
  // another kecamatan (PATCH), d is checked before it moves to RW 002, e moves to another RT of
  // the same RW.
  for (const [name, n] of [['a', 1], ['b', 2], ['c', 3], ['d', 4], ['e', 5]]) {
    const r = await api(srv, 'POST', '/api/v1/keluarga', {
      session: s.operator, body: { no_kk: `367101010125010${n}`, kode_wilayah: KELURAHAN, rw: '001', rt: '003', alamat: `Jl. Anggrek ${n}` },
    });
    assert.equal(r.status, 201, `keluarga ${name}: ${r.text}`);
    kk[name] = r.json;
  }
});

after(async () => {
  await srv?.stop();
  data?.remove();
});

const get = (p, who) => api(srv, 'GET', p, { session: s[who] });
const post = (p, who, body) => api(srv, 'POST', p, { session: s[who], body });
const ids = (r) => r.json.items.map((x) => x.id).sort((x, y) => x - y);

async function patch(name, body) {
  const r = await api(srv, 'PATCH', `/api/v1/keluarga/${kk[name].id}`, {
    session: s.operator, body: { version: kk[name].version, alasan: 'pindah domisili', ...body },
  });
  assert.equal(r.status, 200, r.text);
  kk[name] = r.json;
}

test('an open ground-check item follows its moved household; a completed one keeps what was recorded', async () => {
  let r = await post('/api/v1/daftar-periksa', 'operator', { nama: 'Periksa RW 001', kode_wilayah: RW1 });
  assert.equal(r.status, 201, r.text);
  const d = r.json;
  assert.equal(d.total, 5);
  r = await post(`/api/v1/daftar-periksa/${d.id}/bagi`, 'operator', {});
  assert.deepEqual(r.json.per_petugas, { psm: 5 });
  const item = {};
  for (const x of (await get('/api/v1/periksa?saya=1', 'psm')).json.items)
    for (const [name, h] of Object.entries(kk)) if (x.keluarga_id === h.id) item[name] = x;
  assert.deepEqual(Object.keys(item).sort(), ['a', 'b', 'c', 'd', 'e']);
  // A photo of a's house, taken before the move.
  r = await api(srv, 'POST', `/api/v1/lampiran?pemilik=periksa&pemilik_id=${item.a.id}`, {
    session: s.psm, body: PNG, headers: { 'content-type': 'image/png' },
  });
  assert.equal(r.status, 201, r.text);
  const photo = r.json.id;
  // d is checked before its household moves.
  r = await post(`/api/v1/periksa/${item.d.id}/hasil`, 'psm', { version: item.d.version, hasil: 1, ...GPS, jawaban: { lantai: 'keramik' } });
  assert.equal(r.status, 200, r.text);

  await patch('a', { rw: '002', rt: '' });
  await patch('c', { kode_wilayah: KELURAHAN_LAIN, rw: '001', rt: '' });
  await patch('d', { rw: '002', rt: '' });
  await patch('e', { rt: '005' });
  // b moves by a re-import of its row (the upsert by No. KK), with the server running.
  const csv = path.join(data.root, 'pindah.csv');
  fs.writeFileSync(csv, `no_kk,kode_wilayah,rw,rt,alamat\n3671010101250102,${KELURAHAN2},001,,Jl. Kenanga 2\n`);
  const imp = await pilarOk(['import', 'keluarga', csv, '--data', data.dir]);
  assert.match(imp.stdout, /1 berubah/);

  // What each person sees now.
  const status = async (p, who) => (await get(p, who)).status;
  const sync = await post('/api/v1/sync', 'psm', {
    perangkat: 'hp-psm', ops: [{ op_id: 'periksa-pindah-0001', jenis: 'periksa.hasil', data: { id: item.b.id, hasil: 1, ...GPS }, version: item.b.version }],
  });
  assert.equal(sync.status, 200, sync.text);
  const seen = {
    // The PSM of RW 001: the items of a, b and c are gone from their list and their device's
    // cache (GET /periksa?saya=1 is what the device keeps), unreadable and unanswerable.
    psm_saya: ids(await get('/api/v1/periksa?saya=1&limit=200', 'psm')),
    psm_reads: [await status(`/api/v1/periksa/${item.a.id}`, 'psm'), await status(`/api/v1/periksa/${item.b.id}`, 'psm'),
      await status(`/api/v1/periksa/${item.c.id}`, 'psm')],
    psm_reads_photo: await status(`/api/v1/lampiran/${photo}`, 'psm'),
    psm_answers_a: (await post(`/api/v1/periksa/${item.a.id}/hasil`, 'psm', { version: item.a.version, hasil: 1, ...GPS })).status,
    psm_syncs_b: [sync.json.hasil[0].status, sync.json.hasil[0].error?.code],
    // The new areas see them, unassigned, in their new place.
    psm_dua_list: ids(await get('/api/v1/periksa?limit=200', 'psm-dua')),
    a_now: (({ kode_wilayah, kode_rw, petugas, status: st }) => ({ kode_wilayah, kode_rw, petugas, status: st }))(
      (await get(`/api/v1/periksa/${item.a.id}`, 'psm-dua')).json),
    photo_by_psm_dua: await status(`/api/v1/lampiran/${photo}`, 'psm-dua'),
    b_now: (await get(`/api/v1/periksa/${item.b.id}`, 'psm-k2')).json.kode_wilayah,
    c_by_kecamatan: [await status(`/api/v1/periksa/${item.c.id}`, 'tksk'), await status(`/api/v1/periksa/${item.c.id}`, 'tksk-lain'),
      await status(`/api/v1/periksa/${item.c.id}`, 'psm-lain')],
    // A move to another RT of the same RW keeps the assignment.
    e_now: (({ kode_wilayah, petugas, version }) => ({ kode_wilayah, petugas, version }))((await get(`/api/v1/periksa/${item.e.id}`, 'psm')).json),
    // The completed check stays the history of where it was made: its PSM reads what they
    // recorded (not where the household lives now), the new RW does not see it.
    d_by_psm: (({ kode_wilayah, status: st, checked_by }) => ({ kode_wilayah, status: st, checked_by }))(
      (await get(`/api/v1/periksa/${item.d.id}`, 'psm')).json),
    d_household_by_psm: await status(`/api/v1/keluarga/${kk.d.id}`, 'psm'),
    d_by_psm_dua: await status(`/api/v1/periksa/${item.d.id}`, 'psm-dua'),
  };
  assert.deepEqual(seen, {
    psm_saya: [item.d.id, item.e.id],
    psm_reads: [404, 404, 404],
    psm_reads_photo: 404,
    psm_answers_a: 404,
    psm_syncs_b: ['ditolak', 'not_found'],
    psm_dua_list: [item.a.id],
    a_now: { kode_wilayah: RW2, kode_rw: RW2, petugas: null, status: 'belum' },
    photo_by_psm_dua: 200,
    b_now: RW_K2,
    c_by_kecamatan: [404, 200, 200],
    e_now: { kode_wilayah: `${RW1}.005`, petugas: 'psm', version: item.e.version },
    d_by_psm: { kode_wilayah: `${RW1}.003`, status: 'selesai', checked_by: 'psm' },
    d_household_by_psm: 404,
    d_by_psm_dua: 404,
  });

  // Progress counts open items where their households are and completed ones where they were checked.
  const progress = async (per) => {
    const res = await get(`/api/v1/daftar-periksa/${d.id}/kemajuan?per=${per}`, 'operator');
    assert.equal(res.status, 200, res.text);
    return Object.fromEntries(res.json.items.map((k) => [k.kelompok, [k.selesai, k.total]]));
  };
  assert.deepEqual(
    { psm: await progress('psm'), rw: await progress('rw'), kelurahan: await progress('kelurahan'), kecamatan: await progress('kecamatan') },
    {
      psm: { '': [0, 3], psm: [1, 2] },
      rw: { [RW1]: [1, 2], [RW2]: [0, 1], [RW_K2]: [0, 1], [RW_LAIN]: [0, 1] },
      kelurahan: { [KELURAHAN]: [1, 3], [KELURAHAN2]: [0, 1], [KELURAHAN_LAIN]: [0, 1] },
      kecamatan: { '36.71.01': [1, 4], '36.71.02': [0, 1] },
    });
  assert.equal((await get(`/api/v1/daftar-periksa/${d.id}`, 'operator')).json.tanpa_petugas, 3);

  // The operator's assignment hands the moved items to the PSMs of their new RWs.
  r = await post(`/api/v1/daftar-periksa/${d.id}/bagi`, 'operator', {});
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.per_petugas, { 'psm-dua': 1, 'psm-k2': 1, 'psm-lain': 1 });
  const mine = (await get('/api/v1/periksa?saya=1', 'psm-dua')).json.items;
  assert.deepEqual(mine.map((x) => x.id), [item.a.id]);
  r = await post(`/api/v1/periksa/${item.a.id}/hasil`, 'psm-dua', { version: mine[0].version, hasil: 1, ...GPS });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.checked_by, 'psm-dua');
});
