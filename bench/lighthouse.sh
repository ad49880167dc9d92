#!/usr/bin/env bash
# Lighthouse (npm lighthouse@12.2.3, run through npx at that exact version; Node 20) with Debian's
# /usr/bin/chromium, mobile preset (Lighthouse's default: Moto G-class phone, slow 4G, 4x CPU
# slowdown), on the login page, the PSM's home and the dashboard (kepala), bench/RESULTS.md.
# Logged-in pages get the session cookie through --extra-headers (sent with every request the
# page makes, so the app's own session probe sees it). Scores go to bench/out/lighthouse-*.json.
# Usage: bench/lighthouse.sh [path/to/pilar]   (release build and web/dist built). Needs the npm
# registry once (npx caches the package). The server is stopped at the end.
# STATIC=dir serves that build of the web app instead of web/dist (old/new pairs in one period).
# PAGES="psm-home dasbor" runs only those pages (login, psm-home, dasbor; default all three).
# TRACE=1 also keeps each run's trace (bench/out/lighthouse-NAME-0.trace.json, Lighthouse
# --save-assets) for bench/lighthouse-tasks.mjs, which lists the long tasks and what they did.
# CPU_MULTIPLIER=N replaces the preset's 4x CPU slowdown. The preset's 4x assumes a fast desktop
# host; Chrome DevTools' calibration puts the emulated phone (Moto G Power 2022) at a Lighthouse
# benchmarkIndex of 264, so a host that scores B needs B / 264 to emulate that phone (the script
# prints each run's benchmarkIndex).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/release/apps/pilar/pilar}
out=bench/out
mkdir -p "$out"
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
pw='bench password 2026'
flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"

data="$work/data"
"$bin" wilayah load 36.71 --data "$data" >/dev/null
"$bin" wilayah create 36.71.01.1001 1 --data "$data" >/dev/null
printf '%s\n' "$pw" | "$bin" user add kepala --role kepala --wilayah 36.71 --password-stdin --data "$data" >/dev/null
printf '%s\n' "$pw" | "$bin" user add psm --role psm --wilayah 36.71.01.1001.001 --password-stdin --data "$data" >/dev/null
"$bin" generate --households 2000 --seed 3 --out "$work/gen" >/dev/null
"$bin" import keluarga "$work/gen/keluarga.csv" --data "$data" >/dev/null
"$bin" import anggota "$work/gen/anggota.csv" --data "$data" >/dev/null
# No tiles: a Lighthouse run must not depend on (or count) a third-party tile server.
"$bin" serve --data "$data" --listen 127.0.0.1:0 --access-log off --map-tiles none ${STATIC:+--static "$STATIC"} 2>"$work/server.log" &
pid=$!
port=""
for _ in $(seq 1 500); do
  port=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$work/server.log" | head -1 | sed 's/.*://' || true)
  if [ -n "$port" ] && curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz"; then break; fi
  sleep 0.01
done
login() {
  curl -fsS -c - -o /dev/null -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"$pw\"}" \
    "http://127.0.0.1:$port/api/v1/auth/login" | awk '$6 == "pilar_session" {print $7}'
}
run() {  # $1 = name, $2 = path, $3 = user ('' for none)
  case " ${PAGES:-login psm-home dasbor} " in *" $1 "*) ;; *) return 0 ;; esac
  local headers=()
  if [ -n "$3" ]; then headers=(--extra-headers "{\"Cookie\":\"pilar_session=$(login "$3")\"}"); fi
  npx -y lighthouse@12.2.3 "http://127.0.0.1:$port$2" --quiet --chrome-path=/usr/bin/chromium --chrome-flags="$flags" \
    --only-categories=performance,accessibility,best-practices --output=json --output-path="$out/lighthouse-$1.json" \
    ${CPU_MULTIPLIER:+--throttling.cpuSlowdownMultiplier="$CPU_MULTIPLIER"} ${TRACE:+--save-assets} ${ARTIFACTS:+-GA="$ARTIFACTS/$1"} \
    "${headers[@]}" >/dev/null 2>"$work/lh-$1.log" || { cat "$work/lh-$1.log"; return 1; }
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const c = r.categories, s = (k) => Math.round(c[k].score * 100);
    const fails = Object.values(r.audits).filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual").map((a) => a.id);
    console.log(`${process.argv[2].padEnd(10)} [benchmarkIndex ${Math.round(r.environment.benchmarkIndex)}, cpu x${r.configSettings.throttling.cpuSlowdownMultiplier}] performance ${s("performance")}  accessibility ${s("accessibility")}  best-practices ${s("best-practices")}  (FCP ${r.audits["first-contentful-paint"].displayValue}, LCP ${r.audits["largest-contentful-paint"].displayValue}, TBT ${r.audits["total-blocking-time"].displayValue}, CLS ${r.audits["cumulative-layout-shift"].displayValue}; below 0.9: ${fails.join(", ") || "none"})`);
  ' "$out/lighthouse-$1.json" "$1"
}
echo "lighthouse $(npx -y lighthouse@12.2.3 --version), $(/usr/bin/chromium --version 2>/dev/null), $(nproc) cores"
run login / ""
run psm-home / psm
run dasbor /dasbor kepala
