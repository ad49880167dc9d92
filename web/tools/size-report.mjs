#!/usr/bin/env node
// After `vite build`: prints the gzipped size of the JavaScript and CSS index.html loads up
// front, and of everything in dist/assets, and fails the build if the initial JavaScript
// exceeds the budget (issue #4: 200 KB gzipped; cheap phones on slow links).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const BUDGET = 200 * 1024;
const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const initial = [...html.matchAll(/<(?:script[^>]+src|link[^>]+href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
let initialJs = 0;
let initialCss = 0;
for (const f of initial) {
  if (f.endsWith('.js')) initialJs += gz(f);
  else initialCss += gz(f);
}
const lazy = fs
  .readdirSync(path.join(dist, 'assets'))
  .filter((f) => f.endsWith('.js') && !initial.includes(`assets/${f}`))
  .map((f) => `assets/${f}`);
const lazyJs = lazy.reduce((n, f) => n + gz(f), 0);

console.log(`initial JS  ${kb(initialJs)} gzipped (budget ${kb(BUDGET)})`);
console.log(`initial CSS ${kb(initialCss)} gzipped`);
console.log(`lazy JS     ${kb(lazyJs)} gzipped in ${lazy.length} chunk(s)`);
if (initialJs > BUDGET) {
  console.error(`initial JavaScript ${kb(initialJs)} exceeds the ${kb(BUDGET)} budget`);
  process.exit(1);
}
