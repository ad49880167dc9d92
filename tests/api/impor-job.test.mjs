// The records of bulk-import jobs at a server's start, when several servers share one database
// (registry/import_api.hpp, migration 0018): the starting server fails the job its previous run
// left and the job of a server that stopped beating, leaves a live server's running job alone,
// and removes finished records older than --import-job-days. The records are written with the
// sqlite3 shell as the other servers would have left them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';

import { api, login, setupDataDir, startServer, waitFor } from './helpers.mjs';

function sqlite(dir, sql) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', path.join(dir, 'pilar.db'), sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3 ${sql}: ${r.status} ${r.stderr}`);
  return r.stdout;
}

const ago = (ms) => new Date(Date.now() - ms).toISOString();
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

test('a starting server fails its previous run\'s job and a stopped server\'s, not a live server\'s, and prunes old records', async () => {
  const data = await setupDataDir();
  const job = (id, server, detak, status = 'berjalan', selesai = null) => {
    const rec = JSON.stringify({ id, jenis: 'anggota', nama_file: `${id}.csv`, oleh: 'operator', status });
    const q = (v) => (v === null ? 'NULL' : `'${v}'`);
    return `INSERT INTO impor_job (id, jenis, nama_file, oleh, mulai, status, selesai, ringkasan_json, server, proses, detak) VALUES `
      + `('${id}', 'anggota', '${id}.csv', 'operator', '${ago(10 * DAY)}', '${status}', ${q(selesai)}, '${rec}', '${server}', 'p-${server}', '${detak}');`;
  };
  sqlite(data.dir, [
    job('sebelum', 'app-a', ago(5_000)),                        // this server's previous run, killed 5 s ago
    job('hidup', 'app-b', ago(5_000)),                          // another server, importing and beating
    job('mati', 'app-c', ago(20 * MIN)),                        // a server that stopped 20 minutes ago
    job('lama', 'app-b', ago(8 * DAY), 'selesai', ago(8 * DAY)), // finished 8 days ago
    job('baru', 'app-b', ago(6 * DAY), 'selesai', ago(6 * DAY)), // finished 6 days ago
  ].join('\n'));
  const srv = await startServer({ dataDir: data.dir, args: ['--instance', 'app-a', '--import-job-days', '7'] });
  try {
    const op = await login(srv, 'operator');
    const get = (id) => api(srv, 'GET', `/api/v1/impor/anggota/${id}`, { session: op });
    let r = await get('sebelum');
    assert.equal(r.json.status, 'gagal', r.text);
    assert.equal(r.json.error.message, 'impor terhenti karena server dimulai ulang; jalankan lagi');
    r = await get('mati');
    assert.equal(r.json.status, 'gagal', r.text);
    assert.equal(r.json.error.message, 'impor terhenti karena server yang menjalankannya berhenti; jalankan lagi');
    r = await get('hidup');
    assert.equal(r.json.status, 'berjalan', 'another live server\'s import is left running');
    // Pruned by the first maintenance pass, right after the start.
    assert.ok(await waitFor(async () => (await get('lama')).status === 404, { timeoutMs: 30_000 }), 'the record finished 8 days ago is removed');
    assert.equal((await get('baru')).status, 200);
  } finally {
    await srv.stop();
    data.remove();
  }
});
