// Two kota in one database (36.71 and 36.72): the office of one sees and manages neither the
// other's training events (src/events) nor its audit entries (src/access) nor its workforce rules
// (src/workforce). Before, an operator or kepala listed and opened every kota's events (and an
// operator managed them, invited another kota's accounts into their own), an admin read and
// exported the whole audit trail, and one table of rules served every kota: one kota's operator
// set the incentive of all.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { KOTA, PASSWORD, RW1, activePilar, api, login, pilarOk, setupDataDir, startServer } from './helpers.mjs';

const KOTA2 = '36.72';
const KELURAHAN2 = '36.72.01.1001';

describe('multi-kota', () => {
  let data;
  let srv;
  const s = {};
  const ids = {};
  const call = (method, p, who, body) => api(srv, method, p, { session: s[who], body });

  before(async () => {
    data = await setupDataDir();
    await pilarOk(['wilayah', 'load', KOTA2, '--data', data.dir]);
    await pilarOk(['wilayah', 'create', KELURAHAN2, '1', '--data', data.dir]);
    for (const role of ['admin', 'operator', 'kepala'])
      await pilarOk(['user', 'add', `${role}72`, '--role', role, '--wilayah', KOTA2, '--password-stdin', '--data', data.dir],
        { input: `${PASSWORD}\n` });
    srv = await startServer({ dataDir: data.dir });
    for (const u of ['admin', 'operator', 'kepala', 'admin72', 'operator72', 'kepala72']) s[u] = await login(srv, u);
  });
  // The server first: removing its data dir while it stops races its last writes (ENOTEMPTY).
  after(async () => {
    await srv?.stop();
    data?.remove();
  });

  const event = (kode, judul) => ({
    judul, jenis: 'pembinaan', tanggal_mulai: '2026-12-01', tanggal_selesai: '2026-12-01', tempat: 'Aula', kapasitas: 50,
    penyelenggara: 'Dinas Sosial', kode_wilayah: kode, status: 'dibuka',
  });

  test('events: the office of a kota sees and manages only its own kota\'s events', async () => {
    let r = await call('POST', '/api/v1/acara', 'operator', event(KOTA, 'Pembinaan 71'));
    assert.equal(r.status, 201, r.text);
    ids.e71 = r.json.id;
    r = await call('POST', '/api/v1/acara', 'operator72', event(KOTA2, 'Pembinaan 72'));
    assert.equal(r.status, 201, r.text);
    ids.e72 = r.json.id;

    for (const [who, own, other] of [['operator', ids.e71, ids.e72], ['kepala', ids.e71, ids.e72], ['admin', ids.e71, ids.e72],
      ['operator72', ids.e72, ids.e71], ['kepala72', ids.e72, ids.e71]]) {
      r = await call('GET', '/api/v1/acara', who);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.items.map((a) => a.id), [own], `${who} lists only their kota's event`);
      assert.equal((await call('GET', `/api/v1/acara/${other}`, who)).status, 404, `${who} opens the other kota's event`);
      assert.equal((await call('GET', `/api/v1/acara/${other}/peserta`, who)).status, 404, who);
    }
    // Managing the other kota's event: as unknown as a missing one, and nothing changes.
    r = await call('POST', `/api/v1/acara/${ids.e72}/peserta`, 'operator', { nama: 'Tamu', peran: 'tamu' });
    assert.equal(r.status, 404, r.text);
    r = await call('POST', `/api/v1/acara/${ids.e72}/undangan`, 'operator', { peran_akun: ['operator'], kode_wilayah: KOTA });
    assert.equal(r.status, 404, r.text);
    // Nor can the other kota's accounts be brought into one's own event.
    r = await call('POST', `/api/v1/acara/${ids.e71}/undangan`, 'operator', { peran_akun: ['operator', 'kepala', 'admin'], kode_wilayah: KOTA2 });
    assert.equal(r.status, 403, r.text);
    assert.equal(r.json.error.field, 'kode_wilayah');
    r = await call('POST', `/api/v1/acara/${ids.e71}/peserta`, 'operator', { username: 'kepala72' });
    assert.equal(r.status, 404, r.text);
    assert.equal(r.json.error.field, 'username');
    r = await call('GET', `/api/v1/acara/${ids.e72}/peserta`, 'operator72');
    assert.deepEqual(r.json.items, [], 'nobody was added to the other kota\'s event');
    r = await call('GET', `/api/v1/acara/${ids.e71}/peserta`, 'operator');
    assert.deepEqual(r.json.items, [], 'nor from it to one\'s own');
    // The kota's own work goes on as before.
    r = await call('POST', `/api/v1/acara/${ids.e71}/peserta`, 'operator', { username: 'kepala' });
    assert.equal(r.status, 201, r.text);
  });

  test('audit: an admin reads and exports only their own kota\'s entries', async () => {
    // A failed login on each kota's account, and one under a name nobody has.
    for (const username of ['operator', 'operator72', 'tak-dikenal'])
      assert.equal((await api(srv, 'POST', '/api/v1/auth/login', { body: { username, password: 'salah sekali 12345' } })).status, 401);
    const list = async (who, query) => {
      const r = await call('GET', `/api/v1/audit${query}`, who);
      assert.equal(r.status, 200, r.text);
      return r.json.items;
    };
    const seen = async (who, query) => (await list(who, query)).map((e) => `${e.action} ${e.actor_username} ${e.entity_id}`).sort();
    assert.deepEqual(await seen('admin', '?action=acara.buat'), [`acara.buat operator ${ids.e71}`]);
    assert.deepEqual(await seen('admin72', '?action=acara.buat'), [`acara.buat operator72 ${ids.e72}`]);
    // The console's entries about a wilayah or an account belong to that kota.
    assert.deepEqual((await list('admin', '?action=wilayah.load')).map((e) => e.entity_id), [KOTA]);
    assert.deepEqual((await list('admin72', '?action=wilayah.load')).map((e) => e.entity_id), [KOTA2]);
    assert.deepEqual((await list('admin', '?action=user.create')).map((e) => e.entity_id).sort(), ['admin', 'kepala', 'operator', 'psm', 'tksk']);
    assert.deepEqual((await list('admin72', '?action=user.create')).map((e) => e.entity_id).sort(), ['admin72', 'kepala72', 'operator72']);
    // A failed login belongs to the account whose name was tried; an unknown name to every admin.
    assert.deepEqual(await seen('admin', '?action=auth.login_failed'), ['auth.login_failed operator operator', 'auth.login_failed tak-dikenal tak-dikenal']);
    assert.deepEqual(await seen('admin72', '?action=auth.login_failed'), ['auth.login_failed operator72 operator72', 'auth.login_failed tak-dikenal tak-dikenal']);
    // Nothing of the other kota's accounts anywhere in one's trail, in the browser or the export.
    const mine = await list('admin', '?limit=500');
    assert.ok(mine.length > 10);
    const theirs = (e) => /^(admin|operator|kepala)72$/.test(e.actor_username) || /^(admin|operator|kepala)72$/.test(e.entity_id) ||
      e.entity_id.startsWith(KOTA2) || (e.entity === 'acara' && e.entity_id === String(ids.e72));
    assert.deepEqual(mine.filter(theirs), []);
    const csv = await call('GET', '/api/v1/audit/export', 'admin');
    assert.equal(csv.status, 200, csv.text);
    assert.ok(!/operator72|kepala72|admin72|Pembinaan 72/.test(csv.text), 'the export holds no entry of the other kota');
    assert.match(csv.text, /Pembinaan 71/);
  });

  test('workforce rules: each kota\'s office sets its own incentive, each recap pays its own, and neither reaches the other\'s', async () => {
    const psm71 = (await activePilar(srv, s.operator, { nama: 'Siti Rahayu', wilayah: [RW1] })).id;
    const psm72 = (await activePilar(srv, s.operator72, { nama: 'Dewi Lestari', wilayah: [`${KELURAHAN2}.001`], kode_wilayah: KELURAHAN2, ktp: KELURAHAN2 })).id;
    for (const [who, nominal] of [['operator', '750000'], ['operator72', '600000']])
      for (const [kunci, nilai] of [['insentif_min_laporan', '0'], ['insentif_nominal', nominal]]) {
        const r = await call('POST', '/api/v1/aturan-pilar-sosial', who, { kunci, nilai });
        assert.equal(r.status, 200, r.text);
      }
    const bulan = new Date().toISOString().slice(0, 7);
    for (const [who, id, insentif] of [['operator', psm71, 750000], ['operator72', psm72, 600000]]) {
      const r = await call('GET', `/api/v1/rekap?bulan=${bulan}`, who);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.items.map((x) => [x.pilar_id, x.insentif]), [[id, insentif]], `${who}'s recap pays their kota's incentive`);
      assert.equal(r.json.total_insentif, insentif);
    }
    // Each account reads its own kota's rules, with who changed them.
    for (const [who, kota, insentif, by] of [['kepala', KOTA, 750000, 'operator'], ['kepala72', KOTA2, 600000, 'operator72']]) {
      const r = await call('GET', '/api/v1/aturan-pilar-sosial', who);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.kode_kota, kota);
      assert.equal(r.json.insentif_nominal, insentif);
      const row = r.json.daftar.find((x) => x.kunci === 'insentif_nominal');
      assert.deepEqual([row.nilai, row.bawaan, row.updated_by], [insentif, 500000, by]);
    }
    // The other kota's rules are as unknown as a missing kota (404); changing them names a region
    // outside the caller's area (403 at kode_kota, like every such write); nothing changes.
    for (const who of ['operator', 'kepala', 'admin']) {
      const r = await call('GET', `/api/v1/aturan-pilar-sosial?kode_kota=${KOTA2}`, who);
      assert.equal(r.status, 404, `${who}: ${r.text}`);
    }
    for (const who of ['operator', 'admin']) {
      const r = await call('POST', '/api/v1/aturan-pilar-sosial', who, { kunci: 'insentif_nominal', nilai: '1', kode_kota: KOTA2 });
      assert.equal(r.status, 403, `${who}: ${r.text}`);
      assert.equal(r.json.error.field, 'kode_kota');
    }
    assert.equal((await call('POST', '/api/v1/aturan-pilar-sosial', 'kepala72', { kunci: 'insentif_nominal', nilai: '1' })).status, 403);
    let r = await call('GET', '/api/v1/aturan-pilar-sosial', 'operator72');
    assert.equal(r.json.insentif_nominal, 600000, 'nothing changed in 36.72');
    r = await call('GET', `/api/v1/rekap?bulan=${bulan}`, 'operator72');
    assert.equal(r.json.items[0].insentif, 600000);
    // A bad value is refused naming the field, in the caller's language, and changes nothing.
    r = await api(srv, 'POST', '/api/v1/aturan-pilar-sosial', { session: s.operator, body: { kunci: 'insentif_nominal', nilai: '500.000' }, lang: 'en' });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'nilai');
    assert.match(r.json.error.message, /insentif_nominal must be a whole number/);
    assert.equal((await call('GET', '/api/v1/aturan-pilar-sosial', 'operator')).json.insentif_nominal, 750000);
    // Every change is in the audit trail with its kota, in that kota's admin's view.
    const trail = await call('GET', '/api/v1/audit?action=workforce.aturan', 'admin');
    assert.deepEqual(trail.json.items.map((e) => e.entity_id).sort(), [`${KOTA}:insentif_min_laporan`, `${KOTA}:insentif_nominal`]);
    // A change made at the console for one kota is that kota's admins' entry only (migration 0022).
    await pilarOk(['workforce', 'rules', 'set', 'insentif_nominal', '650000', '--kota', KOTA2, '--data', data.dir]);
    assert.equal((await call('GET', '/api/v1/aturan-pilar-sosial', 'operator72')).json.insentif_nominal, 650000);
    const consoleEntries = async (who) => (await call('GET', '/api/v1/audit?action=workforce.aturan', who)).json.items
      .filter((e) => e.actor_role === 'system').map((e) => e.entity_id);
    assert.deepEqual(await consoleEntries('admin72'), [`${KOTA2}:insentif_nominal`]);
    assert.deepEqual(await consoleEntries('admin'), [], `the admin of ${KOTA} does not see ${KOTA2}'s console change`);
  });

  // The console's entries about one kota's data name that kota (migration 0022), so only its
  // admins see them: an import (the kota of the rows it loaded), an export and a dedup run (their
  // filter's wilayah), an erasure (the person's wilayah). Before, every admin saw all of them.
  // What is database-wide — an export or a dedup run without a filter, a dashboard rebuild —
  // stays with every admin.
  test('audit: the console\'s imports, exports, dedup runs and erasures go to the admins of their kota', async () => {
    const files = {};
    for (const kota of [KOTA, KOTA2]) {
      const dir = path.join(data.root, `gen-${kota}`);
      await pilarOk(['generate', '--households', '2', '--seed', '3', '--kota', kota, '--out', dir]);
      for (const jenis of ['keluarga', 'anggota']) {
        files[`${jenis} ${kota}`] = path.join(dir, `${jenis}-${kota}.csv`);
        fs.renameSync(path.join(dir, `${jenis}.csv`), files[`${jenis} ${kota}`]);
      }
    }
    for (const jenis of ['keluarga', 'anggota'])
      for (const kota of [KOTA, KOTA2]) await pilarOk(['import', jenis, files[`${jenis} ${kota}`], '--data', data.dir]);
    await pilarOk(['export', 'anggota', '--kode-wilayah', KOTA2, '--out', path.join(data.root, 'a72.csv'), '--data', data.dir]);
    await pilarOk(['export', 'keluarga', '--out', path.join(data.root, 'semua.csv'), '--data', data.dir]);
    await pilarOk(['dedup', '--wilayah', KOTA2, '--data', data.dir]);
    await pilarOk(['dedup', '--data', data.dir]);
    // A person of 36.72 who moved away, erased at the console.
    let r = await call('GET', '/api/v1/anggota?limit=1', 'operator72');
    assert.equal(r.status, 200, r.text);
    const person = r.json.items[0]; // operator72's scope is 36.72: a person of 36.72
    r = await call('PATCH', `/api/v1/anggota/${person.id}`, 'operator72', { version: person.version, alasan: 'pindah', status_keberadaan: 'pindah' });
    assert.equal(r.status, 200, r.text);
    await pilarOk(['privacy', 'erase', '--id', String(person.id), '--reason', 'surat 7/2026', '--retention-days', '0', '--data', data.dir]);

    const seen = async (who, action) => {
      const res = await call('GET', `/api/v1/audit?action=${action}&limit=500`, who);
      assert.equal(res.status, 200, res.text);
      return res.json.items.filter((e) => e.actor_role === 'system').map((e) => {
        const file = /"file":"[^"]*?(keluarga|anggota)-([\d.]+)\.csv"/.exec(e.detail);
        return file ? `${file[1]} ${file[2]}` : e.detail.replace(/ baris=\d+| orang \d+.*/g, '');
      }).sort();
    };
    for (const [who, kota] of [['admin', KOTA], ['admin72', KOTA2]]) {
      assert.deepEqual(await seen(who, 'keluarga.import'), [`keluarga ${kota}`], `${who}: imports of their kota only`);
      assert.deepEqual(await seen(who, 'anggota.import'), [`anggota ${kota}`], who);
    }
    assert.deepEqual(await seen('admin', 'registry.export'), ['jenis=keluarga format=csv tersamar=ya saringan: -']);
    assert.deepEqual(await seen('admin72', 'registry.export'),
      [`jenis=anggota format=csv tersamar=ya saringan: kode_wilayah=${KOTA2}`, 'jenis=keluarga format=csv tersamar=ya saringan: -']);
    assert.deepEqual(await seen('admin', 'duplikat.proses'), ['wilayah *']);
    assert.deepEqual(await seen('admin72', 'duplikat.proses'), ['wilayah *', `wilayah ${KOTA2}`]);
    for (const action of ['anggota.anonimkan', 'audit.redact']) {
      assert.deepEqual((await seen('admin', action)), [], `admin of ${KOTA}: ${action} of a person of ${KOTA2}`);
      assert.equal((await seen('admin72', action)).length, 1, action);
    }
    // The console itself still lists everything, and the chain is whole.
    const all = await pilarOk(['audit', 'list', '--action', 'keluarga.import', '--data', data.dir]);
    assert.match(all.stdout, new RegExp(`keluarga-${KOTA}\\.csv`));
    assert.match(all.stdout, new RegExp(`keluarga-${KOTA2}\\.csv`));
    assert.equal((await call('GET', '/api/v1/audit/verify', 'admin')).json.ok, true);
  });
});
