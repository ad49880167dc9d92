// Duplicate review over HTTP (src/dedup): a dedup run fills the review queue; a re-run adds no
// twin and brings back no decided pair; "not a duplicate" is remembered; a merge keeps both
// records (the merged-away one says whom it joined, its PPKS move) and its undo puts everything
// back; every decision is in the audit trail; pairs outside the caller's scope answer 404; bad
// input is refused with a named field and changes nothing; the entry check finds the person being
// typed again, and a member saved anyway (also through offline sync) lands in the queue.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KELURAHAN, PASSWORD, api, login, pilarOk, setupDataDir, startServer } from './helpers.mjs';

const RW2 = `${KELURAHAN}.002`;

describe('dedup', () => {
  let data;
  let srv;
  const s = {};
  const id = {};
  const call = (method, p, who, body) => api(srv, method, p, { session: s[who], body });
  const pairOf = async (a, b) => {
    const r = await call('GET', '/api/v1/duplikat?status=semua&limit=200', 'operator');
    assert.equal(r.status, 200, r.text);
    return r.json.items.find((p) => p.anggota_a === Math.min(a, b) && p.anggota_b === Math.max(a, b));
  };

  before(async () => {
    data = await setupDataDir();
    await pilarOk(['wilayah', 'create', KELURAHAN, '2', '--data', data.dir]);
    await pilarOk(['user', 'add', 'psm-dua', '--role', 'psm', '--wilayah', RW2, '--password-stdin', '--data', data.dir], {
      input: `${PASSWORD}\n`,
    });
    srv = await startServer({ dataDir: data.dir });
    for (const u of ['admin', 'operator', 'kepala', 'tksk', 'psm', 'psm-dua']) s[u] = await login(srv, u);
    const k1 = await call('POST', '/api/v1/keluarga', 'psm', { no_kk: '3671012001150003', kode_wilayah: KELURAHAN, rw: '1', alamat: 'Jl. Kenari 5' });
    assert.equal(k1.status, 201, k1.text);
    id.k1 = k1.json.id;
    const k2 = await call('POST', '/api/v1/keluarga', 'psm-dua', { no_kk: '3671012001150004', kode_wilayah: KELURAHAN, rw: '2', alamat: 'Jl. Melati 9' });
    assert.equal(k2.status, 201, k2.text);
    id.k2 = k2.json.id;
    const add = async (who, body) => {
      const r = await call('POST', '/api/v1/anggota', who, body);
      assert.equal(r.status, 201, r.text);
      return r.json.id;
    };
    // Siti twice (title, no NIK the second time) in two RWs; Ahmad twice in one household (old spelling);
    // Budi once.
    id.siti = await add('psm', { keluarga_id: id.k1, nik: '3671014507900001', nama: 'Siti Aminah', jenis_kelamin: 'P', tanggal_lahir: '1990-07-05', tempat_lahir: 'Tangerang', hubungan: 'kepala_keluarga', ppks: '9' });
    id.siti2 = await add('psm-dua', { keluarga_id: id.k2, nama: 'Hj. Siti Aminah', jenis_kelamin: 'P', tanggal_lahir: '1990-07-05', tempat_lahir: 'Tangerang', hubungan: 'istri_suami' });
    id.ahmad = await add('psm', { keluarga_id: id.k1, nik: '3671011203850002', nama: 'Achmad Djunaedi', jenis_kelamin: 'L', tanggal_lahir: '1985-03-12', hubungan: 'istri_suami' });
    id.ahmad2 = await add('psm', { keluarga_id: id.k1, nama: 'Ahmad Junaedi', jenis_kelamin: 'L', tanggal_lahir: '1985-03-12', hubungan: 'famili_lain' });
    id.budi = await add('psm', { keluarga_id: id.k1, nik: '3671010101150005', nama: 'Budi Santoso', jenis_kelamin: 'L', tanggal_lahir: '2015-01-01', hubungan: 'anak' });
  });

  after(async () => {
    await srv?.stop();
    data?.remove();
  });

  test('a run queues the probable duplicates with scores and reasons; a re-run adds no twin', async () => {
    assert.equal((await call('POST', '/api/v1/duplikat/proses', 'tksk', {})).status, 403, 'the office runs it');
    const r = await call('POST', '/api/v1/duplikat/proses', 'operator', {});
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.orang, 5);
    const siti = await pairOf(id.siti, id.siti2);
    const ahmad = await pairOf(id.ahmad, id.ahmad2);
    assert.ok(siti, 'Siti and Hj. Siti are a pair');
    assert.ok(ahmad, 'Achmad Djunaedi and Ahmad Junaedi are a pair');
    assert.equal(await pairOf(id.siti, id.budi), undefined);
    assert.ok(siti.skor >= 0.3 && siti.skor <= 1);
    const nama = siti.rincian.find((x) => x.kolom === 'nama');
    assert.ok(nama.bobot > 0, JSON.stringify(nama));
    assert.match(siti.a.nik ?? '', /\*/, 'NIK masked in the queue');
    const before = (await call('GET', '/api/v1/duplikat?status=semua', 'operator')).json.items.length;
    const again = await call('POST', '/api/v1/duplikat/proses', 'operator', {});
    assert.equal(again.json.baru, 0);
    assert.equal((await call('GET', '/api/v1/duplikat?status=semua', 'operator')).json.items.length, before);
    const last = await call('GET', '/api/v1/duplikat/proses', 'kepala');
    assert.equal(last.json.terakhir.id, again.json.id);
    const dash = await call('GET', '/api/v1/dasbor/duplikat', 'operator');
    assert.equal(dash.status, 200, dash.text);
    assert.equal(dash.json.menunggu, before);
  });

  test('scope: a pair with a member outside the caller\'s area answers 404', async () => {
    const siti = await pairOf(id.siti, id.siti2);
    // psm sees RW 001 only, and Hj. Siti lives in RW 002; the decision routes are not theirs at all.
    assert.equal((await call('GET', `/api/v1/duplikat/${siti.id}`, 'psm')).status, 403);
    assert.equal((await call('GET', `/api/v1/duplikat/${siti.id}`, 'tksk')).status, 200);
    assert.equal((await call('GET', '/api/v1/duplikat/99999', 'operator')).status, 404);
  });

  test('bad input is refused with the field named and changes nothing', async () => {
    const p = await pairOf(id.siti, id.siti2);
    let r = await call('POST', `/api/v1/duplikat/${p.id}/putusan`, 'operator', { keputusan: 'mungkin', catatan: 'x y z', version: p.version });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'keputusan');
    r = await call('POST', `/api/v1/duplikat/${p.id}/putusan`, 'operator', { keputusan: 'gabung', penyintas: id.budi, catatan: 'sama', version: p.version });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'penyintas');
    r = await call('POST', `/api/v1/duplikat/${p.id}/putusan`, 'operator', { keputusan: 'bukan_duplikat', catatan: '', version: p.version });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'catatan');
    r = await call('POST', `/api/v1/duplikat/${p.id}/putusan`, 'operator', { keputusan: 'bukan_duplikat', catatan: 'beda', version: p.version + 5 });
    assert.equal(r.status, 409);
    r = await call('GET', '/api/v1/duplikat?limit=abc', 'operator');
    assert.equal(r.status, 400);
    r = await call('POST', `/api/v1/duplikat/${p.id}/batal`, 'operator', { catatan: 'tidak ada', version: p.version });
    assert.equal(r.status, 409, 'nothing to undo');
    assert.equal((await call('GET', `/api/v1/duplikat/${p.id}`, 'operator')).json.status, 'menunggu');
    assert.equal((await call('GET', `/api/v1/anggota/${id.siti}`, 'operator')).json.digabung_ke, null);
  });

  test('not a duplicate is remembered: a re-run does not bring the pair back', async () => {
    const p = await pairOf(id.ahmad, id.ahmad2);
    const r = await call('POST', `/api/v1/duplikat/${p.id}/putusan`, 'tksk', { keputusan: 'bukan_duplikat', catatan: 'kakak beradik', version: p.version });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'bukan_duplikat');
    const run = await call('POST', '/api/v1/duplikat/proses', 'operator', {});
    assert.ok(run.json.sudah_diputus >= 1);
    assert.equal((await pairOf(id.ahmad, id.ahmad2)).status, 'bukan_duplikat');
    const waiting = (await call('GET', '/api/v1/duplikat', 'operator')).json.items;
    assert.ok(!waiting.some((x) => x.id === p.id));
    const trail = await call('GET', '/api/v1/audit?action=duplikat.bukan', 'admin');
    assert.equal(trail.json.items.length, 1);
  });

  test('a merge keeps both records and moves the PPKS; the undo puts everything back; all audited', async () => {
    const p = await pairOf(id.siti, id.siti2);
    const m = await call('POST', `/api/v1/duplikat/${p.id}/putusan`, 'operator', { keputusan: 'gabung', penyintas: id.siti2, catatan: 'orang yang sama', version: p.version });
    assert.equal(m.status, 200, m.text);
    assert.equal(m.json.status, 'digabung');
    assert.equal(m.json.penyintas, id.siti2);
    assert.equal(m.json.ppks_dipindah.length, 1);
    const merged = (await call('GET', `/api/v1/anggota/${id.siti}`, 'operator')).json;
    assert.equal(merged.digabung_ke, id.siti2);
    assert.equal(merged.nama, 'Siti Aminah', 'the merged-away record is still there');
    assert.deepEqual(merged.ppks.filter((x) => !x.sampai), []);
    const kept = (await call('GET', `/api/v1/anggota/${id.siti2}`, 'operator')).json;
    assert.deepEqual(kept.ppks.filter((x) => !x.sampai).map((x) => x.ppks), [9]);
    const hist = (await call('GET', `/api/v1/anggota/${id.siti}/riwayat`, 'operator')).json.items;
    assert.ok(hist.some((h) => h.aksi === 'anggota.create'), 'history kept');
    assert.ok(hist.some((h) => h.aksi === 'anggota.gabung'));

    const u = await call('POST', `/api/v1/duplikat/${p.id}/batal`, 'operator', { catatan: 'salah gabung', version: m.json.version });
    assert.equal(u.status, 200, u.text);
    assert.equal(u.json.status, 'menunggu');
    assert.equal((await call('GET', `/api/v1/anggota/${id.siti}`, 'operator')).json.digabung_ke, null);
    assert.deepEqual((await call('GET', `/api/v1/anggota/${id.siti}`, 'operator')).json.ppks.filter((x) => !x.sampai).map((x) => x.ppks), [9]);
    assert.deepEqual((await call('GET', `/api/v1/anggota/${id.siti2}`, 'operator')).json.ppks.filter((x) => !x.sampai), []);
    for (const action of ['duplikat.gabung', 'duplikat.batal', 'anggota.gabung', 'anggota.batal_gabung', 'duplikat.proses', 'anggota.pindai_duplikat']) {
      const t = await call('GET', `/api/v1/audit?action=${action}`, 'admin');
      assert.ok(t.json.items.length >= 1, action);
    }
    const unmask = await call('GET', `/api/v1/duplikat/${p.id}?buka=ya`, 'operator');
    assert.equal(unmask.json.a.nik, '3671014507900001');
    assert.equal((await call('GET', `/api/v1/duplikat/${p.id}?buka=ya`, 'kepala')).status, 403);
  });

  test('entry check: the person typed again is found before saving; saved anyway (also offline) they are queued', async () => {
    let r = await call('POST', '/api/v1/anggota/cek-duplikat', 'psm', { keluarga_id: id.k1, nama: 'BUDI SANTOSO, S.Kom.', jenis_kelamin: 'L', tanggal_lahir: '2015-01-01' });
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.some((k) => k.anggota.id === id.budi), r.text);
    assert.match(r.json.items[0].anggota.nik ?? '', /\*/);
    r = await call('POST', '/api/v1/anggota/cek-duplikat', 'psm', { kode_wilayah: `${KELURAHAN}.001`, nama: 'Budi Santoso', jenis_kelamin: 'L', tanggal_lahir: '2015-01-01' });
    assert.ok(r.json.items.some((k) => k.anggota.id === id.budi));
    r = await call('POST', '/api/v1/anggota/cek-duplikat', 'psm', { keluarga_id: id.k1, nama: 'Joko Widodo', jenis_kelamin: 'L', tanggal_lahir: '1961-06-21' });
    assert.deepEqual(r.json.items, []);
    assert.equal((await call('POST', '/api/v1/anggota/cek-duplikat', 'psm-dua', { keluarga_id: id.k1, nama: 'Budi' })).status, 404, 'scope');
    assert.equal((await call('POST', '/api/v1/anggota/cek-duplikat', 'psm', { keluarga_id: id.k1, nama: '' })).json.error.field, 'nama');
    assert.equal((await call('POST', '/api/v1/anggota/cek-duplikat', 'psm', { keluarga_id: id.k1, nama: 'Budi', nik: '12' })).json.error.field, 'nik');
    assert.equal((await call('POST', '/api/v1/anggota/cek-duplikat', 'psm', { keluarga_id: id.k1, nama: 'x'.repeat(10000) })).status, 400);

    // Saved anyway through the REST create: queued with source "entri".
    const created = await call('POST', '/api/v1/anggota', 'psm', { keluarga_id: id.k1, nama: 'Budi Santoso', jenis_kelamin: 'L', tanggal_lahir: '2015-01-01', hubungan: 'famili_lain' });
    assert.equal(created.status, 201, created.text);
    const p = await pairOf(id.budi, created.json.id);
    assert.ok(p, 'queued');
    assert.equal(p.sumber, 'entri');

    // Offline sync: the record is kept and flagged, never dropped.
    const sync = await call('POST', '/api/v1/sync', 'psm', {
      perangkat: 'hp-uji',
      ops: [{ op_id: '0f6f5c1e-1111-4a2b-9c3d-000000000001', jenis: 'anggota.buat', data: { uid: 'a1b2c3d4-0000-4000-8000-000000000001', keluarga_id: id.k1, nama: 'Budi Santoso', jenis_kelamin: 'L', tanggal_lahir: '2015-01-01', hubungan: 'famili_lain' } }],
    });
    assert.equal(sync.status, 200, sync.text);
    const byUid = (await call('GET', `/api/v1/anggota?keluarga_id=${id.k1}&limit=50`, 'psm')).json.items.find((a) => a.uid === 'a1b2c3d4-0000-4000-8000-000000000001');
    assert.ok(byUid, sync.text);
    assert.ok(await pairOf(id.budi, byUid.id), 'the synced member is in the queue');
  });

  test('entry check: candidates are only people in the caller\'s own area, even on an exact NIK', async () => {
    // psm-dua (RW 002) types Siti of RW 001 with her exact NIK: the match exists, but not for them.
    let r = await call('POST', '/api/v1/anggota/cek-duplikat', 'psm-dua', {
      keluarga_id: id.k2, nik: '3671014507900001', nama: 'Siti Aminah', jenis_kelamin: 'P', tanggal_lahir: '1990-07-05',
    });
    assert.equal(r.status, 200, r.text);
    assert.ok(!r.json.items.some((k) => k.anggota.id === id.siti), r.text);
    assert.ok(r.json.items.every((k) => k.anggota.kode_wilayah_lengkap.startsWith(RW2)), r.text);
    // psm (RW 001) asks at kelurahan level (above their RW): Siti of RW 002 stays out.
    r = await call('POST', '/api/v1/anggota/cek-duplikat', 'psm', {
      kode_wilayah: KELURAHAN, nama: 'Hj. Siti Aminah', jenis_kelamin: 'P', tanggal_lahir: '1990-07-05', tempat_lahir: 'Tangerang',
    });
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.some((k) => k.anggota.id === id.siti), 'their own Siti is found');
    assert.ok(!r.json.items.some((k) => k.anggota.id === id.siti2), r.text);
    // The same exact NIK through the search box: nothing outside the area either.
    r = await call('GET', '/api/v1/cari?q=3671014507900001', 'psm-dua');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items, []);
  });
});
