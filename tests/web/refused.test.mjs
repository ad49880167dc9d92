// What the field worker reads when the phone's storage refused to queue a form
// (web/src/offline/refused.ts): that nothing was saved and what, why — a full storage said as such,
// any other refusal as the browser's storage failing, the browser's own reason beside it — and that
// the input is still in the form. Before, the message said to look at the queue for what "is already
// in it", since a household could be queued without its members.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importWeb, inLang as switchLang, withDom } from './lib.mjs';

withDom();
const web = await importWeb(['i18n/index.ts', 'offline/refused.ts']);
const inLang = (lang) => switchLang(web, lang);
const full = new DOMException('Quota exceeded', 'QuotaExceededError');
const broken = new DOMException('Internal error opening backing store', 'UnknownError');

describe('a form the phone could not queue', () => {
  it('says nothing was saved, what, why and that the input stays, in Indonesian', async () => {
    await inLang('id');
    assert.equal(
      web.refusedMessage('keluarga', full),
      'Tidak ada yang tersimpan: keluarga ini dan anggotanya belum masuk antrean sinkron, karena penyimpanan perangkat penuh (Quota exceeded). ' +
        'Isian Anda masih di formulir. Kosongkan sedikit ruang penyimpanan ponsel (atau tutup lalu buka lagi aplikasinya), lalu simpan lagi.',
    );
    assert.match(web.refusedMessage('periksa', broken), /^Tidak ada yang tersimpan: hasil periksa ini dan fotonya belum masuk antrean sinkron, karena penyimpanan peramban menolak menulis \(Internal error opening backing store\)\./);
    assert.match(web.refusedMessage('kegiatan', full), /^Tidak ada yang tersimpan: laporan kegiatan ini dan fotonya /);
    assert.match(web.refusedMessage('usulan', full), /^Tidak ada yang tersimpan: usulan ini /);
    assert.match(web.refusedMessage('ubah', full), /^Tidak ada yang tersimpan: perubahan ini /);
  });

  it('says the same in English', async () => {
    await inLang('en');
    assert.equal(
      web.refusedMessage('keluarga', full),
      'Nothing was saved: this household and its members did not go into the sync queue, because the device’s storage is full (Quota exceeded). ' +
        'What you typed is still in the form. Free some of the phone’s storage (or close the app and open it again), then save again.',
    );
    assert.equal(web.storageReason(broken), 'the browser’s storage refused to write (Internal error opening backing store)');
    await inLang('id');
  });

  it('names a refusal that is no DOMException by what it says', async () => {
    await inLang('id');
    assert.equal(web.storageReason(new TypeError('Failed to execute add')), 'penyimpanan peramban menolak menulis (Failed to execute add)');
    assert.equal(web.storageReason('blocked'), 'penyimpanan peramban menolak menulis (blocked)');
    // A browser that gives the name alone still has something to show.
    assert.equal(web.storageReason(new DOMException('', 'QuotaExceededError')), 'penyimpanan perangkat penuh (QuotaExceededError)');
  });
});
