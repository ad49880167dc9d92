// Access targets (bench/RESULTS.md): login latency with argon2id, and whether the server stays
// responsive for other requests while logins run.
//   node bench/login-load.mjs URL USER PASSWORD [rate=20] [seconds=20]
// Fires `rate` logins per second for `seconds` (bounded; stops by itself) and prints login
// p50/p99 and errors as JSON. Run wrk against a read endpoint at the same time.
const [url, user, password, rateArg, secondsArg] = process.argv.slice(2);
const rate = Number(rateArg ?? 20);
const seconds = Number(secondsArg ?? 20);
const latencies = [];
let errors = 0;
const inflight = [];
const start = performance.now();
for (let i = 0; i < rate * seconds; i++) {
  const due = start + (i * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const t0 = performance.now();
  inflight.push(
    fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user, password }),
    })
      .then(async (res) => {
        await res.text();
        if (res.status !== 200) errors++;
        else latencies.push(performance.now() - t0);
      })
      .catch(() => errors++),
  );
}
await Promise.all(inflight);
latencies.sort((a, b) => a - b);
const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : NaN);
console.log(JSON.stringify({
  logins: latencies.length,
  errors,
  rate_per_s: rate,
  p50_ms: +pct(50).toFixed(1),
  p99_ms: +pct(99).toFixed(1),
  max_ms: +(latencies.at(-1) ?? NaN).toFixed(1),
}));
