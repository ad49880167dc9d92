// Offline-sync target (bench/RESULTS.md, "Web app: offline sync"): 1,000 simulated field
// devices, each sending its queue of 20 records (10 households + one member each, the member
// naming its household by client uid) to POST /api/v1/sync at the same moment; then the database
// is counted: every record must be there exactly once (0 lost, 0 duplicated), within 30 s.
//
//   node bench/sync-load.mjs [--bin build/h-bench/apps/pilar/pilar] [--devices 1000] [--ops 20]
//                            [--users 50] [--replay 1]
//
// Self-contained and bounded: makes a temporary data directory (Kota Tangerang, one RW per PSM
// user, one API token per device — several devices share a PSM account, as phones of one PSM
// would), starts `pilar serve` on 127.0.0.1 port 0, runs, stops the server, removes the
// directory. A device whose request fails at the network level or with 5xx retries the SAME
// batch (same op_ids), as the PWA does; with --replay 1 every device then sends its batch once
// more, and all of those answers must be "sudah". Prints one JSON line.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const BIN = path.resolve(REPO, args.bin ?? 'build/h-bench/apps/pilar/pilar');
const DEVICES = Number(args.devices ?? 1000);
const OPS = Number(args.ops ?? 20); // per device: OPS/2 households + OPS/2 members
const USERS = Number(args.users ?? 50);
const REPLAY = Number(args.replay ?? 1);
const KOTA = '36.71';
const KELURAHAN = '36.71.01.1001';
const PASSWORD = 'kopi tubruk pagi 7';
const DEADLINE_MS = 120_000; // the whole run stops by itself after this

const env = { ...process.env };
for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG']) delete env[k];

