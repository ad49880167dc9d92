// Event check-in target (issue 7, bench/RESULTS.md "Events: check-in"): >= 20 check-ins per second
// sustained from 10 concurrent doors, p99 <= 50 ms, 0 double counts, with 1,000 participants.
//
//   node bench/checkin-load.mjs [--bin build/release/apps/pilar/pilar] [--participants 1000]
//                               [--doors 10] [--rate 40] [--dup 2]
//
// Self-contained and bounded: makes a temporary data directory (Kota Tangerang, one operator with
// an API token per door), starts `pilar serve` on 127.0.0.1 port 0, creates an event with 1,000
// registered participants (not timed), then every card is scanned `--dup` times by different doors
// at nearly the same moment (a queue at two doors, a participant showing the card twice), as an
// open-loop load of `--rate` requests per second spread over `--doors` doors, each door sending
// its scans without waiting for the previous answer. Afterwards the database is counted: exactly
// one attendance row per participant, exactly one "hadir" answer per participant, every other
// answer "sudah". Stops the server and removes the directory; a deadline ends a stuck run.
// Prints one JSON line.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const BIN = path.resolve(REPO, args.bin ?? 'build/release/apps/pilar/pilar');
const PARTICIPANTS = Number(args.participants ?? 1000);
const DOORS = Number(args.doors ?? 10);
const RATE = Number(args.rate ?? 40); // requests per second over all doors
const DUP = Number(args.dup ?? 2); // scans per card
const PASSWORD = 'kopi tubruk pagi 7';
const DEADLINE_MS = 300_000;

const env = { ...process.env };
for (const k of ['LC_ALL', 'LC_MESSAGES', 'LANG']) delete env[k];
function pilar(argv, input) {
  const r = spawnSync(BIN, argv, { env, input: input ?? '', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pilar ${argv.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pilar-checkin-bench-'));
const dir = path.join(root, 'data');
let server;
const cleanup = () => {
  server?.kill('SIGKILL');
  fs.rmSync(root, { recursive: true, force: true });
};
process.on('exit', cleanup);
setTimeout(() => {
  console.error('checkin-load: deadline passed, stopping');
  process.exit(3);
}, DEADLINE_MS).unref();

// ---- setup (not timed)
pilar(['wilayah', 'load', '36.71', '--data', dir]);
pilar(['user', 'add', 'operator', '--role', 'operator', '--wilayah', '36.71', '--password-stdin', '--data', dir], `${PASSWORD}\n`);
const tokens = [];
for (let d = 0; d < DOORS; d++) tokens.push(pilar(['token', 'create', '--user', 'operator', '--ttl', '1d', '--label', `pintu ${d + 1}`, '--data', dir]).trim());

server = spawn(BIN, ['serve', '--data', dir, '--listen', '127.0.0.1:0', '--access-log', 'off'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
const base = await new Promise((resolve, reject) => {
  let err = '';
  server.stderr.on('data', (d) => {
    err += d;
    const m = /http:\/\/127\.0\.0\.1:\d+/.exec(err);
    if (m) resolve(m[0]);
  });
  server.on('exit', (c) => reject(new Error(`pilar serve exited ${c}: ${err}`)));
});

async function call(door, method, p, body) {
  const res = await fetch(base + p, {
    method,
    headers: { authorization: `Bearer ${tokens[door]}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

const ev = await call(0, 'POST', '/api/v1/acara', {
  judul: 'Pembinaan PSM (bench)', tanggal_mulai: '2026-12-01', tempat: 'Gedung Cisadane', kapasitas: PARTICIPANTS,
  penyelenggara: 'Dinas Sosial', kode_wilayah: '36.71', status: 'dibuka',
});
if (ev.status !== 201) throw new Error(`create event: ${ev.status} ${JSON.stringify(ev.json)}`);
const acara = ev.json.id;
const sesi = ev.json.sesi[0].id;
for (let i = 0; i < PARTICIPANTS; i += 20) {
  await Promise.all(
    Array.from({ length: Math.min(20, PARTICIPANTS - i) }, (_, k) =>
      call(0, 'POST', `/api/v1/acara/${acara}/peserta`, { nama: `Peserta ${i + k + 1}`, peran: 'peserta' }).then((r) => {
        if (r.status !== 201) throw new Error(`add participant: ${r.status} ${JSON.stringify(r.json)}`);
      }),
    ),
  );
}
// The cards' QR content. The API hands tokens only to their holders and to printed cards, so the
// bench reads them from the database, as if it had scanned the printed cards.
const cards = spawnSync('sqlite3', [path.join(dir, 'pilar.db'), `SELECT token FROM acara_peserta WHERE acara_id = ${acara}`], { encoding: 'utf8' })
  .stdout.trim()
  .split('\n');
if (cards.length !== PARTICIPANTS) throw new Error(`expected ${PARTICIPANTS} cards, read ${cards.length}`);

// ---- load (timed): scan i of card c goes to door (c + i) % DOORS, the DUP scans of a card one
// slot apart, so they are in flight together.
const schedule = [];
for (let c = 0; c < PARTICIPANTS; c++) for (let i = 0; i < DUP; i++) schedule.push({ card: cards[c], door: (c + i) % DOORS });
const latencies = [];
let hadir = 0;
let sudah = 0;
let errors = 0;
const inflight = [];
const start = performance.now();
for (let n = 0; n < schedule.length; n++) {
  const due = start + (n * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const { card, door } = schedule[n];
  const t0 = performance.now();
  inflight.push(
    call(door, 'POST', `/api/v1/acara/${acara}/check-in`, { kode: card, sesi_id: sesi, pintu: `Pintu ${door + 1}` })
      .then((r) => {
        latencies.push(performance.now() - t0);
        if (r.status === 201 && r.json.hasil === 'hadir') hadir++;
        else if (r.status === 200 && r.json.hasil === 'sudah') sudah++;
        else errors++;
      })
      .catch(() => errors++),
  );
}
await Promise.all(inflight);
const seconds = (performance.now() - start) / 1000;

// ---- count
const rows = Number(
  spawnSync('sqlite3', [path.join(dir, 'pilar.db'), `SELECT count(*) FROM acara_hadir WHERE acara_id = ${acara}`], { encoding: 'utf8' }).stdout.trim(),
);
const distinct = Number(
  spawnSync('sqlite3', [path.join(dir, 'pilar.db'), `SELECT count(DISTINCT peserta_id) FROM acara_hadir WHERE acara_id = ${acara}`], { encoding: 'utf8' }).stdout.trim(),
);
server.kill('SIGTERM');
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
const result = {
  participants: PARTICIPANTS,
  doors: DOORS,
  requests: schedule.length,
  request_rate_per_s: +(schedule.length / seconds).toFixed(1),
  checkins_per_s: +(hadir / seconds).toFixed(1),
  seconds: +seconds.toFixed(1),
  hadir,
  sudah,
  errors,
  attendance_rows: rows,
  double_counts: rows - distinct + (hadir - rows),
  p50_ms: +pct(50).toFixed(1),
  p99_ms: +pct(99).toFixed(1),
  max_ms: +latencies.at(-1).toFixed(1),
};
console.log(JSON.stringify(result));
const ok = rows === PARTICIPANTS && distinct === PARTICIPANTS && hadir === PARTICIPANTS && errors === 0 && sudah === schedule.length - PARTICIPANTS;
process.exitCode = ok ? 0 : 1;
