// The registry over HTTP: households and members created through the API, masked by default,
// unmasked (buka=ya) and special data (khusus=ya) only for the roles allowed and always audited,
// optimistic versions (409 with the current record), reasons required, history with
// before/after, scope on every endpoint (a PSM of another RW gets 404 and empty lists), search
// by exact NIK and name prefix, exports (masked by default, one audit entry each), and no
// full NIK in any list response or in the access log.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { KELURAHAN, PASSWORD, api, login, pilarOk, setupDataDir, startServer, waitFor } from './helpers.mjs';

const RW2 = `${KELURAHAN}.002`;
const SIXTEEN = /\b\d{16}\b/;
const NIK_SITI = '3671014507900001'; // woman, born 5 July 1990
const NIK_BUDI = '3671010101150002'; // boy, born 1 January 2015
const NIK_RAHMAT = '3671011501850003'; // man, born 15 January 1985 (RW 002)
const KK1 = '3671012001150003';
const KK2 = '3671012001150004';

describe('registry', () => {
  let data;
  let srv;
  let accessLog;
  const s = {};
  const id = {};
  // Every list response body seen, to scan for unmasked numbers at the end.
  const listBodies = [];

  before(async () => {
    data = await setupDataDir();
    await pilarOk(['wilayah', 'create', KELURAHAN, '2', '--data', data.dir]);
    await pilarOk(['user', 'add', 'psm-dua', '--role', 'psm', '--wilayah', RW2, '--password-stdin', '--data', data.dir], {
      input: `${PASSWORD}\n`,
    });
    accessLog = path.join(data.root, 'access.log');
    srv = await startServer({ dataDir: data.dir, accessLog });
    for (const u of ['admin', 'operator', 'kepala', 'tksk', 'psm', 'psm-dua']) s[u] = await login(srv, u);
  });

  after(async () => {
    await srv?.stop();
    data?.remove();
  });

  const call = (method, p, who, body) => api(srv, method, p, { session: s[who], body });
  const get = (p, who) => call('GET', p, who);
  const list = async (p, who) => {
    const r = await get(p, who);
    assert.equal(r.status, 200, `${who} GET ${p}: ${r.text}`);
    listBodies.push({ what: `${who} GET ${p}`, text: r.text });
    return r.json.items;
  };
  const audit = async (query) => {
    const r = await get(`/api/v1/audit?${new URLSearchParams(query)}`, 'admin');
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  };

  test('households and members are created through the API and come back masked', async () => {
    const h1 = await call('POST', '/api/v1/keluarga', 'psm', {
      no_kk: KK1, kode_wilayah: KELURAHAN, rw: '1', rt: '2', alamat: 'Jl. Kenari No. 5', desil: 2,
    });
    assert.equal(h1.status, 201, h1.text);
    assert.equal(h1.json.no_kk, '3671********0003');
    assert.equal(h1.json.no_kk_tersamar, true);
    assert.equal(h1.json.kode_wilayah_lengkap, `${KELURAHAN}.001.002`);
    id.h1 = h1.json.id;

    const siti = await call('POST', '/api/v1/anggota', 'psm', {
      keluarga_id: id.h1, nik: NIK_SITI, nama: 'Siti Aminah', jenis_kelamin: 'P', tanggal_lahir: '1990-07-05',
      hubungan: 'kepala_keluarga', disabilitas_jenis: 'fisik', disabilitas_tingkat: 'berat', ppks: [9],
    });
    assert.equal(siti.status, 201, siti.text);
    assert.equal(siti.json.nik, '3671********0001');
    assert.equal(siti.json.nik_tersamar, true);
    id.siti = siti.json.id;
    const budi = await call('POST', '/api/v1/anggota', 'psm', {
      keluarga_id: id.h1, nik: NIK_BUDI, nama: 'Budi Santoso', jenis_kelamin: 'L', hubungan: 'anak',
    });
    assert.equal(budi.status, 201, budi.text);
    id.budi = budi.json.id;

    const h2 = await call('POST', '/api/v1/keluarga', 'operator', { no_kk: KK2, kode_wilayah: KELURAHAN, rw: '2', alamat: 'Jl. Melati 9' });
    assert.equal(h2.status, 201, h2.text);
    id.h2 = h2.json.id;
    const rahmat = await call('POST', '/api/v1/anggota', 'psm-dua', {
      keluarga_id: id.h2, nik: NIK_RAHMAT, nama: 'Rahmat Hidayat', jenis_kelamin: 'L', hubungan: 'kepala_keluarga',
    });
    assert.equal(rahmat.status, 201, rahmat.text);
    id.rahmat = rahmat.json.id;

    // A PSM cannot register a household in someone else's RW.
    const outside = await call('POST', '/api/v1/keluarga', 'psm', { no_kk: '3671012001150005', kode_wilayah: KELURAHAN, rw: '2', alamat: 'x' });
    assert.equal(outside.status, 403, outside.text);

    const members = await list(`/api/v1/keluarga/${id.h1}/anggota`, 'psm');
    assert.deepEqual(members.map((m) => m.nama).sort(), ['Budi Santoso', 'Siti Aminah']);
    const k = await get(`/api/v1/keluarga/${id.h1}`, 'tksk');
    assert.equal(k.json.jumlah_anggota, 2);
    // The list page gives each household the same number as its own read.
    const listed = await list(`/api/v1/keluarga?kode_wilayah=${KELURAHAN}`, 'operator');
    assert.deepEqual(listed.filter((x) => [id.h1, id.h2].includes(x.id)).map((x) => [x.id, x.jumlah_anggota]).sort(),
      [[id.h1, 2], [id.h2, 1]].sort());
    // ... and the same fields and values as its own read, key for key.
    const one = await get(`/api/v1/keluarga/${id.h1}`, 'operator');
    assert.deepEqual(listed.find((x) => x.id === id.h1), one.json);
    assert.deepEqual(Object.keys(listed.find((x) => x.id === id.h1)), Object.keys(one.json));
  });

  test('reads are masked by default; buka=ya unmasks for psm and operator, not kepala, and is audited', async () => {
    const plain = await get(`/api/v1/anggota/${id.siti}`, 'psm');
    assert.equal(plain.status, 200, plain.text);
    assert.equal(plain.json.nik, '3671********0001');
    assert.doesNotMatch(plain.text, SIXTEEN);

    const before = (await audit({ action: 'anggota.unmask' })).length;
    for (const who of ['psm', 'operator']) {
      const open = await get(`/api/v1/anggota/${id.siti}?buka=ya`, who);
      assert.equal(open.status, 200, `${who}: ${open.text}`);
      assert.equal(open.json.nik, NIK_SITI);
      assert.equal(open.json.nik_tersamar, false);
    }
    const refused = await get(`/api/v1/anggota/${id.siti}?buka=ya`, 'kepala');
    assert.equal(refused.status, 403, refused.text);
    assert.doesNotMatch(refused.text, SIXTEEN);
    const kk = await get(`/api/v1/keluarga/${id.h1}?buka=ya`, 'kepala');
    assert.equal(kk.status, 403, kk.text);

    const entries = await audit({ action: 'anggota.unmask' });
    assert.equal(entries.length, before + 2, 'one entry per unmasked view, none for the refused one');
    const mine = entries.filter((e) => e.entity === 'anggota' && e.entity_id === String(id.siti));
    assert.deepEqual(mine.map((e) => e.actor_username).sort(), ['operator', 'psm']);

    const kkOpen = await get(`/api/v1/keluarga/${id.h1}?buka=ya`, 'operator');
    assert.equal(kkOpen.json.no_kk, KK1);
    assert.ok((await audit({ action: 'keluarga.unmask' })).some((e) => e.entity_id === String(id.h1)));
  });

  test('khusus=ya shows the disability to the roles that may see it, audited', async () => {
    const plain = await get(`/api/v1/anggota/${id.siti}`, 'psm');
    assert.equal(plain.json.data_khusus_disertakan, false);
    assert.ok(!plain.json.disabilitas, 'no disability without khusus=ya');
    const special = await get(`/api/v1/anggota/${id.siti}?khusus=ya`, 'psm');
    assert.equal(special.status, 200, special.text);
    assert.equal(special.json.data_khusus_disertakan, true);
    assert.deepEqual(special.json.disabilitas, { jenis: 'fisik', tingkat: 'berat' });
    assert.equal(special.json.nik, '3671********0001', 'khusus does not unmask');
    assert.equal((await get(`/api/v1/anggota/${id.siti}?khusus=ya`, 'kepala')).status, 403);
    assert.ok((await audit({ action: 'anggota.view_special' })).some((e) => e.entity_id === String(id.siti)));
  });

  test('a stale version is 409 with the current record; a change needs a reason; history has before/after', async () => {
    const first = await call('PATCH', `/api/v1/keluarga/${id.h1}`, 'psm', { version: 1, alamat: 'Jl. Kenari No. 7', alasan: 'salah tulis nomor rumah' });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.version, 2);
    assert.equal(first.json.alamat, 'Jl. Kenari No. 7');
    assert.equal(first.json.jumlah_anggota, 2, 'a changed household still counts its members');

    const stale = await call('PATCH', `/api/v1/keluarga/${id.h1}`, 'tksk', { version: 1, alamat: 'Jl. Lain', alasan: 'koreksi alamat' });
    assert.equal(stale.status, 409, stale.text);
    assert.equal(stale.json.error.code, 'conflict');
    assert.equal(stale.json.current.version, 2);
    assert.equal(stale.json.current.alamat, 'Jl. Kenari No. 7');
    assert.doesNotMatch(stale.text, SIXTEEN);

    const noReason = await call('PATCH', `/api/v1/keluarga/${id.h1}`, 'psm', { version: 2, alamat: 'Jl. Lain' });
    assert.equal(noReason.status, 400, noReason.text);
    const noReasonMember = await call('PATCH', `/api/v1/anggota/${id.budi}`, 'psm', { version: 1, pendidikan: 'sd' });
    assert.equal(noReasonMember.status, 400, noReasonMember.text);
    assert.equal((await get(`/api/v1/keluarga/${id.h1}`, 'psm')).json.version, 2, 'nothing changed');

    const member = await call('PATCH', `/api/v1/anggota/${id.budi}`, 'psm', { version: 1, pendidikan: 'sd', alasan: 'sudah masuk SD' });
    assert.equal(member.status, 200, member.text);

    // The history is the record's audit trail: the unmasked view above is in it too.
    const history = await list(`/api/v1/keluarga/${id.h1}/riwayat`, 'tksk');
    assert.deepEqual(history.map((h) => h.aksi), ['keluarga.create', 'keluarga.unmask', 'keluarga.update']);
    const change = history.at(-1);
    assert.equal(change.alasan, 'salah tulis nomor rumah');
    assert.equal(change.oleh, 'psm');
    assert.equal(change.sebelum.alamat, 'Jl. Kenari No. 5');
    assert.equal(change.sesudah.alamat, 'Jl. Kenari No. 7');
    const memberHistory = await list(`/api/v1/anggota/${id.budi}/riwayat`, 'psm');
    assert.equal(memberHistory.at(-1).alasan, 'sudah masuk SD');
    assert.equal(memberHistory.at(-1).sesudah.pendidikan, 'sd');
  });

  test('scope: a PSM of another RW gets 404 for every endpoint of a household outside it, and lists exclude it', async () => {
    const other = 'psm-dua';
    for (const p of [`/api/v1/keluarga/${id.h1}`, `/api/v1/keluarga/${id.h1}/anggota`, `/api/v1/keluarga/${id.h1}/riwayat`,
      `/api/v1/anggota/${id.siti}`, `/api/v1/anggota/${id.siti}/riwayat`, `/api/v1/anggota/${id.siti}?buka=ya`]) {
      const r = await get(p, other);
      assert.equal(r.status, 404, `${other} GET ${p}: ${r.status} ${r.text}`);
      assert.doesNotMatch(r.text, /Siti|Kenari/);
    }
    for (const [p, body] of [[`/api/v1/keluarga/${id.h1}`, { version: 2, alamat: 'x', alasan: 'coba coba' }],
      [`/api/v1/anggota/${id.siti}`, { version: 1, nama: 'x', alasan: 'coba coba' }]]) {
      const r = await call('PATCH', p, other, body);
      assert.equal(r.status, 404, `${other} PATCH ${p}: ${r.status} ${r.text}`);
    }
    const add = await call('POST', '/api/v1/anggota', other, { keluarga_id: id.h1, nama: 'Penyusup', jenis_kelamin: 'L', hubungan: 'lainnya' });
    assert.equal(add.status, 404, add.text);
    const ppks = await call('POST', `/api/v1/anggota/${id.siti}/ppks`, other, { ppks: 3, sejak: '2024-01-01' });
    assert.equal(ppks.status, 404, ppks.text);

    const households = await list('/api/v1/keluarga', other);
    assert.deepEqual(households.map((k) => k.id), [id.h2]);
    const members = await list('/api/v1/anggota', other);
    assert.deepEqual(members.map((m) => m.id), [id.rahmat]);
    assert.deepEqual(await list(`/api/v1/anggota?nik=${NIK_SITI}`, other), []);
    assert.deepEqual(await list(`/api/v1/anggota?no_kk=${KK1}`, other), []);
    assert.deepEqual(await list(`/api/v1/keluarga?kode_wilayah=${KELURAHAN}.001`, other), []);
    assert.deepEqual(await list(`/api/v1/anggota?keluarga_id=${id.h1}`, other), []);
    // The first PSM likewise cannot see RW 002; the TKSK of the kecamatan sees both.
    assert.deepEqual((await list('/api/v1/anggota', 'psm')).map((m) => m.id).sort(), [id.siti, id.budi].sort());
    assert.equal((await list('/api/v1/keluarga', 'tksk')).length, 2);
  });

  test('search by exact NIK and by name prefix', async () => {
    const byNik = await list(`/api/v1/anggota?nik=${NIK_SITI}`, 'operator');
    assert.deepEqual(byNik.map((m) => m.id), [id.siti]);
    assert.deepEqual(await list('/api/v1/anggota?nik=3671014507900009', 'operator'), [], 'exact, not a prefix');
    const byName = await list('/api/v1/anggota?nama=SIT&urut=nama', 'operator');
    assert.deepEqual(byName.map((m) => m.nama), ['Siti Aminah']);
    const prefix = await list('/api/v1/anggota?nama=r', 'kepala');
    assert.deepEqual(prefix.map((m) => m.nama), ['Rahmat Hidayat']);
    const byKk = await list(`/api/v1/anggota?no_kk=${KK1}`, 'tksk');
    assert.equal(byKk.length, 2);
    const bad = await get('/api/v1/anggota?nik=123', 'operator');
    assert.equal(bad.status, 400, bad.text);
    assert.deepEqual((await list('/api/v1/anggota?ppks=9', 'operator')).map((m) => m.id), [id.siti]);
  });

  test('lists filter by the household desil and the member status_padan; bad bounds are 400 at the field', async () => {
    // h1 has desil 2, h2 none.
    assert.deepEqual((await list('/api/v1/keluarga?desil_max=3', 'operator')).map((k) => k.id), [id.h1]);
    assert.deepEqual(await list('/api/v1/keluarga?desil_min=3', 'operator'), []);
    const poor = await list('/api/v1/anggota?desil_min=1&desil_max=2', 'operator');
    assert.deepEqual(poor.map((m) => m.id).sort(), [id.siti, id.budi].sort());
    assert.equal((await list('/api/v1/anggota?status_padan=belum', 'operator')).length, 3);
    assert.deepEqual(await list('/api/v1/anggota?status_padan=padan', 'operator'), []);
    for (const [q, field] of [['desil_min=11', 'desil_min'], ['desil_min=5&desil_max=2', 'desil_min'], ['desil_max=x', 'desil_max'], ['status_padan=entah', 'status_padan']]) {
      const r = await get(`/api/v1/anggota?${q}`, 'operator');
      assert.equal(r.status, 400, `${q}: ${r.text}`);
      assert.equal(r.json.error.field, field, q);
    }
    const e = await get('/api/v1/ekspor/bnba?format=csv&desil_max=2', 'operator');
    assert.equal(e.status, 200, e.text);
    assert.equal(e.headers.get('x-export-rows'), '1'); // Siti, the head of h1
  });

  test('member and household lists page one row at a time in their order, each row once', async () => {
    // Walks `next` with limit=1 (the keyset pages' statements; tests/postgres/behaviour.txt runs
    // them on PostgreSQL too).
    const walk = async (base) => {
      const seen = [];
      let after = '';
      for (let i = 0; i < 10; i++) {
        const r = await get(`${base}${base.includes('?') ? '&' : '?'}limit=1${after ? `&after=${encodeURIComponent(after)}` : ''}`, 'operator');
        assert.equal(r.status, 200, r.text);
        listBodies.push({ what: `operator GET ${base} page ${i}`, text: r.text });
        seen.push(...r.json.items);
        if (!r.json.next) return seen;
        after = r.json.next;
      }
      assert.fail(`${base}: more pages than rows`);
    };
    const byName = await walk('/api/v1/anggota?urut=nama');
    assert.deepEqual(byName.map((m) => m.nama), ['Budi Santoso', 'Rahmat Hidayat', 'Siti Aminah']);
    const byRegion = await walk('/api/v1/anggota');
    assert.deepEqual(byRegion.map((m) => m.id).sort(), [id.siti, id.budi, id.rahmat].sort());
    assert.deepEqual(byRegion.map((m) => m.kode_wilayah), [...byRegion.map((m) => m.kode_wilayah)].sort());
    // Households page by page, each as its own read (written straight from the row, like the
    // first page), member counts included.
    const households = await walk('/api/v1/keluarga');
    assert.deepEqual(households.map((k) => k.id).sort(), [id.h1, id.h2].sort());
    for (const k of households) assert.deepEqual(k, (await get(`/api/v1/keluarga/${k.id}`, 'operator')).json);
    assert.deepEqual(households.map((k) => k.jumlah_anggota).sort(), [1, 2]);
    for (const [q, field] of [['after=bukan-kursor', 'after'], ['desil_min=0', 'desil_min'], ['no_kk=123', 'no_kk'], ['kode_wilayah=xx', 'kode_wilayah']]) {
      const r = await get(`/api/v1/keluarga?${q}`, 'operator');
      assert.equal(r.status, 400, `${q}: ${r.text}`);
      assert.equal(r.json.error.field, field, q);
    }
  });

  test('exports: masked by default, buka=ya for allowed roles only, one audit entry each, scoped', async () => {
    const before = (await audit({ action: 'registry.export' })).length;
    const masked = await get('/api/v1/ekspor/anggota', 'operator');
    assert.equal(masked.status, 200, masked.text);
    assert.match(masked.headers.get('content-type'), /^text\/csv/);
    assert.match(masked.headers.get('content-disposition'), /^attachment; filename="pilar-anggota-semua-\d{4}-\d\d-\d\d\.csv"$/);
    assert.equal(masked.headers.get('x-export-rows'), '3');
    const lines = masked.text.replace(/^\uFEFF/, '').trim().split('\n');
    assert.equal(lines[0], 'nik,no_kk,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,hubungan,status_kawin,pendidikan,pekerjaan,disabilitas_jenis,disabilitas_tingkat,penyakit_kronis,status_keberadaan,status_padan,ppks,nisn,sekolah');
    assert.equal(lines.length, 4);
    assert.doesNotMatch(masked.text, SIXTEEN);
    assert.doesNotMatch(masked.text, /fisik/);

    const open = await get('/api/v1/ekspor/anggota?buka=ya', 'operator');
    assert.equal(open.status, 200, open.text);
    for (const nik of [NIK_SITI, NIK_BUDI, NIK_RAHMAT]) assert.ok(open.text.includes(nik), nik);
    assert.match(open.text, /fisik,berat/);
    assert.equal(open.headers.get('x-export-masked'), 'tidak');

    assert.equal((await get('/api/v1/ekspor/anggota?buka=ya', 'kepala')).status, 403);
    const kepala = await get('/api/v1/ekspor/keluarga', 'kepala');
    assert.equal(kepala.status, 200, kepala.text);
    assert.doesNotMatch(kepala.text, SIXTEEN);
    assert.equal((await get('/api/v1/ekspor/anggota', 'admin')).status, 403, 'the admin manages accounts, not people');

    const entries = await audit({ action: 'registry.export' });
    assert.equal(entries.length, before + 3, 'one entry per export (the refused one writes none)');
    assert.match(entries[0].detail, /^jenis=keluarga format=csv tersamar=ya baris=2 /);
    assert.match(entries[1].detail, /^jenis=anggota format=csv tersamar=tidak baris=3 /);

    const scoped = await get('/api/v1/ekspor/anggota?buka=ya', 'psm-dua');
    assert.equal(scoped.status, 200, scoped.text);
    assert.ok(scoped.text.includes(NIK_RAHMAT));
    assert.ok(!scoped.text.includes(NIK_SITI) && !scoped.text.includes('Siti'), 'only the PSM\'s RW');

    const xlsx = await fetch(srv.url('/api/v1/ekspor/bnba?format=xlsx'), { headers: { cookie: s.operator.cookie } });
    assert.equal(xlsx.status, 200);
    assert.equal(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString('latin1'), 'PK');
    const pdf = await fetch(srv.url(`/api/v1/ekspor/bnba?format=pdf&kode_wilayah=${KELURAHAN}`), { headers: { cookie: s.tksk.cookie } });
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal((await get('/api/v1/ekspor/anggota?format=pdf', 'operator')).status, 400);
    assert.equal((await get('/api/v1/ekspor/rahasia', 'operator')).status, 404);
    assert.deepEqual(fs.readdirSync(path.join(data.dir, 'tmp')).filter((f) => f.startsWith('pilar-export-')), [],
      'no export file is left on disk');
  });

  test('no unmasked NIK or No. KK in any list response', async () => {
    for (const who of ['operator', 'kepala', 'tksk', 'psm', 'psm-dua']) {
      await list('/api/v1/keluarga', who);
      await list('/api/v1/anggota', who);
      await list('/api/v1/anggota?urut=nama', who);
    }
    await list(`/api/v1/keluarga/${id.h1}/anggota`, 'operator');
    await list(`/api/v1/anggota?nik=${NIK_SITI}`, 'operator');
    await list(`/api/v1/keluarga?no_kk=${KK1}`, 'operator');
    assert.ok(listBodies.length > 20);
    for (const { what, text } of listBodies) assert.doesNotMatch(text, SIXTEEN, `${what} holds a 16-digit number`);
  });

  test('no unmasked NIK or No. KK in the access log', async () => {
    // The NIK travelled in query strings and in unmasked response bodies above; the log keeps
    // neither.
    const probe = 'registry-log-probe';
    await api(srv, 'GET', `/api/v1/anggota?nik=${NIK_SITI}`, { session: s.operator, headers: { 'x-request-id': probe } });
    const text = await waitFor(() => {
      const t = fs.existsSync(accessLog) ? fs.readFileSync(accessLog, 'utf8') : '';
      return t.includes(probe) && t;
    });
    assert.ok(text, 'the access log never got the probe request');
    assert.ok(text.split('\n').filter(Boolean).length > 50);
    assert.doesNotMatch(text, /\d{16}/);
    for (const n of [NIK_SITI, NIK_BUDI, NIK_RAHMAT, KK1, KK2]) assert.ok(!text.includes(n), n);
    assert.doesNotMatch(srv.stderr(), /\d{16}/, 'nor in the server log');
  });
});
