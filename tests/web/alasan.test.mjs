// The recap's reasons for "not eligible for the incentive" (web/src/screens/workforce/alasan.ts):
// worded in the reader's language from the server's alasan_rinci. Before, the recap and the PSM's
// home showed the server's Indonesian sentences in the English app too.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importWeb, inLang as switchLang, withDom } from './lib.mjs';

withDom();
const web = await importWeb(['i18n/index.ts', 'screens/workforce/alasan.ts']);

const inLang = (lang) => switchLang(web, lang);

const row = {
  alasan_tidak_layak: ['status nonaktif', '1 laporan (minimal 4)'],
  alasan_rinci: [
    { kode: 'status', status: 'nonaktif' },
    { kode: 'laporan', jumlah: 1, minimal: 4 },
  ],
};

describe('why a pilar sosial is not eligible this month', () => {
  it('English: the status and the reports, singular and plural', async () => {
    await inLang('en');
    assert.equal(web.alasanTidakLayak(row), 'status Inactive; 1 activity report (at least 4)');
    const three = { ...row, alasan_rinci: [{ kode: 'laporan', jumlah: 3, minimal: 4 }] };
    assert.equal(web.alasanTidakLayak(three), '3 activity reports (at least 4)');
  });

  it('Indonesian', async () => {
    await inLang('id');
    assert.equal(web.alasanTidakLayak(row), 'status Nonaktif; 1 laporan (minimal 4)');
  });

  it("a server without alasan_rinci: its own sentences, as they are", async () => {
    await inLang('en');
    assert.equal(web.alasanTidakLayak({ alasan_tidak_layak: ['2 laporan (minimal 4)'] }), '2 laporan (minimal 4)');
  });
});

// The reasons the server writes into a pilar sosial's history ("dimuat", "diganti", "berhenti"):
// before, the English app showed these Indonesian words; what the office typed stays as typed.
describe("a pilar sosial's status-history and assignment reasons", () => {
  it("the server-written ones in the reader's language, typed ones as typed", async () => {
    await inLang('en');
    assert.equal(web.alasanRiwayat('dimuat'), 'loaded from the roster');
    assert.equal(web.alasanRiwayat('diganti'), 'replaced by a new assignment');
    assert.equal(web.alasanRiwayat('Pindah domisili'), 'Pindah domisili');
    await inLang('id');
    assert.equal(web.alasanRiwayat('berhenti'), 'pilar sosial berhenti');
  });
});
