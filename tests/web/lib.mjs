// Helpers for the web app's unit tests (node:test, no browser): a module of web/src, TypeScript and
// all, bundled by esbuild (Vite's own, from web/node_modules) into one ES module and imported.
// Modules that touch the DOM at import time need a stub of what they touch (see `withDom`).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const webRequire = createRequire(path.join(REPO, 'web', 'package.json'));
const esbuild = webRequire('esbuild');

/** Imports web/src/<rel> (e.g. 'i18n/index.ts') as the browser would run it. Given several
 *  modules, bundles them together, so they share the modules they import (one i18n, one language).
 *  `replace` maps a module of web/src (e.g. 'offline/db.ts') to TypeScript source standing in for
 *  it — a browser API node has not (IndexedDB) swapped for an in-memory fake. */
export async function importWeb(rel, { replace = {} } = {}) {
  const src = path.join(REPO, 'web', 'src');
  const entry = Array.isArray(rel)
    ? { stdin: { contents: rel.map((r) => `export * from './${r}';`).join('\n'), resolveDir: src, loader: 'ts' } }
    : { entryPoints: [path.join(src, rel)] };
  const out = await esbuild.build({
    ...entry,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    mainFields: ['module', 'main'],
    // A screen's stylesheet (imported for Vite to load with its chunk) is nothing to a unit test.
    loader: { '.css': 'empty' },
    logLevel: 'silent',
    plugins: [{
      name: 'replace',
      setup(build) {
        for (const [mod, contents] of Object.entries(replace)) {
          const file = path.join(src, mod);
          build.onLoad({ filter: /\.tsx?$/ }, (a) => (a.path === file ? { contents, loader: 'ts' } : undefined));
        }
      },
    }],
  });
  const code = out.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/** Just enough of a browser for modules that set the page's language or keep a setting. */
export function withDom() {
  const store = new Map();
  globalThis.document ??= { documentElement: { lang: 'id' } };
  globalThis.localStorage ??= {
    getItem: (k) => (store.has(k) ? store.get(k) : null),
    setItem: (k, v) => store.set(k, String(v)),
    removeItem: (k) => store.delete(k),
  };
}

/** Switches the app's language in a bundle that holds i18n/index.ts (`web`: its exports) and waits
 *  until it is applied: setLang applies English once its chunk is in, which loadEnglish fetches. */
export async function inLang(web, lang) {
  if (lang === 'en') await web.loadEnglish();
  web.setLang(lang);
  if (web.lang() !== lang) throw new Error(`the language is ${web.lang()}, not ${lang}`);
}