function pilar(argv, input) {
  const r = spawnSync(BIN, argv, { env, input: input ?? '', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pilar ${argv.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pilar-sync-bench-'));
const dir = path.join(root, 'data');
let server;
const cleanup = () => {
  server?.kill('SIGKILL');
  fs.rmSync(root, { recursive: true, force: true });
};
process.on('exit', cleanup);
const killer = setTimeout(() => {
  console.error('sync-load: deadline passed, stopping');
  process.exit(3);
}, DEADLINE_MS + 600_000);
killer.unref();

// ---- setup (not timed)
const t0 = performance.now();
pilar(['wilayah', 'load', KOTA, '--data', dir]);
const users = [];
for (let u = 0; u < USERS; u++) {
  const rw = String(u + 1).padStart(3, '0');
  pilar(['wilayah', 'create', KELURAHAN, String(u + 1), '--data', dir]);
  const username = `psm${rw}`;
  pilar(['user', 'add', username, '--role', 'psm', '--wilayah', `${KELURAHAN}.${rw}`, '--password-stdin', '--data', dir], `${PASSWORD}\n`);
  users.push({ username, rw });
}
const devices = [];
for (let d = 0; d < DEVICES; d++) {
  const user = users[d % USERS];
  const token = pilar(['token', 'create', '--user', user.username, '--ttl', '1d', '--label', `bench ${d}`, '--data', dir]).trim();
  const ops = [];
  for (let i = 0; i < OPS / 2; i++) {
    const uid = randomUUID();
    // No. KK: 3671 01 010190 + a serial unique per record (the last 4 digits never 0000).
    const serial = d * (OPS / 2) + i + 1;
    const noKk = `36710101${String(Math.floor(serial / 9999)).padStart(4, '0')}${String((serial % 9999) + 1).padStart(4, '0')}`;
    ops.push({ op_id: randomUUID(), jenis: 'keluarga.buat', data: { uid, no_kk: noKk, kode_wilayah: KELURAHAN, rw: user.rw, alamat: `Jl. Bench ${d}-${i}` } });
    ops.push({ op_id: randomUUID(), jenis: 'anggota.buat', data: { uid: randomUUID(), keluarga_uid: uid, nama: `Warga ${d} ${i}`, jenis_kelamin: i % 2 ? 'L' : 'P', hubungan: 'kepala_keluarga' } });
  }
  devices.push({ token, ops, id: `bench-${d}` });
}
const setupMs = performance.now() - t0;

// ---- server
server = spawn(BIN, ['serve', '--data', dir, '--listen', '127.0.0.1:0', '--access-log', 'off'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
const base = await new Promise((resolve, reject) => {
  let err = '';
  const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 30_000);
  server.stderr.setEncoding('utf8').on('data', (d) => {
    err += d;
    const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(err);
    if (m) {
      clearTimeout(timer);
      resolve(`http://127.0.0.1:${m[1]}`);
    }
  });
  server.on('exit', () => reject(new Error(`server exited: ${err}`)));
});

async function send(dev, deadline) {
  const body = JSON.stringify({ perangkat: dev.id, ops: dev.ops });
  let attempts = 0;
  for (;;) {
    attempts++;
    try {
      const res = await fetch(`${base}/api/v1/sync`, {
        method: 'POST',
        headers: { authorization: `Bearer ${dev.token}`, 'content-type': 'application/json' },
        body,
      });
      const text = await res.text();
      if (res.status === 200) return { attempts, hasil: JSON.parse(text).hasil };
      if (res.status < 500 && res.status !== 429) throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
    } catch (e) {
      if (e.message?.startsWith('HTTP ')) throw e;
    }
    if (performance.now() > deadline) throw new Error('gave up after retries');
    await new Promise((r) => setTimeout(r, 200 + Math.random() * 800));
  }
}

function tally(results) {
  const statuses = {};
  let retries = 0;
  for (const r of results) {
    retries += r.attempts - 1;
    for (const h of r.hasil) statuses[h.status] = (statuses[h.status] ?? 0) + 1;
  }
  return { statuses, retries };
}

// ---- the timed phase: every device at once
const start = performance.now();
const first = await Promise.all(devices.map((d) => send(d, start + DEADLINE_MS)));
const syncMs = performance.now() - start;
const firstTally = tally(first);
let replayTally;
let replayMs;
if (REPLAY) {
  const s2 = performance.now();
  replayTally = tally(await Promise.all(devices.map((d) => send(d, s2 + DEADLINE_MS))));
  replayMs = performance.now() - s2;
}

server.kill('SIGTERM');
await new Promise((r) => server.on('exit', r));
server = undefined;

// ---- count what the database holds
const db = path.join(dir, 'pilar.db');
const q = (sql) => Number(spawnSync('sqlite3', [db, sql], { encoding: 'utf8' }).stdout.trim());
const expectedKeluarga = DEVICES * (OPS / 2);
const keluarga = q("SELECT COUNT(*) FROM keluarga WHERE alamat LIKE 'Jl. Bench %'");
const distinctKeluarga = q("SELECT COUNT(DISTINCT uid) FROM keluarga WHERE alamat LIKE 'Jl. Bench %'");
const anggota = q("SELECT COUNT(*) FROM anggota a JOIN keluarga k ON a.keluarga_id = k.id WHERE k.alamat LIKE 'Jl. Bench %'");
const receipts = q("SELECT COUNT(*) FROM sync_op WHERE status = 'diterapkan'");
const out = {
  devices: DEVICES,
  ops_per_device: OPS,
  psm_accounts: USERS,
  setup_s: +(setupMs / 1000).toFixed(1),
  sync_s: +(syncMs / 1000).toFixed(2),
  ops_per_s: Math.round((DEVICES * OPS) / (syncMs / 1000)),
  first: firstTally,
  replay: REPLAY ? { ...replayTally, s: +(replayMs / 1000).toFixed(2) } : undefined,
  db: { keluarga, distinct_keluarga_uid: distinctKeluarga, anggota, receipts_applied: receipts },
  lost: expectedKeluarga - distinctKeluarga + (expectedKeluarga - anggota > 0 ? expectedKeluarga - anggota : 0),
  duplicated: keluarga - distinctKeluarga + Math.max(0, anggota - expectedKeluarga),
  ok: keluarga === expectedKeluarga && distinctKeluarga === expectedKeluarga && anggota === expectedKeluarga && syncMs <= 30_000,
};
console.log(JSON.stringify(out));
process.exit(out.ok ? 0 : 1);
