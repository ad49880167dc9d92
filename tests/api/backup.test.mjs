// `pilar backup` and `pilar restore` as an office runs them (docs/operations.md, "Backup and
// restore"): a backup of a server that keeps serving and writing, restored into a fresh data dir
// whose server serves the same people with an audit trail that verifies; and every refusal —
// restore onto a running server, a damaged file, a SQLite file that is not Pilar's, a newer
// schema, an existing backup file — changes nothing. A backup killed with SIGKILL leaves no file
// under its name. While a restore runs, no server or console command opens the data dir, and a
// restore does not start while one has it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { KELURAHAN, api, dataDirSnapshot, holdDataDirLock, login, pilarOk, runPilar, setupDataDir, spawnHeld, sqlite, startServer } from './helpers.mjs';

const NIK_SITI = '3671014507900001';
const kk = (n) => `36710120011${String(51000 + n).padStart(5, '0')}`;
const mode = (file) => fs.statSync(file).mode & 0o777;
const snapshot = dataDirSnapshot;

describe('backup and restore', () => {
  let data;
  let srv;
  let op;
  const id = {};
  const acknowledged = []; // household ids the server answered 201 for before the backup started

  before(async () => {
    data = await setupDataDir();
    srv = await startServer({ dataDir: data.dir });
    op = await login(srv, 'operator');
    const h = await api(srv, 'POST', '/api/v1/keluarga', {
      session: op,
      body: { no_kk: kk(0), kode_wilayah: KELURAHAN, rw: '1', rt: '2', alamat: 'Jl. Kenari No. 5' },
    });
    assert.equal(h.status, 201, h.text);
    id.h = h.json.id;
    const siti = await api(srv, 'POST', '/api/v1/anggota', {
      session: op,
      body: {
        keluarga_id: id.h, nik: NIK_SITI, nama: 'Siti Aminah', jenis_kelamin: 'P', tanggal_lahir: '1990-07-05',
        hubungan: 'kepala_keluarga', disabilitas_jenis: 'fisik', disabilitas_tingkat: 'berat',
      },
    });
    assert.equal(siti.status, 201, siti.text);
    id.siti = siti.json.id;
  });

  after(async () => {
    await srv?.stop();
    data?.remove();
  });

  const out = (name) => path.join(data.root, name);

  test('backup while the server serves and writes: exit 0, one summary line, mode 0600, audited', async () => {
    // Writers keep going through the backup; those answered before it started must be in it.
    let n = 1;
    let writing = true;
    const addHousehold = async () => {
      const r = await api(srv, 'POST', '/api/v1/keluarga', {
        session: op,
        body: { no_kk: kk(n++), kode_wilayah: KELURAHAN, rw: '1', alamat: 'Jl. Melati' },
      });
      assert.equal(r.status, 201, r.text);
      return r.json.id;
    };
    for (let i = 0; i < 5; i++) acknowledged.push(await addHousehold());
    const writer = (async () => {
      let extra = 0;
      while (writing) {
        await addHousehold();
        extra++;
      }
      return extra;
    })();
    // Reads answered while the backup runs.
    let reads = 0;
    const reader = (async () => {
      while (writing) {
        const r = await api(srv, 'GET', `/api/v1/anggota/${id.siti}`, { session: op });
        assert.equal(r.status, 200, r.text);
        reads++;
      }
    })();
    const b = await runPilar(['backup', '--data', data.dir, '--out', out('nightly.db')], { env: { LANG: 'en_US.UTF-8' } });
    writing = false;
    const [extra] = await Promise.all([writer, reader]);
    assert.equal(b.code, 0, b.stderr);
    assert.ok(reads > 0 && extra >= 0);
    const lines = b.stdout.trim().split('\n');
    assert.equal(lines.length, 1, b.stdout);
    assert.match(lines[0], /^backup ok: .*nightly\.db, .* bytes\), schema \d{4}, 1 persons, \d+ households, audit head \d+:[0-9a-f]{64}/);
    // The key is not in the file, and the reminder names its id and that the sample opened.
    assert.match(b.stderr, /key is NOT in the backup; back up .*pilar\.key separately \(current key id 1, 1 key\(s\); the data uses id 1\); (\d+) of \1 sampled encrypted values open/);
    assert.equal(mode(out('nightly.db')), 0o600);
    assert.deepEqual(fs.readdirSync(data.root).filter((f) => f.startsWith('nightly.db')), ['nightly.db']);
    // A standalone file: no journal or WAL needed beside it.
    assert.equal(sqlite(out('nightly.db'), 'PRAGMA journal_mode'), 'delete');
    const inBackup = new Set(sqlite(out('nightly.db'), 'SELECT id FROM keluarga').split('\n').map(Number));
    for (const hid of [id.h, ...acknowledged]) assert.ok(inBackup.has(hid), `household ${hid} acknowledged before the backup is missing`);
    // Nor is the key anywhere inside it.
    const key = fs.readFileSync(path.join(data.dir, 'pilar.key'), 'utf8').split('\n').find((l) => /^\d+:/.test(l)).split(':')[1];
    assert.equal(fs.readFileSync(out('nightly.db')).includes(Buffer.from(key)), false);

    // Recorded in the source's trail (not in the copy, which is the snapshot before it).
    const audit = await pilarOk(['audit', 'list', '--action', 'db.backup', '--data', data.dir]);
    assert.match(audit.stdout, /db\.backup .*database:.*nightly\.db .*audit_head=\d+:[0-9a-f]{64}/);
    assert.equal(sqlite(out('nightly.db'), "SELECT count(*) FROM audit_log WHERE action = 'db.backup'"), '0');
  });

  test('backup refuses an existing file without --force and leaves it as it was', async () => {
    fs.writeFileSync(out('taken.db'), 'not mine');
    const r = await runPilar(['backup', '--data', data.dir, '--out', out('taken.db')]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^pilar: .*taken\.db sudah ada.*--force/);
    assert.equal(fs.readFileSync(out('taken.db'), 'utf8'), 'not mine');
    // Never onto the live database, even with --force.
    const live = fs.statSync(path.join(data.dir, 'pilar.db')).ino; // a rename over it would change it
    const self = await runPilar(['backup', '--data', data.dir, '--out', path.join(data.dir, 'pilar.db'), '--force'], { env: { LANG: 'en_US.UTF-8' } });
    assert.equal(self.code, 2, self.stderr);
    assert.match(self.stderr, /^pilar: --out .*pilar\.db is the database being backed up; keep backups outside the data folder\n$/);
    assert.equal(fs.statSync(path.join(data.dir, 'pilar.db')).ino, live);
    assert.deepEqual(fs.readdirSync(data.dir).filter((f) => f.includes('.tmp-')), []);
    const forced = await runPilar(['backup', '--data', data.dir, '--out', out('taken.db'), '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(sqlite(out('taken.db'), 'PRAGMA quick_check'), 'ok');
  });

  test('a backup the key at hand cannot open is refused and left nowhere; without a key it still names the key id', async () => {
    await pilarOk(['key', 'generate', '--out', out('other.key')]);
    const wrong = await runPilar(['backup', '--data', data.dir, '--out', out('wrong-key.db'), '--key-file', out('other.key')], {
      env: { LANG: 'en_US.UTF-8' },
    });
    assert.equal(wrong.code, 1, wrong.stderr);
    assert.match(wrong.stderr, /^pilar: .*wrong-key\.db: the key at .*other\.key does not open \d+ of \d+ sampled encrypted values; this backup cannot be restored with this key\n$/);
    assert.deepEqual(fs.readdirSync(data.root).filter((f) => f.startsWith('wrong-key.db')), []);
    const none = await runPilar(['backup', '--data', data.dir, '--out', out('no-key.db'), '--key-file', out('absent.key')], {
      env: { LANG: 'en_US.UTF-8' },
    });
    assert.equal(none.code, 0, none.stderr);
    assert.match(none.stderr, /the data key is NOT in the backup and was not found at .*absent\.key; the encrypted data uses key id 1/);
  });

  test('kill -9 of a backup in progress leaves no file under its name', async () => {
    const held = await spawnHeld(['backup', '--data', data.dir, '--out', out('killed.db')], 'PILAR_TEST_BACKUP_HOLD', 'held before rename');
    try {
      // The copy is complete on disk under its temporary name at this point.
      assert.ok(fs.readdirSync(data.root).some((f) => f.startsWith('killed.db.tmp-')));
    } finally {
      held.child.kill('SIGKILL');
    }
    assert.equal((await held.exited).signal, 'SIGKILL');
    assert.equal(fs.existsSync(out('killed.db')), false);
  });

  test('restore refuses while a server runs on the target, and changes nothing', async () => {
    const before = fs.readdirSync(data.dir).sort();
    const r = await runPilar(['restore', out('nightly.db'), '--data', data.dir, '--force'], { env: { LANG: 'en_US.UTF-8' } });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^pilar: .*pilar\.db is in use by another process \(pilar serve\?\); stop it first; nothing was changed\n$/);
    assert.deepEqual(fs.readdirSync(data.dir).sort(), before);
    const still = await api(srv, 'GET', `/api/v1/anggota/${id.siti}`, { session: op });
    assert.equal(still.status, 200);
  });

  test('restore into a fresh data dir: the server serves the same person and the audit verifies', async () => {
    const fresh = out('fresh');
    const r = await runPilar(['restore', out('nightly.db'), '--data', fresh, '--key-file', path.join(data.dir, 'pilar.key')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^dipulihkan: .*nightly\.db -> .*pilar\.db, skema \d{4}, 1 anggota, \d+ keluarga, audit ok: \d+ entries/);
    assert.equal(mode(fresh), 0o700);
    // The key is kept apart from backups: the office puts it back by hand.
    fs.copyFileSync(path.join(data.dir, 'pilar.key'), path.join(fresh, 'pilar.key'));
    const restored = await startServer({ dataDir: fresh });
    try {
      const op2 = await login(restored, 'operator');
      const siti = await api(restored, 'GET', `/api/v1/anggota/${id.siti}?buka=ya`, { session: op2 });
      assert.equal(siti.status, 200, siti.text);
      assert.equal(siti.json.nama, 'Siti Aminah');
      assert.equal(siti.json.nik, NIK_SITI);
      for (const hid of acknowledged) assert.equal((await api(restored, 'GET', `/api/v1/keluarga/${hid}`, { session: op2 })).status, 200);
    } finally {
      await restored.stop();
    }
    const verify = await pilarOk(['audit', 'verify', '--data', fresh]);
    assert.match(verify.stdout, /^ok: \d+ entries/);
    const restoredEntry = await pilarOk(['audit', 'list', '--action', 'db.restore', '--data', fresh]);
    assert.match(restoredEntry.stdout, /db\.restore .*from=.*nightly\.db kept_old=-/);
  });

  test('restore refuses a truncated file, a non-Pilar SQLite file and a newer schema, changing nothing', async () => {
    const target = out('fresh');
    const before = snapshot(target);
    const whole = fs.readFileSync(out('nightly.db'));
    fs.writeFileSync(out('truncated.db'), whole.subarray(0, Math.floor(whole.length / 2)));
    const corrupt = Buffer.from(whole);
    const pageSize = whole.readUInt16BE(16);
    corrupt.fill(0x5a, pageSize * 2, pageSize * 2 + 2000); // page 3's B-tree header and cells
    fs.writeFileSync(out('corrupt.db'), corrupt);
    sqlite(out('other.db'), 'CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    fs.writeFileSync(out('text.db'), 'nama,nik\nSiti,3671014507900001\n');
    fs.copyFileSync(out('nightly.db'), out('newer.db'));
    sqlite(out('newer.db'), "INSERT INTO schema_migrations VALUES (9999, 'future', 'x', '2030-01-01')");
    const cases = [
      ['truncated.db', /truncated\.db: not an intact SQLite database/],
      ['corrupt.db', /corrupt\.db: not an intact SQLite database/],
      ['other.db', /other\.db: not a Pilar database/],
      ['text.db', /text\.db: not an intact SQLite database: file is not a database/],
      ['newer.db', /newer\.db: This database has schema version 9999, newer than this binary/],
      ['missing.db', /Backup file .*missing\.db does not exist/],
    ];
    for (const [file, reason] of cases) {
      const r = await runPilar(['restore', out(file), '--data', target, '--force'], { env: { LANG: 'en_US.UTF-8' } });
      assert.equal(r.code, 2, `${file}: ${r.stderr}`);
      assert.match(r.stderr, reason, file);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.deepEqual(snapshot(target), before, `${file} changed the data dir`);
    }
    // Without --force an existing database is not replaced either.
    const r = await runPilar(['restore', out('nightly.db'), '--data', target]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /sudah berisi basis data; --force/);
    assert.deepEqual(snapshot(target), before);
  });

  test('restore --force keeps the old database (with its WAL) aside under a timestamped name', async () => {
    const target = out('fresh');
    // A write the restore will undo, left in the old database's WAL by a server that stopped.
    const srv2 = await startServer({ dataDir: target });
    const op2 = await login(srv2, 'operator');
    const h = await api(srv2, 'POST', '/api/v1/keluarga', {
      session: op2,
      body: { no_kk: kk(900), kode_wilayah: KELURAHAN, rw: '1', alamat: 'Jl. Baru' },
    });
    assert.equal(h.status, 201, h.text);
    await srv2.kill(); // kill -9: the write stays in pilar.db-wal, not yet in pilar.db
    assert.ok(fs.statSync(path.join(target, 'pilar.db-wal')).size > 0);
    const r = await runPilar(['restore', out('nightly.db'), '--data', target, '--force']);
    assert.equal(r.code, 0, r.stderr);
    const aside = fs.readdirSync(target).filter((f) => /^pilar\.db\.before-restore-\d{8}T\d{6}Z(-\d+)?$/.test(f));
    assert.equal(aside.length, 1, fs.readdirSync(target).join(' '));
    assert.match(r.stdout, new RegExp(`basis data lama disimpan di .*${aside[0]}`));
    assert.equal(sqlite(path.join(target, aside[0]), `SELECT count(*) FROM keluarga WHERE id = ${h.json.id}`), '1');
    assert.equal(sqlite(path.join(target, 'pilar.db'), `SELECT count(*) FROM keluarga WHERE id = ${h.json.id}`), '0');
    assert.equal(sqlite(path.join(target, 'pilar.db'), 'PRAGMA integrity_check'), 'ok');
    assert.deepEqual(fs.readdirSync(target).filter((f) => /-wal$|-shm$|\.tmp-/.test(f)), []);
  });

  // The data dir's lock (pilar.lock, flock): a restore holds it exclusively for its whole run and
  // every process that opens the database holds it shared. Before, a server (or an import) started
  // after restore's one look at SQLite's lock opened the database while it was being replaced.
  test('while a restore runs, serve and console commands refuse and change nothing; a killed restore leaves no lock', async () => {
    const target = out('fresh');
    const dbBefore = fs.readFileSync(path.join(target, 'pilar.db'));
    const held = await spawnHeld(['restore', out('nightly.db'), '--data', target, '--force'], 'PILAR_TEST_RESTORE_HOLD', 'restore held');
    try {
      // The old code started here and served the database being replaced.
      const serve = await runPilar(['serve', '--data', target, '--listen', '127.0.0.1:0'], { env: { LANG: 'en_US.UTF-8' }, timeoutMs: 60_000 });
      assert.equal(serve.code, 1, serve.stderr);
      assert.match(serve.stderr, /^pilar: The data folder .*fresh is locked by a running pilar restore or pilar migrate; wait until it finishes and run again\n$/);
      const list = await runPilar(['user', 'list', '--data', target]);
      assert.equal(list.code, 1, list.stderr);
      assert.match(list.stderr, /^pilar: Folder data .*fresh sedang dikunci oleh pilar restore atau pilar migrate/);
      const second = await runPilar(['restore', out('nightly.db'), '--data', target, '--force'], { env: { LANG: 'en_US.UTF-8' } });
      assert.equal(second.code, 1, second.stderr);
      assert.match(second.stderr, /is in use by another process/);
    } finally {
      held.child.kill('SIGKILL');
    }
    assert.equal((await held.exited).signal, 'SIGKILL');
    assert.ok(fs.readFileSync(path.join(target, 'pilar.db')).equals(dbBefore), 'the database changed');
    // The kernel let go of the killed restore's lock: a server starts on the old database.
    const srv2 = await startServer({ dataDir: target });
    try {
      assert.ok(await login(srv2, 'operator'));
    } finally {
      await srv2.stop();
    }
    // The killed restore's copy is removed by the next restore.
    assert.ok(fs.readdirSync(target).some((f) => f.startsWith('pilar.db.tmp-')));
    const again = await runPilar(['restore', out('nightly.db'), '--data', target, '--force']);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(fs.readdirSync(target).filter((f) => f.includes('.tmp-')), []);
    assert.equal(mode(path.join(target, 'pilar.lock')), 0o600);
  });

  test('restore refuses while another process holds the data dir shared, even before it opened the database', async () => {
    const target = out('fresh');
    const before = snapshot(target);
    // What every pilar process does first (and before SQLite's own lock shows it): flock(1) here.
    const lock = await holdDataDirLock(target);
    try {
      const r = await runPilar(['restore', out('nightly.db'), '--data', target, '--force'], { env: { LANG: 'en_US.UTF-8' } });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /^pilar: .*pilar\.db is in use by another process \(pilar serve\?\); stop it first; nothing was changed\n$/);
      assert.deepEqual(snapshot(target), before);
    } finally {
      await lock.release();
    }
  });
});
