#!/usr/bin/env node
// Re-scores a Lighthouse run as if the page's main thread had had a core to itself: every task
// of the page's renderer main thread is shrunk to its thread (CPU) time, its events with it, and
// Lighthouse's audits are run again on that trace (lighthouse -A). Lighthouse's simulated
// throttling (Lantern) multiplies each task's *wall* time by the CPU slowdown (x4; x2 for tasks
// with a layout), so on this shared 2-core host a 3 ms task that waited 40 ms for a core counts
// as 172 ms and the score follows the other builds' load more than the page. The CPU-time score
// compares two builds of the page without that noise; it is not what a phone would score (the
// phone's own browser processes compete too), and not a replacement for the quiet run.
// Usage: ARTIFACTS=/tmp/lh bench/lighthouse.sh ...   (keeps Lighthouse's artifacts per page)
//        node bench/lighthouse-cpu.mjs /tmp/lh/dasbor      (prints wall-time and CPU-time scores)
// KEEP=dir keeps the CPU-time artifacts there (for lighthouse -A=dir).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node bench/lighthouse-cpu.mjs ARTIFACT_DIR   (ARTIFACTS=dir bench/lighthouse.sh keeps them)');
  process.exit(2);
}
const tracePath = path.join(dir, 'defaultPass.trace.json');
const raw = JSON.parse(readFileSync(tracePath, 'utf8'));
const events = raw.traceEvents ?? raw;

// The page's renderer main thread: the one that started the navigation to the http(s) page.
const nav = events.find((e) => e.name === 'navigationStart' && /^https?:/.test(e.args?.data?.documentLoaderURL ?? ''));
if (!nav) throw new Error('no navigation to an http(s) page in the trace');
const onMain = (e) => e.pid === nav.pid && e.tid === nav.tid;

// Top-level tasks: complete events on that thread not inside another one.
const main = events.filter((e) => onMain(e) && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
const tops = [];
let end = -Infinity;
for (const e of main) {
  if (e.ts >= end) {
    tops.push(e);
    end = e.ts + e.dur;
  }
}
// Shrink each task to its thread time; everything inside it (complete and instant events) keeps
// its place in proportion.
const others = events.filter((e) => onMain(e) && e.ts !== undefined).sort((a, b) => a.ts - b.ts);
let j = 0;
let wall = 0;
let cpu = 0;
for (const task of tops) {
  const t0 = task.ts;
  const t1 = task.ts + task.dur;
  const f = task.tdur !== undefined && task.dur > 0 ? Math.min(1, task.tdur / task.dur) : 1;
  wall += task.dur;
  cpu += task.dur * f;
  while (j < others.length && others[j].ts < t0) j++;
  for (let k = j; k < others.length && others[k].ts <= t1; k++) {
    const e = others[k];
    if (e === task) continue;
    e.ts = t0 + (e.ts - t0) * f;
    if (e.dur !== undefined) e.dur *= f;
  }
  task.dur *= f;
}

const work = process.env.KEEP ?? mkdtempSync(path.join(tmpdir(), 'lh-cpu-'));
try {
  cpSync(dir, work, { recursive: true });
  writeFileSync(path.join(work, 'defaultPass.trace.json'), JSON.stringify(raw));
  // -A refuses settings that differ from the gathering's: pass the same extra headers (cookie).
  const { settings } = JSON.parse(readFileSync(path.join(dir, 'artifacts.json'), 'utf8'));
  const headers = settings.extraHeaders ? [`--extra-headers=${JSON.stringify(settings.extraHeaders)}`] : [];
  if (settings.onlyCategories) headers.push(`--only-categories=${settings.onlyCategories.join(',')}`);
  const run = (d) =>
    JSON.parse(
      execFileSync('npx', ['-y', 'lighthouse@12.2.3', `-A=${d}`, '--output=json', '--quiet', ...headers], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      }),
    );
  const show = (label, r) => {
    const a = r.audits;
    const s = (k) => `${Math.round(a[k].numericValue)} (${Math.round(a[k].score * 100)})`;
    console.log(
      `${label.padEnd(9)} performance ${Math.round(r.categories.performance.score * 100)}  FCP ${s('first-contentful-paint')}  LCP ${s('largest-contentful-paint')}  SI ${s('speed-index')}  TBT ${s('total-blocking-time')}  CLS ${a['cumulative-layout-shift'].numericValue}`,
    );
  };
  show('wall time', JSON.parse(readFileSync(path.join(dir, 'lhr.report.json'), 'utf8')));
  show('CPU time', run(work));
  console.log(`page main thread: ${tops.length} tasks, ${Math.round(wall / 1000)} ms wall, ${Math.round(cpu / 1000)} ms CPU`);
} finally {
  if (!process.env.KEEP) rmSync(work, { recursive: true, force: true });
}
