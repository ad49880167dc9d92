// The audit trail's actions in words (web/src/screens/audit/actions.ts): every action the server
// writes — found in its sources, as the literal strings passed to append_audit — has Indonesian
// and English words, so a new action without them fails here instead of showing as a bare key.
// Likewise every kind of record an entry is about (the card names it, the filter offers it).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importWeb, inLang as switchLang, withDom } from './lib.mjs';

withDom();
const web = await importWeb(['i18n/index.ts', 'screens/audit/actions.ts']);
const inLang = (lang) => switchLang(web, lang);

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

// "x.y"-shaped literals on a line that sets an audit action, or in the verivali transition table.
function serverActions() {
  const found = new Set();
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.cpp') && !e.name.endsWith('_test.cpp')) {
        for (const line of fs.readFileSync(p, 'utf8').split('\n')) {
          if (!/\.action = |Transition\{/.test(line)) continue;
          for (const m of line.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) found.add(m[1]);
          // fmt::format("{}.import", table) over the two registry tables
          if (line.includes('"{}.import"')) ['keluarga.import', 'anggota.import'].forEach((a) => found.add(a));
        }
      }
    }
  };
  walk(SRC);
  return [...found].sort();
}

// "x"-shaped literals set as an audit entry's entity.
function serverEntities() {
  const found = new Set();
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.cpp') && !e.name.endsWith('_test.cpp'))
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/\.entity = "([a-z_]+)"/g)) found.add(m[1]);
    }
  };
  walk(SRC);
  return [...found].sort();
}

describe('audit actions in words', () => {
  it('knows every action the server writes', () => {
    const actions = serverActions();
    assert.ok(actions.length > 60, `found only ${actions.length} actions: the scan is broken`);
    for (const a of ['auth.login', 'usulan.setujui', 'anggota.view_special', 'user.disable']) assert.ok(actions.includes(a), a);
    const missing = actions.filter((a) => !web.KNOWN_ACTIONS.includes(a));
    assert.deepEqual(missing, [], 'actions without words in web/src/screens/audit/actions.ts');
  });

  it('words an action in the reader\'s language, and leaves an unknown one to its key', async () => {
    await inLang('id');
    assert.equal(web.actionLabel('auth.login'), 'Masuk');
    assert.equal(web.actionLabel('anggota.view_special'), 'Data khusus dibuka');
    await inLang('en');
    assert.equal(web.actionLabel('auth.login'), 'Signed in');
    assert.equal(web.actionLabel('usulan.kembalikan'), 'Proposal returned');
    assert.equal(web.actionLabel('something.new'), null);
  });

  it('knows every kind of record the server writes about, and offers them in words', async () => {
    const entities = serverEntities();
    assert.ok(entities.length > 15, `found only ${entities.length} kinds: the scan is broken`);
    assert.deepEqual(entities.filter((e) => !web.KNOWN_ENTITIES.includes(e)), [], 'kinds without words in actions.ts');
    await inLang('en');
    assert.equal(web.entityLabel('anggota'), 'Person');
    const options = web.entityOptions();
    assert.deepEqual(options[0], { value: '', label: 'All kinds' });
    assert.equal(options.find((o) => o.value === 'keluarga').label, 'Household');
    assert.equal(options.length, web.KNOWN_ENTITIES.length + 1);
  });
});
