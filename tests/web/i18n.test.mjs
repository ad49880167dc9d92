// The message catalogue's plural forms (web/src/i18n): tn() picks the form the count takes in the
// app's language through Intl.PluralRules, and every English message that shows a count has them.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { importWeb, inLang as switchLang, withDom } from './lib.mjs';

withDom();
const i18n = await importWeb('i18n/index.ts');
const { id } = await importWeb('i18n/messages.ts');
const { en } = await importWeb('i18n/messages-en.ts');

const inLang = (lang) => switchLang(i18n, lang);

describe('tn: messages that show a count', () => {
  before(() => inLang('id'));

  it('English: one photo, two photos, no photos', async () => {
    await inLang('en');
    assert.equal(i18n.tn('wf.kegiatan.fotoN', 1), '1 photo');
    assert.equal(i18n.tn('wf.kegiatan.fotoN', 2), '2 photos');
    assert.equal(i18n.tn('wf.kegiatan.fotoN', 0), '0 photos');
    assert.equal(i18n.tn('reg.members', 1), '1 member');
    assert.equal(i18n.tn('reg.members', 5), '5 members');
    assert.equal(i18n.tn('sync.status.review', 1), '1 needs review');
    assert.equal(i18n.tn('sync.status.review', 3), '3 need review');
  });

  it('English: the count is grouped, and other placeholders are filled', async () => {
    await inLang('en');
    assert.equal(i18n.tn('wf.kegiatan.sasaranN', 1234), '1,234 households');
    assert.equal(i18n.tn('audit.verifyOk', 1, { seq: 7 }), 'The audit chain is intact: 1 entry checked, last #7.');
    assert.equal(i18n.tn('acara.seats', 1, { terisi: '0' }), '0 of 1 seat taken');
    assert.equal(i18n.tn('acara.seats', 40, { terisi: '12' }), '12 of 40 seats taken');
  });

  it('English: with decimals shown, the form follows the digits ("1.0 seconds")', async () => {
    await inLang('en');
    assert.equal(i18n.tn('impor.seconds', 1), 'Finished in 1 second.');
    assert.equal(i18n.tn('impor.seconds', 1, undefined, 1), 'Finished in 1.0 seconds.');
    assert.equal(i18n.tn('impor.seconds', 0.4, undefined, 1), 'Finished in 0.4 seconds.');
  });

  it('Indonesian: one form for every count, numbers grouped the Indonesian way', async () => {
    await inLang('id');
    assert.equal(i18n.tn('wf.kegiatan.fotoN', 1), '1 foto');
    assert.equal(i18n.tn('wf.kegiatan.fotoN', 2), '2 foto');
    assert.equal(i18n.tn('wf.kegiatan.sasaranN', 1234), '1.234 keluarga');
    assert.equal(i18n.tn('impor.seconds', 1, undefined, 1), 'Selesai dalam 1,0 detik.');
  });

  it('t() is unchanged for messages without a count', async () => {
    await inLang('en');
    assert.equal(i18n.t('wf.bulan'), 'Month');
    await inLang('id');
    assert.equal(i18n.t('wf.bulan'), 'Bulan');
  });
});

describe('the catalogue', () => {
  const plural = Object.keys(id).filter((k) => typeof id[k] !== 'string');

  it('every plural message has an English "one" and "other" form (a count-bearing one that lacks them shows "1 photos")', () => {
    assert.ok(plural.length >= 40, `only ${plural.length} plural messages`);
    for (const k of plural) {
      assert.equal(typeof en[k], 'object', `${k}: English is not plural`);
      assert.equal(typeof en[k].other, 'string', `${k}: no English "other"`);
      // A message composed of count phrases has no count of its own; all others need "one".
      assert.equal(typeof en[k].one, 'string', `${k}: no English "one"`);
      assert.deepEqual(Object.keys(id[k]), ['other'], `${k}: Indonesian has one form`);
    }
  });

  it('no English message with a bare count placeholder is left without plural forms', () => {
    // "{n} photos", "{n} entries", ... : a count followed by an English word that inflects.
    const countWord = /\{(n|count|total|jumlah)\}\s+[a-z]/;
    const plain = Object.keys(en).filter((k) => typeof en[k] === 'string' && countWord.test(en[k]));
    // Nouns that do not inflect in English (domain words kept in Indonesian, "seed") and the
    // position in a list ("#{n} in the kecamatan") are fine.
    const allowed = new Set(['wf.kec.psmLaporan', 'dasbor.wilayah.ppksCode', 'usulan.new.removeRow', 'field.kb.member', 'field.kb.removeMember', 'wf.peringkat.kec', 'periksa.unassigned', 'acara.hadirN', 'dup.lastRun', 'usulan.listHeading', 'audit.listHeading', 'reg.keluarga.count', 'users.more', 'dasbor.usulan.perStatus', 'periksa.progress', 'impor.progressRejected', 'acara.drawMeta']);
    assert.deepEqual(plain.filter((k) => !allowed.has(k)), []);
  });

  it('English and Indonesian agree on which messages are plural', () => {
    for (const k of Object.keys(en)) assert.equal(typeof en[k] === 'string', typeof id[k] === 'string', k);
  });
});
