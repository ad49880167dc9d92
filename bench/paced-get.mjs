// A paced (open-loop) read load: GET `url` at `rate` requests per second for `seconds`
// (bounded), printing p50/p99 latency and errors as JSON. Unlike wrk, which sends as fast as
// it can, this leaves CPU for other work, so it measures how responsive reads stay while
// something else (logins) runs.   node bench/paced-get.mjs URL COOKIE [rate=500] [seconds=10]
// "{rand:N}" in URL becomes a random integer 1..N for each request (a different person each time).
const [url, cookie, rateArg, secondsArg] = process.argv.slice(2);
const rate = Number(rateArg ?? 500);
const seconds = Number(secondsArg ?? 10);
const lat = [];
let errors = 0;
const pending = [];
const start = performance.now();
for (let i = 0; i < rate * seconds; i++) {
  const wait = start + (i * 1000) / rate - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const t0 = performance.now();
  pending.push(
    fetch(url.replace(/\{rand:(\d+)\}/, (_, n) => String(1 + Math.floor(Math.random() * Number(n)))), { headers: { cookie } })
      .then(async (res) => {
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
        else lat.push(performance.now() - t0);
      })
      .catch(() => errors++),
  );
}
await Promise.all(pending);
lat.sort((a, b) => a - b);
const pct = (p) => +lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))].toFixed(2);
console.log(JSON.stringify({ requests: lat.length, errors, rate_per_s: rate, p50_ms: pct(50), p99_ms: pct(99) }));
