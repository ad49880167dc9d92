#!/usr/bin/env node
// Lists the page's main-thread tasks in a Lighthouse trace (TRACE=1 bench/lighthouse.sh keeps
// bench/out/lighthouse-NAME-0.trace.json) and what each did: self time per trace event (script
// calls by their file and function, style, layout, paint, GC, HTML parsing). Times are as
// measured on this host, not multiplied by Lighthouse's simulated CPU slowdown (x4 in the mobile
// preset): a task over 12.5 ms here counts as a long task (> 50 ms) in the score.
// Usage: node bench/lighthouse-tasks.mjs TRACE.json [min task ms, default 10]
import { readFileSync } from 'node:fs';

const [file, minArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/lighthouse-tasks.mjs TRACE.json [min-ms]');
  process.exit(2);
}
const min = Number(minArg ?? 10);
const raw = JSON.parse(readFileSync(file, 'utf8'));
const events = raw.traceEvents ?? raw;

// The page's renderer: the CrRendererMain thread that navigated to an http(s) page (else the one
// with the most tasks).
const threadName = new Map();
const taskCount = new Map();
for (const e of events) {
  const k = `${e.pid}:${e.tid}`;
  if (e.name === 'thread_name') threadName.set(k, e.args.name);
  if (e.name === 'RunTask') taskCount.set(k, (taskCount.get(k) ?? 0) + 1);
}
const pageNav = events.find((e) => e.name === 'navigationStart' && /^https?:/.test(e.args?.data?.documentLoaderURL ?? ''));
const main = pageNav
  ? `${pageNav.pid}:${pageNav.tid}`
  : [...taskCount].filter(([k]) => threadName.get(k) === 'CrRendererMain').sort((a, b) => b[1] - a[1])[0][0];
const nav = pageNav ?? events.find((e) => e.name === 'navigationStart' && `${e.pid}:${e.tid}` === main);
const t0 = nav ? nav.ts : Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));

const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
const short = (u) => (u ? u.replace(/^https?:\/\/[^/]+/, '').replace(/^\/assets\//, '') : '');
const label = (e) => {
  const d = e.args?.data ?? {};
  if (e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'v8.compile' || e.name === 'v8.compileModule')
    return `${e.name} ${short(d.url ?? e.args?.fileName)}${d.functionName ? ' ' + d.functionName : ''}`;
  if (e.name === 'TimerFire' || e.name === 'FireIdleCallback' || e.name === 'EventDispatch') return `${e.name} ${d.type ?? ''}`.trim();
  if (e.name === 'Layout') return `Layout (${e.args?.beginData?.dirtyObjects ?? '?'} of ${e.args?.beginData?.totalObjects ?? '?'} objects)`;
  if (e.name === 'UpdateLayoutTree') return `UpdateLayoutTree (${e.args?.elementCount ?? '?'} elements)`;
  return e.name;
};

// CPU time (the trace's thread time) where recorded: on a shared host a task's wall time includes
// the time the thread waited for a core, which is noise for comparing two builds.
const cpu = (e) => (e.tdur ?? e.dur) / 1000;
const tasks = onMain.filter((e) => e.name === 'RunTask' && e.ts >= t0 && Math.max(cpu(e), e.dur / 1000) >= min);
let total = 0;
let totalCpu = 0;
for (const task of tasks) {
  const end = task.ts + task.dur;
  const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= end);
  // Self time per label: an event's time minus its children's (events nest by time).
  const self = new Map();
  const stack = [];
  const add = (e, ms) => self.set(label(e), (self.get(label(e)) ?? 0) + ms);
  for (const e of inside) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    if (stack.length) add(stack.at(-1), -cpu(e));
    add(e, cpu(e));
    stack.push(e);
  }
  const top = [...self].filter(([, ms]) => ms >= 0.5).sort((a, b) => b[1] - a[1]).slice(0, 8);
  const ms = task.dur / 1000;
  total += Math.max(0, ms * 4 - 50);
  totalCpu += Math.max(0, cpu(task) * 4 - 50);
  console.log(`${((task.ts - t0) / 1000).toFixed(0).padStart(6)} ms  task ${ms.toFixed(1).padStart(6)} ms wall ${cpu(task).toFixed(1).padStart(6)} ms cpu   ${top.map(([l, v]) => `${l}: ${v.toFixed(1)}`).join(' | ')}`);
}
console.log(`${tasks.length} tasks >= ${min} ms; sum over them of (4 x duration - 50 ms): wall ${total.toFixed(0)} ms, cpu ${totalCpu.toFixed(0)} ms (a rough TBT at x4, without Lighthouse's FCP..TTI window)`);
