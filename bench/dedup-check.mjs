// Latency of the duplicate check at data entry (POST /api/v1/anggota/cek-duplikat) against a
// running server: `n` members sampled from the database are typed again with a corruption (a
// title added, a letter dropped, the old spelling), one request at a time (what a form does), and
// the p50/p99 latency and how often the original member is among the candidates are printed as
// JSON. Bounded by `n`.
//   node bench/dedup-check.mjs BASE_URL COOKIE CSRF SAMPLE.json [n=1000]
// SAMPLE.json: [{id, nama, jenis_kelamin, tanggal_lahir, kode_wilayah}] (bench/dedup-check.sh makes it).
import fs from 'node:fs';

const [base, cookie, csrf, sampleFile, nArg] = process.argv.slice(2);
const sample = JSON.parse(fs.readFileSync(sampleFile, 'utf8'));
const n = Math.min(Number(nArg ?? 1000), sample.length);
const corrupt = (name, i) => {
  switch (i % 4) {
    case 0: return `Hj. ${name}`;
    case 1: { const k = 1 + (i % Math.max(1, name.length - 2)); return name.slice(0, k) + name.slice(k + 1); }
    case 2: return name.replace(/u/g, 'oe').replace(/j/g, 'dj').replace(/c/g, 'tj');
    default: return name.toUpperCase();
  }
};
const lat = [];
let found = 0;
let errors = 0;
for (let i = 0; i < n; i++) {
  const p = sample[i];
  const body = { nama: corrupt(p.nama, i), jenis_kelamin: p.jenis_kelamin, tanggal_lahir: p.tanggal_lahir ?? undefined, kode_wilayah: p.kode_wilayah };
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1/anggota/cek-duplikat`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json().catch(() => null);
  lat.push(performance.now() - t0);
  if (res.status !== 200) errors++;
  else if (json.items.some((k) => k.anggota.id === p.id)) found++;
}
lat.sort((a, b) => a - b);
const pct = (q) => +lat[Math.min(lat.length - 1, Math.floor((q / 100) * lat.length))].toFixed(2);
console.log(JSON.stringify({ requests: n, errors, p50_ms: pct(50), p99_ms: pct(99), max_ms: +lat.at(-1).toFixed(2), original_found: +(found / n).toFixed(4) }));
