// Builds the service worker (src/sw/sw.ts) into dist/sw.js with the list of files to precache.
//
// Written by hand rather than taking Workbox: the worker is ~60 lines and the precache list is
// just "every file this build wrote plus the public/ files"; Workbox would add a runtime of its
// own and a config surface we do not need. The worker must sit at the root (scope "/"), outside
// assets/, so the server sends it with `Cache-Control: no-cache` and browsers see updates.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { transformWithEsbuild } from 'vite';

function listFiles(dir, base = dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p, base));
    else out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out;
}

export function serviceWorker({ source, publicDir }) {
  return {
    name: 'pilar-service-worker',
    apply: 'build',
    enforce: 'post', // after Vite's HTML plugin has put index.html into the bundle
    async generateBundle(_options, bundle) {
      const hash = crypto.createHash('sha256');
      const files = [];
      for (const [name, item] of Object.entries(bundle)) {
        if (name.endsWith('.map')) continue;
        files.push(name);
        hash.update(name);
        hash.update(item.type === 'chunk' ? item.code : item.source);
      }
      for (const name of listFiles(publicDir)) {
        files.push(name);
        hash.update(name);
        hash.update(fs.readFileSync(path.join(publicDir, name)));
      }
      // index.html is the app shell served for every client-side route.
      if (!files.includes('index.html')) throw new Error('index.html is not in the bundle yet; plugin order changed?');
      const precache = files
        .filter((f) => f !== 'sw.js' && !f.endsWith('.map') && f !== 'robots.txt')
        .map((f) => '/' + f)
        .sort();
      const version = hash.digest('hex').slice(0, 16);
      const ts = fs.readFileSync(source, 'utf8');
      const { code } = await transformWithEsbuild(ts, source, { loader: 'ts', minify: true, target: 'es2020', format: 'iife' });
      const js = code
        .replace('__PRECACHE__', JSON.stringify(JSON.stringify(precache)).slice(1, -1))
        .replace('__VERSION__', version);
      if (js.includes('__PRECACHE__') || js.includes('__VERSION__')) throw new Error('sw.ts placeholders not replaced');
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: js });
    },
  };
}
