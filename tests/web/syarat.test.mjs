// A pilar sosial's requirement notes (web/src/screens/workforce/syarat.ts), worded in the reader's
// language from the facts the server sends beside its Indonesian note. Before, the record showed the
// server's note as it came: Indonesian in the English app, dates as "2026-01-01", regions as bare codes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importWeb, inLang as switchLang, withDom } from './lib.mjs';

withDom();
const web = await importWeb(['i18n/index.ts', 'screens/workforce/syarat.ts']);

const inLang = (lang) => switchLang(web, lang);

const KEL = '36.71.01.1001';
const nameOf = (kode) => ({ [KEL]: 'Kelurahan Sukarasa', '36.71.02.1003': 'Kelurahan Jatake' })[kode] ?? kode;
const met = [
  { kode: 'usia', wajib: true, terpenuhi: true, catatan: '38 tahun (minimal 18)', usia: 38, minimal: 18 },
  { kode: 'ktp_wilayah', wajib: true, terpenuhi: true, catatan: `KTP ${KEL}`, kode_ktp: KEL, wilayah: KEL },
  { kode: 'pelatihan_dasar', wajib: true, terpenuhi: true, catatan: '2024-05-14 (hadir di acara 7)', tanggal: '2024-05-14', acara: 7 },
  { kode: 'bukan_ketua_rt_rw', wajib: false, terpenuhi: true, catatan: '' },
  { kode: 'sk_berlaku', wajib: true, terpenuhi: true, catatan: 'SK 400.9/12 berlaku 2026-01-01 s.d. 2030-12-31', nomor: '400.9/12', mulai: '2026-01-01', selesai: '2030-12-31' },
  { kode: 'penugasan', wajib: true, terpenuhi: true, catatan: '' },
];
const unmet = [
  { kode: 'usia', wajib: true, terpenuhi: false, catatan: 'tanggal lahir belum diisi' },
  { kode: 'ktp_wilayah', wajib: true, terpenuhi: false, catatan: `KTP 36.71.02.1003 di luar ${KEL}`, kode_ktp: '36.71.02.1003', wilayah: KEL },
  { kode: 'pelatihan_dasar', wajib: true, terpenuhi: false, catatan: 'belum mengikuti pelatihan dasar' },
  { kode: 'bukan_ketua_rt_rw', wajib: true, terpenuhi: false, catatan: 'juga ketua RT/RW' },
  { kode: 'sk_berlaku', wajib: true, terpenuhi: false, catatan: 'belum ada SK' },
  { kode: 'penugasan', wajib: true, terpenuhi: false, catatan: 'belum ditugaskan' },
];
const notes = (list) => list.map((s) => web.syaratCatatan(s, nameOf));

describe('requirement notes', () => {
  it('English: met, with dates in English and regions by name', async () => {
    await inLang('en');
    assert.deepEqual(notes(met), [
      '38 years old (at least 18)',
      `KTP Kelurahan Sukarasa (${KEL})`,
      '14 May 2024 (attended at event #7)',
      '',
      'SK 400.9/12 in force 1 Jan 2026 to 31 Dec 2030',
      '',
    ]);
  });
  it('English: unmet', async () => {
    await inLang('en');
    assert.deepEqual(notes(unmet), [
      'date of birth not filled in',
      `KTP Kelurahan Jatake (36.71.02.1003) is outside Kelurahan Sukarasa (${KEL})`,
      'basic training not attended yet',
      'also an RT/RW head',
      'no SK yet',
      'not assigned yet',
    ]);
  });
  it('Indonesian: dates in Indonesian, a region without a name as its code', async () => {
    await inLang('id');
    assert.deepEqual(notes(met), [
      '38 tahun (minimal 18)',
      `KTP Kelurahan Sukarasa (${KEL})`,
      '14 Mei 2024 (hadir di acara #7)',
      '',
      'SK 400.9/12 berlaku 1 Jan 2026 s.d. 31 Des 2030',
      '',
    ]);
    assert.equal(web.syaratCatatan(met[1], (k) => k), `KTP ${KEL}`);
  });
  it('a requirement it does not know: the server\'s note as it is', async () => {
    assert.equal(web.syaratCatatan({ kode: 'baru', wajib: true, terpenuhi: false, catatan: 'catatan server' }, nameOf), 'catatan server');
  });
});
