// Bad input on the workforce, events, sync, dashboard and user-admin routes: wrong types,
// empty, oversized and out-of-range values each get a 400 (or 403) naming the field, and change
// nothing. Found by the review of these routes (the registry, verivali, dedup and search routes
// have their own in their files).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { KECAMATAN, KELURAHAN, PASSWORD, RW1, activePilar, api, login, pilarOk, setupDataDir, startServer } from './helpers.mjs';

const TODAY = new Date().toISOString().slice(0, 10);
const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe('bad input on the workforce, events, sync, dashboard and user routes', () => {
  let data;
  let srv;
  const s = {};
  const ids = {};

  before(async () => {
    data = await setupDataDir();
    await pilarOk(['wilayah', 'load', '36.72', '--data', data.dir]);
    srv = await startServer({ dataDir: data.dir });
    for (const u of ['admin', 'operator', 'tksk', 'psm']) s[u] = await login(srv, u);
    ids.psm = (await activePilar(srv, s.operator, { nama: 'Siti Rahayu', username: 'psm', wilayah: [RW1] })).id;
    await activePilar(srv, s.operator, { jenis: 'tksk', nama: 'Agus Salim', username: 'tksk', wilayah: [KECAMATAN], kode_wilayah: KECAMATAN });
  });

  after(async () => {
    await srv?.stop();
    data?.remove();
  });

  const call = (method, p, who, body) => api(srv, method, p, { session: s[who], body });
  const refused = (r, field, status = 400) => {
    assert.equal(r.status, status, r.text);
    assert.equal(r.json.error.field, field, r.text);
    assert.ok(r.json.error.message.length > 0);
  };

  test('workforce: the roster, activity reports, rules and basic training', async () => {
    const roster = async () => (await call('GET', '/api/v1/pilar-sosial?limit=200', 'operator')).json.items.length;
    const n = await roster();
    for (const nama of [7, '', '   ', 'x'.repeat(101)])
      refused(await call('POST', '/api/v1/pilar-sosial', 'operator', { jenis: 'psm', nama, kode_wilayah: KELURAHAN }), 'nama');
    refused(await call('POST', '/api/v1/pilar-sosial', 'operator', { jenis: 'psm', nama: 'X', kode_wilayah: KELURAHAN, ketua_rt_rw: 'ya' }), 'ketua_rt_rw');
    assert.equal(await roster(), n);

    const reports = async () => (await call('GET', '/api/v1/laporan-kegiatan?limit=200', 'operator')).json.items.length;
    const m = await reports();
    const report = (extra) => call('POST', '/api/v1/laporan-kegiatan', 'psm', { tanggal: TODAY, jenis: 'rapat', uraian: 'Rapat RW', ...extra });
    refused(await report({ lat: '-6.2', lon: 106.6 }), 'lat');
    refused(await report({ uraian: 'x'.repeat(2001) }), 'uraian');
    refused(await report({ uraian: 42 }), 'uraian');
    refused(await report({ sasaran: 'semua' }), 'sasaran');
    refused(await report({ sasaran: Array.from({ length: 51 }, (_, i) => ({ keluarga_id: i + 1 })) }), 'sasaran');
    refused(await report({ tanggal: '2026-02-30' }), 'tanggal');
    // A PSM's report lies in their RW or kelurahan, never the whole kecamatan or kota (regions they
    // may see, so a bad value: 400; a region outside their area is 403, special-guard.test.mjs).
    for (const kode_wilayah of ['36.71', KECAMATAN]) refused(await report({ kode_wilayah }), 'kode_wilayah', 400);
    let r = await call('POST', '/api/v1/sync', 'psm', {
      ops: [{ op_id: randomUUID(), jenis: 'kegiatan.buat', data: { uid: randomUUID(), tanggal: TODAY, jenis: 'rapat', uraian: 'x', kode_wilayah: '36.71' } }],
    });
    assert.equal(r.json.hasil[0].status, 'ditolak', r.text);
    assert.equal(r.json.hasil[0].error.field, 'kode_wilayah');
    assert.equal(await reports(), m);

    // A weight that is not a number is refused, and the rules stay valid JSON.
    for (const nilai of ['nan', 'inf', '101', 'satu'])
      refused(await call('POST', '/api/v1/aturan-pilar-sosial', 'operator', { kunci: 'bobot.kasus', nilai }), 'nilai');
    refused(await call('POST', '/api/v1/aturan-pilar-sosial', 'operator', { kunci: 'bobot.kasus', nilai: 3 }), 'nilai');
    r = await call('GET', '/api/v1/aturan-pilar-sosial', 'operator');
    assert.equal(r.status, 200);
    assert.ok(r.json, 'the rules answer JSON');
    assert.equal(typeof r.json.bobot.laporan, 'number');
    r = await call('GET', `/api/v1/peringkat?periode=${TODAY.slice(0, 7)}`, 'operator');
    assert.equal(r.status, 200);
    assert.ok(r.json, 'the ranking answers JSON');

    // Basic training recorded by hand has taken place.
    const before = (await call('GET', `/api/v1/pilar-sosial/${ids.psm}`, 'operator')).json;
    refused(await call('POST', `/api/v1/pilar-sosial/${ids.psm}/pelatihan-dasar`, 'operator', { tanggal: inDays(30) }), 'tanggal');
    refused(await call('POST', `/api/v1/pilar-sosial/${ids.psm}/pelatihan-dasar`, 'operator', { tanggal: 20250210 }), 'tanggal');
    const now = (await call('GET', `/api/v1/pilar-sosial/${ids.psm}`, 'operator')).json;
    assert.equal(now.pelatihan_dasar, before.pelatihan_dasar);
    assert.equal(now.version, before.version);
  });

  test('events: creation, check-in and the draw', async () => {
    const events = async () => (await call('GET', '/api/v1/acara', 'operator')).json.items.length;
    const n = await events();
    const ok = { judul: 'Bimtek PSM', tanggal_mulai: TODAY, tempat: 'Aula', penyelenggara: 'Dinas Sosial', kapasitas: 10, kode_wilayah: '36.71', status: 'dibuka' };
    refused(await call('POST', '/api/v1/acara', 'operator', { ...ok, judul: 'x'.repeat(10_000) }), 'judul');
    refused(await call('POST', '/api/v1/acara', 'operator', { ...ok, judul: 5 }), 'judul');
    refused(await call('POST', '/api/v1/acara', 'operator', { ...ok, kapasitas: '10' }), 'kapasitas');
    refused(await call('POST', '/api/v1/acara', 'operator', { ...ok, kapasitas: 2 ** 32 + 1 }), 'kapasitas');
    refused(await call('POST', '/api/v1/acara', 'operator', { ...ok, pelatihan_dasar: 'ya' }), 'pelatihan_dasar');
    refused(await call('POST', '/api/v1/acara', 'operator', { ...ok, kode_wilayah: '36.72' }), 'kode_wilayah', 403);  // outside the area (docs/api.md)
    assert.equal(await events(), n);

    const a = await call('POST', '/api/v1/acara', 'operator', ok);
    assert.equal(a.status, 201, a.text);
    refused(await call('POST', `/api/v1/acara/${a.json.id}/check-in`, 'operator', { kode: 5 }), 'kode');
    refused(await call('POST', `/api/v1/acara/${a.json.id}/check-in`, 'operator', { kode: 'ABC' }), 'kode');
    refused(await call('POST', `/api/v1/acara/${a.json.id}/undian`, 'operator', { hadiah: 'Kipas', jumlah: 2 ** 32 + 1 }), 'jumlah');
    refused(await call('POST', `/api/v1/acara/${a.json.id}/undian`, 'operator', { hadiah: 'Kipas', jumlah: '1' }), 'jumlah');
    refused(await call('POST', `/api/v1/acara/${a.json.id}/sertifikat`, 'operator', { minimal_sesi: 2 ** 32 }), 'minimal_sesi');
    assert.deepEqual((await call('GET', `/api/v1/acara/${a.json.id}/undian`, 'operator')).json.items, []);
  });

  test('sync: the envelope', async () => {
    refused(await call('POST', '/api/v1/sync', 'psm', { perangkat: 5, ops: [] }), 'perangkat');
    refused(await call('POST', '/api/v1/sync', 'psm', { perangkat: 'x'.repeat(65), ops: [] }), 'perangkat');
    refused(await call('POST', '/api/v1/sync', 'psm', { ops: [{ op_id: randomUUID(), jenis: 'kegiatan.buat', data: [] }] }), 'ops[0].data');
    refused(await call('POST', '/api/v1/sync', 'psm', { ops: [{ op_id: randomUUID(), jenis: 'kegiatan.buat', data: {}, version: 'x' }] }), 'ops[0].version');
    refused(await call('POST', '/api/v1/sync', 'psm', { ops: [{ op_id: randomUUID(), jenis: 7 }] }), 'ops[0].jenis');
    refused(await call('POST', '/api/v1/sync', 'psm', { ops: ['x'] }), 'ops[0]');
    const r = await call('POST', '/api/v1/sync', 'psm', { ops: [{ op_id: 'pendek', jenis: 'kegiatan.buat', data: {} }] });
    assert.equal(r.json.hasil[0].status, 'ditolak');
    assert.equal(r.json.hasil[0].error.field, 'op_id');
  });

  test('dashboard: query parameters', async () => {
    for (const hari of ['-1', '0', '91', 'abc', '1e3']) refused(await call('GET', `/api/v1/dasbor/aktivitas?hari=${hari}`, 'tksk'), 'hari');
    for (const bbox of ['nan,1,2,3', 'inf,106,-6,107', '-6.2,106.6,-6.1', '-6.2,106.6,-6.1,x'])
      refused(await call('GET', `/api/v1/dasbor/peta?bbox=${encodeURIComponent(bbox)}`, 'tksk'), 'bbox');
    refused(await call('GET', '/api/v1/dasbor/wilayah?kode_wilayah=%FF', 'tksk'), 'kode_wilayah');
    refused(await call('GET', `/api/v1/dasbor/wilayah?kode_wilayah=${RW1}`, 'tksk'), 'kode_wilayah');
    refused(await call('GET', '/api/v1/dasbor/wilayah?kode_wilayah=36.72', 'operator'), 'kode_wilayah', 404);
  });

  test('users: the name and a scope outside the admin\'s kota', async () => {
    const users = async () => (await call('GET', '/api/v1/users', 'admin')).json.items.length;
    const n = await users();
    const user = (extra) => call('POST', '/api/v1/users', 'admin', { username: 'budi', role: 'psm', password: PASSWORD, wilayah: [RW1], ...extra });
    refused(await user({ nama: 'x'.repeat(101) }), 'nama');
    refused(await user({ nama: 5 }), 'nama');
    refused(await user({ wilayah: RW1 }), 'wilayah');
    refused(await user({ wilayah: [5] }), 'wilayah');
    refused(await user({ role: 'operator', wilayah: ['36.72'] }), 'wilayah', 403);
    refused(await user({ role: 'admin', wilayah: ['36.72'] }), 'wilayah', 403);
    assert.equal(await users(), n);
    // The console manages every kota; the admin of 36.71 may not take over that account.
    await pilarOk(['user', 'add', 'op72', '--role', 'operator', '--wilayah', '36.72', '--password-stdin', '--data', data.dir], { input: `${PASSWORD}\n` });
    // Another kota's account answers exactly like one that does not exist: the admin of 36.71
    // learns nothing of 36.72's usernames (before, 403 naming its wilayah).
    for (const [method, action, body] of [['POST', 'reset-password', { password: 'teh manis sore 9' }], ['POST', 'disable'], ['POST', 'enable'], ['GET', '']]) {
      const other = await call(method, `/api/v1/users/op72${action ? `/${action}` : ''}`, 'admin', body);
      const missing = await call(method, `/api/v1/users/op99${action ? `/${action}` : ''}`, 'admin', body);
      assert.equal(other.status, 404, `${action}: ${other.text}`);
      assert.equal(other.json.error.message.replace('op72', 'op99'), missing.json.error.message, action);
    }
    await login(srv, 'op72');
  });

  test('a path id that is not a whole number names no record: 404 on every operation, nothing written', async () => {
    const doc = (await api(srv, 'GET', '/api/openapi.json')).json;
    const auditBefore = (await call('GET', '/api/v1/audit?limit=1', 'admin')).json.items[0]?.seq;
    let walked = 0;
    for (const [template, ops] of Object.entries(doc.paths)) {
      if (!/\{(id|[a-z]+_id)\}/.test(template)) continue;
      for (const method of Object.keys(ops)) {
        for (const bad of ['abc', '1.5', '-1', '99999999999999999999']) {
          const p = template.replace(/\{(id|[a-z]+_id)\}/g, bad).replace(/\{kode\}/g, KELURAHAN);
          // The role check comes first (403 for a role the operation is not for): the first role
          // the operation is for answers.
          let r;
          for (const who of ['operator', 'admin', 'tksk', 'psm']) {
            r = await call(method.toUpperCase(), p, who, method === 'get' ? undefined : {});
            if (r.status !== 403) break;
          }
          assert.equal(r.status, 404, `${method.toUpperCase()} ${p}: ${r.text}`);
          assert.equal(r.json.error.code, 'not_found', `${method.toUpperCase()} ${p}`);
        }
        walked++;
      }
    }
    assert.ok(walked > 50, `walked ${walked} operations with a record id in the path`);
    const auditAfter = (await call('GET', '/api/v1/audit?limit=1', 'admin')).json.items[0]?.seq;
    assert.equal(auditAfter, auditBefore, 'no audit entry: nothing was written');
  });
});
