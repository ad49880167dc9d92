// The ground-check answer as the form checks it before queuing (web/src/screens/lapangan/hasil.ts
// checkHasil). Before, an empty latitude was "must be a number from -11 to 6" (nothing said to press
// the GPS button), and "-6,1781" — a number as Indonesian writes it — was refused as not a number.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importWeb, inLang as switchLang, withDom } from './lib.mjs';

withDom();
const web = await importWeb(['i18n/index.ts', 'screens/lapangan/hasil.ts']);
const inLang = (lang) => switchLang(web, lang);
const answer = (o) => ({ hasil: '1', catatan: '', lat: '', lon: '', ...o });

describe('a ground-check answer checked on the phone', () => {
  it('empty coordinates: says to press the GPS button or type them, in each language', async () => {
    await inLang('id');
    assert.deepEqual(web.checkHasil(answer({})).errors, {
      lat: 'Tekan Ambil lokasi GPS, atau isi lintang.',
      lon: 'Tekan Ambil lokasi GPS, atau isi bujur.',
    });
    await inLang('en');
    assert.deepEqual(web.checkHasil(answer({})).errors, {
      lat: 'Press Get GPS location, or type the latitude.',
      lon: 'Press Get GPS location, or type the longitude.',
    });
  });

  it('a decimal comma is a decimal point', async () => {
    const r = web.checkHasil(answer({ lat: '-6,1781', lon: ' 106,6319 ' }));
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(r.lat, -6.1781);
    assert.equal(r.lon, 106.6319);
  });

  it('out of Indonesia or not a number: the range', async () => {
    await inLang('id');
    assert.deepEqual(web.checkHasil(answer({ lat: '51.5', lon: 'abc' })).errors, {
      lat: 'Lintang harus angka -11 sampai 6.',
      lon: 'Bujur harus angka 95 sampai 141.',
    });
  });
});
