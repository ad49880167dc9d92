// Upgrading Pilar as an office does it (docs/operations.md, "Upgrading"): a new binary finds its
// database one migration behind. `pilar serve` and the console commands refuse to migrate it as a
// side effect (a migrated database no longer opens with the binary before), naming the step;
// `pilar migrate` asks for --backup FILE or --no-backup, refuses while another process holds the
// data dir, and with --backup makes a verified backup of the old schema before it migrates. That
// backup, restored by this binary, is migrated to the current schema with its people intact.
//
// CI has no older binaries, so the older database is made by this binary acting as the one before
// it: PILAR_TEST_LAST_MIGRATION=N (src/cli/migrations.cpp, tests only) makes it know the
// migrations up to N only, so the data dir is set up, served and written at the schema before the
// latest (whatever that migration does), and the plain binary finds exactly one migration pending.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { KELURAHAN, api, dataDirSnapshot, holdDataDirLock, login, makeTempDir, pilarOk, runPilar, setupDataDir, sqlite, startServer } from './helpers.mjs';

const NIK = '3671014507900002';
const snapshot = dataDirSnapshot;

// The latest migration this binary knows, from `pilar migrate --status` on an empty data dir.
async function latestMigration() {
  const root = makeTempDir();
  try {
    const r = await pilarOk(['migrate', '--status', '--data', path.join(root, 'data')]);
    const m = r.stdout.match(/^schema 0 of (\d+);/);
    assert.ok(m, r.stdout);
    return Number(m[1]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('upgrading to a binary with pending migrations', () => {
  let data;
  let personId;
  let latest; // the migration pending: its number, and as the CLI writes it ("0023")
  let pending;
  let previous; // the schema the older binary left, as the CLI writes it: the migration before latest (numbers may have gaps)
  const out = (name) => path.join(data.root, name);
  const hasLatest = (file) => sqlite(file, `SELECT count(*) FROM schema_migrations WHERE version = ${latest}`) === '1';

  before(async () => {
    latest = await latestMigration();
    pending = String(latest).padStart(4, '0');
    const older = { PILAR_TEST_LAST_MIGRATION: String(latest - 1) };
    data = await setupDataDir({ env: older });
    const srv = await startServer({ dataDir: data.dir, env: older });
    try {
      const op = await login(srv, 'operator');
      const h = await api(srv, 'POST', '/api/v1/keluarga', {
        session: op,
        body: { no_kk: '3671012001150001', kode_wilayah: KELURAHAN, rw: '1', rt: '2', alamat: 'Jl. Kenari No. 7' },
      });
      assert.equal(h.status, 201, h.text);
      const p = await api(srv, 'POST', '/api/v1/anggota', {
        session: op,
        body: { keluarga_id: h.json.id, nik: NIK, nama: 'Sri Wahyuni', jenis_kelamin: 'P', tanggal_lahir: '1990-07-05', hubungan: 'kepala_keluarga' },
      });
      assert.equal(p.status, 201, p.text);
      personId = p.json.id;
    } finally {
      await srv.stop();
    }
    assert.match((await pilarOk(['migrate', '--status', '--data', data.dir], { env: older })).stdout, /pending: 0/);
    assert.equal(hasLatest(path.join(data.dir, 'pilar.db')), false);
    previous = sqlite(path.join(data.dir, 'pilar.db'), 'SELECT max(version) FROM schema_migrations').padStart(4, '0');
  });
  after(() => data?.remove());

  test('pilar serve and console commands refuse, naming pilar migrate --backup, and change nothing', async () => {
    const before = snapshot(data.dir);
    const serve = await runPilar(['serve', '--data', data.dir, '--listen', '127.0.0.1:0'], { env: { LANG: 'en_US.UTF-8' }, timeoutMs: 60_000 });
    assert.equal(serve.code, 1, serve.stderr);
    assert.match(serve.stderr, new RegExp(`^pilar: The database .*pilar\\.db needs 1 schema migration\\(s\\) \\(${pending}\\) before this version of Pilar can use it; back up and migrate first: pilar migrate --data .* --backup FILE \\(docs/operations\\.md, "Upgrading"\\)\n$`));
    const list = await runPilar(['user', 'list', '--data', data.dir]);
    assert.equal(list.code, 1, list.stderr);
    assert.match(list.stderr, new RegExp(`^pilar: Basis data .*pilar\\.db perlu 1 migrasi skema \\(${pending}\\) .*pilar migrate --data .* --backup BERKAS`));
    const bare = await runPilar(['migrate', '--data', data.dir], { env: { LANG: 'en_US.UTF-8' } });
    assert.equal(bare.code, 2, bare.stderr);
    assert.match(bare.stderr, new RegExp(`^pilar: 1 pending migration\\(s\\) \\(${pending}\\); afterwards the previous version of Pilar cannot open this database any more\\. Choose --backup FILE .* or --no-backup .*; nothing was changed\n$`));
    assert.deepEqual(snapshot(data.dir), before);
    assert.equal(hasLatest(path.join(data.dir, 'pilar.db')), false);
    const status = await pilarOk(['migrate', '--status', '--data', data.dir]);
    assert.match(status.stdout, /pending: 1/);
  });

  test('pilar migrate refuses while another process holds the data dir, and changes nothing', async () => {
    const before = snapshot(data.dir);
    // A process that took the data dir's lock shared, as every pilar process that opens it does.
    const lock = await holdDataDirLock(data.dir);
    try {
      const r = await runPilar(['migrate', '--data', data.dir, '--backup', out('held.db')], { env: { LANG: 'en_US.UTF-8' } });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /^pilar: .*pilar\.db is in use by another process \(pilar serve\?\); stop it first; nothing was changed\n$/);
    } finally {
      await lock.release();
    }
    assert.deepEqual(snapshot(data.dir), before);
    assert.equal(fs.existsSync(out('held.db')), false);
  });

  test('pilar migrate --backup FILE backs up the old schema, checked, then migrates; the server starts again', async () => {
    const r = await runPilar(['migrate', '--data', data.dir, '--backup', out('before-upgrade.db')]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], new RegExp(`^cadangan ok: .*before-upgrade\\.db, .*, skema ${previous}, 1 anggota, 1 keluarga, audit head \\d+:[0-9a-f]{64}`));
    assert.ok(lines.some((l) => new RegExp(`^applied ${pending}_\\w+$`).test(l)), r.stdout);
    assert.match(lines.at(-1), /^schema version \d+ -> \d+$/);
    // The backup is the database as it was before the migration; the data dir is migrated.
    assert.equal(hasLatest(out('before-upgrade.db')), false);
    assert.equal(sqlite(out('before-upgrade.db'), 'PRAGMA integrity_check'), 'ok');
    assert.equal(hasLatest(path.join(data.dir, 'pilar.db')), true);
    const srv = await startServer({ dataDir: data.dir });
    try {
      const op = await login(srv, 'operator');
      const p = await api(srv, 'GET', `/api/v1/anggota/${personId}`, { session: op });
      assert.equal(p.status, 200, p.text);
      assert.equal(p.json.nama, 'Sri Wahyuni');
    } finally {
      await srv.stop();
    }
    const again = await pilarOk(['migrate', '--data', data.dir]);
    assert.doesNotMatch(again.stdout, /applied/, 'nothing pending: no backup asked for');
  });

  test('the backup of the older schema restores with this binary: migrated, the same person, the audit verifies', async () => {
    const fresh = out('restored');
    const r = await runPilar(['restore', out('before-upgrade.db'), '--data', fresh, '--key-file', path.join(data.dir, 'pilar.key')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^dipulihkan: .*before-upgrade\.db -> .*pilar\.db, skema \d{4}, 1 anggota, 1 keluarga, audit ok/);
    assert.equal(hasLatest(path.join(fresh, 'pilar.db')), true);
    assert.match((await pilarOk(['migrate', '--status', '--data', fresh])).stdout, /pending: 0/);
    fs.copyFileSync(path.join(data.dir, 'pilar.key'), path.join(fresh, 'pilar.key'));
    const srv = await startServer({ dataDir: fresh });
    try {
      const op = await login(srv, 'operator');
      const p = await api(srv, 'GET', `/api/v1/anggota/${personId}?buka=ya`, { session: op });
      assert.equal(p.status, 200, p.text);
      assert.equal(p.json.nama, 'Sri Wahyuni');
      assert.equal(p.json.nik, NIK);
    } finally {
      await srv.stop();
    }
    assert.match((await pilarOk(['audit', 'verify', '--data', fresh])).stdout, /^ok: \d+ entries/);
  });
});
