// Duplicate review and the entry warning end to end on a 360 px phone: the operator opens
// Duplikat from the menu, sees the pair a dedup run queued with its score and reasons, opens it
// (both members side by side), is told on the note field that a full NIK may not be written there,
// merges them and undoes the merge; the PSM registering a household
// is warned that a member probably exists already and saves anyway. axe-core on every state; no
// sideways scrolling, no CSP violation or page error.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  KELURAHAN,
  KOTA,
  RW1,
  apiCall,
  apiLogin,
  assertNoHorizontalScroll,
  checkA11y,
  checkPrerequisites,
  launchBrowser,
  newPhonePage,
  setupDataDir,
  startServer,
  uiLogin,
  uiLogout,
} from './lib.mjs';

describe('duplicate review screen and entry warning', { concurrency: 1 }, () => {
  let data;
  let server;
  let browser;
  let page;
  const url = (p) => server.base + p;
  const h1 = () => page.locator('main h1');

  before(async () => {
    checkPrerequisites();
    data = await setupDataDir([
      { username: 'operator', role: 'operator', wilayah: KOTA },
      { username: 'psm', role: 'psm', wilayah: RW1 },
    ]);
    server = await startServer(data.dir);
    const op = await apiLogin(server, 'operator');
    const k = await apiCall(server, op, 'POST', '/api/v1/keluarga', { no_kk: '3671010101250001', kode_wilayah: KELURAHAN, rw: '001', alamat: 'Jl. Melati 1' });
    assert.equal(k.status, 201, JSON.stringify(k.json));
    for (const body of [
      { nik: '3671014507900001', nama: 'Siti Aminah', hubungan: 'kepala_keluarga' },
      { nama: 'Hj. Siti Aminah', hubungan: 'famili_lain' },
    ]) {
      const m = await apiCall(server, op, 'POST', '/api/v1/anggota', { keluarga_id: k.json.id, jenis_kelamin: 'P', tanggal_lahir: '1990-07-05', ...body });
      assert.equal(m.status, 201, JSON.stringify(m.json));
    }
    browser = await launchBrowser();
    ({ page } = await newPhonePage(browser));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    data?.remove();
  });

  it('lets the operator run the check, compare the pair, merge it and undo the merge', async () => {
    await uiLogin(page, server.base, 'operator');
    await page.goto(url('/duplikat'));
    await h1().filter({ hasText: 'Kemungkinan duplikat' }).waitFor();
    await page.getByRole('button', { name: 'Jalankan pemeriksaan duplikat' }).click();
    await page.getByText(/Selesai: \d+ pasangan baru/).waitFor();
    // When it ran, as a date and local time in Indonesian (was "2026-11-29 14:04", in UTC).
    await page.getByText(/^Pemeriksaan terakhir \d{1,2} (Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des) \d{4}, \d{2}\.\d{2}: /).waitFor();
    const item = page.locator('ul.list li').first();
    await item.waitFor();
    assert.match(await item.textContent(), /Siti Aminah ↔ Hj\. Siti Aminah/);
    await checkA11y(page, 'duplicate queue');
    await assertNoHorizontalScroll(page, 'duplicate queue');

    await item.getByRole('link').click();
    await h1().filter({ hasText: /Pasangan duplikat \d+/ }).waitFor();
    const compare = page.locator('table.dup-compare');
    await compare.waitFor();
    assert.match(await compare.textContent(), /Hj\. Siti Aminah/);
    assert.match(await compare.textContent(), /\*{4}/, 'NIK masked');
    // Codes and dates in words, as on the member's page.
    const row = async (name) => (await compare.locator('tr', { has: page.getByRole('rowheader', { name, exact: true }) }).locator('td').allTextContents());
    assert.deepEqual(await row('Jenis kelamin'), ['Perempuan', 'Perempuan']);
    assert.deepEqual(await row('Tanggal lahir'), ['5 Jul 1990', '5 Jul 1990']);
    assert.deepEqual(await row('Hubungan'), ['Kepala keluarga', 'Famili lain']);
    const reasons = page.locator('table', { hasText: 'Tingkat kecocokan' });
    const level = async (name) => (await reasons.locator('tr', { has: page.getByRole('rowheader', { name, exact: true }) }).locator('td').first().textContent()).trim();
    assert.equal(await level('Tanggal lahir'), 'sama persis');
    assert.equal(await level('NIK'), 'tidak ada data');
    await checkA11y(page, 'duplicate pair');
    await assertNoHorizontalScroll(page, 'duplicate pair');

    // Submitting without a choice names the problem.
    await page.getByRole('button', { name: 'Simpan keputusan' }).click();
    await page.getByText('Pilih salah satu keputusan.').waitFor();
    await page.getByLabel(/pertahankan Siti Aminah/).check();
    // A full NIK typed into the note is refused on the note itself (the server names the field),
    // and nothing is decided.
    await page.getByLabel(/Catatan/).fill('sama dengan NIK 3671 0145 0790 0002');
    await page.getByRole('button', { name: 'Simpan keputusan' }).click();
    const note = page.getByLabel(/Catatan/);
    const said = 'catatan tidak boleh memuat NIK/No. KK lengkap; tulis 4 digit terakhir';
    await page.locator('.field-error', { hasText: said }).waitFor();
    assert.equal(await note.getAttribute('aria-invalid'), 'true');
    const described = await note.getAttribute('aria-describedby');
    assert.equal((await page.locator(`#${described.split(' ').at(-1)}`).textContent()).trim(), said, 'the error is the note\'s own');
    await page.getByLabel(/Catatan/).fill('orang yang sama, gelar haji');
    // A reload (or a look at either record) keeps the choice and the note until they are sent.
    await page.reload();
    await page.locator('main [role="status"]', { hasText: 'Isian yang belum disimpan dikembalikan.' }).waitFor();
    assert.ok(await page.getByLabel(/pertahankan Siti Aminah/).isChecked());
    assert.equal(await page.getByLabel(/Catatan/).inputValue(), 'orang yang sama, gelar haji');
    await checkA11y(page, 'duplicate pair (restored)');
    await page.getByRole('button', { name: 'Simpan keputusan' }).click();
    await page.getByText(/Digabung oleh operator/).waitFor();
    await checkA11y(page, 'merged pair');

    await page.getByLabel(/Alasan pembatalan/).fill('salah gabung');
    await page.getByRole('button', { name: 'Batalkan penggabungan' }).click();
    await page.getByRole('button', { name: 'Simpan keputusan' }).waitFor();
    // Sent, the kept decision is gone: the form for the next one starts empty.
    assert.equal(await page.getByLabel(/Catatan/).inputValue(), '');
    page.assertClean();
    await uiLogout(page, server.base);
  });

  it('warns the PSM that a member probably exists before saving, and saves anyway on request', async () => {
    await uiLogin(page, server.base, 'psm');
    await page.goto(url('/keluarga/baru'));
    await h1().waitFor();
    await page.getByLabel('No. KK').fill('3671010101250009');
    await page.getByLabel('Alamat').fill('Jl. Melati 1');
    await page.getByLabel('Nama lengkap').fill('SITI AMINAH');
    await page.getByLabel('Jenis kelamin').selectOption('P');
    await page.getByLabel('Tanggal lahir').fill('1990-07-05');
    await page.getByRole('button', { name: 'Simpan keluarga' }).click();
    await page.getByRole('heading', { name: 'Mungkin sudah terdaftar' }).waitFor();
    assert.match(await page.locator('.notice').textContent(), /Hj\. Siti Aminah|Siti Aminah/);
    await checkA11y(page, 'entry warning');
    await assertNoHorizontalScroll(page, 'entry warning');
    await page.getByRole('button', { name: 'Tetap simpan' }).click();
    await page.locator('.notice-ok').waitFor();
    page.assertClean();
  });
});
