// The workforce screens end to end on a 360 px phone: the operator opens the roster, a PSM's
// record with its checklist, coverage at a glance (the RW without a PSM), the monthly recap and
// the ranking, and changes a rule of the kota (a bad value is refused naming the rule); the PSM
// sees their RW and their month on the home screen and files an activity report through the
// offline queue, which then shows in their list; the TKSK reads the rules without a form. axe-core
// on every screen; no CSP violation, page error or sideways scrolling.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  KECAMATAN,
  KELURAHAN,
  KOTA,
  REPO,
  RW1,
  activePsm,
  apiCall,
  apiLogin,
  assertNoHorizontalScroll,
  assertWordsWhole,
  checkA11y,
  checkPrerequisites,
  launchBrowser,
  newPhonePage,
  photoPng,
  runPilar,
  setupDataDir,
  startServer,
  uiLogin,
  uiLogout,
} from './lib.mjs';

describe('workforce screens', { concurrency: 1 }, () => {
  let data;
  let server;
  let browser;
  let page;
  let psmId;

  const url = (p) => server.base + p;
  const h1 = () => page.locator('main h1');
  const nav = (name) => page.locator('nav.main-nav').getByRole('link', { name, exact: true });

  async function screen(label) {
    await checkA11y(page, label);
    await assertNoHorizontalScroll(page, label);
  }

  before(async () => {
    checkPrerequisites();
    data = await setupDataDir([
      { username: 'operator', role: 'operator', wilayah: KOTA },
      { username: 'tksk', role: 'tksk', wilayah: KECAMATAN },
      { username: 'psm', role: 'psm', wilayah: RW1 },
    ]);
    await runPilar(['wilayah', 'create', KELURAHAN, '2', '--data', data.dir]);
    server = await startServer(data.dir, { args: ['--map-tiles', 'none'] });
    const op = await apiLogin(server, 'operator');
    psmId = (await activePsm(server, op, { nama: 'Siti Rahayu', username: 'psm' })).id;
    // A TKSK with a long name: the coverage table per kecamatan must still fit a phone.
    await activePsm(server, op, { jenis: 'tksk', nama: 'Raden Mas Suyono Sugeng Kurniawan', username: 'tksk', wilayah: [KECAMATAN], kelurahan: KECAMATAN });
    browser = await launchBrowser();
    ({ page } = await newPhonePage(browser));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    data?.remove();
  });

  it('shows the operator the roster, a record, coverage, the recap and the ranking', async () => {
    await uiLogin(page, server.base, 'operator');
    await nav('Pilar sosial').click();
    await h1().filter({ hasText: 'Pilar sosial' }).waitFor();
    await page.getByRole('link', { name: /Siti Rahayu/ }).waitFor();
    // Where each works, by name with its code (the rows showed bare codes): the PSM's RW, the TKSK's kecamatan.
    await page.getByRole('link', { name: /Siti Rahayu/ }).getByText(`RW 001, Kelurahan Sukarasa (${RW1})`).waitFor();
    // Everything the server holds is one tap away, and says so when it is all there.
    await page.locator('main', { hasText: 'Semua sudah dimuat.' }).waitFor();
    const filters = page.locator('main form.filters');
    await filters.getByLabel('Jenis').selectOption('tksk');
    await filters.getByRole('button', { name: 'Tampilkan' }).click();
    await page.getByRole('link', { name: /Raden Mas Suyono/ }).getByText(`Kecamatan Tangerang (${KECAMATAN})`).waitFor();
    await filters.getByLabel('Jenis').selectOption('psm');
    await filters.getByRole('button', { name: 'Tampilkan' }).click();
    await screen('roster');
    await page.getByRole('link', { name: /Siti Rahayu/ }).click();
    await h1().filter({ hasText: 'Siti Rahayu' }).waitFor();
    await page.getByText('Sudah ikut pelatihan dasar').waitFor();
    // The record in words: its kelurahan and RW named, the training date in Indonesian (it was
    // "2025-02-10"), the statuses as the list calls them (it said "aktif").
    await page.locator('main dl.facts dd', { hasText: `Kelurahan Sukarasa (${KELURAHAN})` }).waitFor();
    await page.locator('main dl.facts dd', { hasText: '10 Feb 2025' }).waitFor();
    await page.locator('main li', { hasText: `RW 001, Kelurahan Sukarasa (${RW1})` }).waitFor();
    await page.locator('main .status-riwayat li', { hasText: ' · Kandidat → Aktif · operator' }).waitFor();
    // The checklist's notes in words: dates in Indonesian (they were "2026-01-01 s.d. 2027-12-31"),
    // the KTP's kelurahan by name.
    await page.locator('main .checklist li', { hasText: /SK berlaku .* berlaku 1 Jan 2026 s\.d\. 31 Des 2027/ }).waitFor();
    await page.locator('main .checklist li', { hasText: `KTP Kelurahan Sukarasa (${KELURAHAN})` }).waitFor();
    await page.locator('main .checklist li', { hasText: /Sudah ikut pelatihan dasar 10 Feb 2025/ }).waitFor();
    // An SK without its number: the error is in the SK form, on its field (it was one notice above
    // all four office forms, a screen or two up from the button on a phone).
    const skForm = page.locator('main form', { has: page.getByRole('button', { name: 'Catat SK' }) });
    await skForm.getByRole('button', { name: 'Catat SK' }).click();
    await skForm.locator('[role="alert"]', { hasText: 'nomor SK wajib diisi' }).waitFor();
    const nomor = skForm.getByLabel('Nomor SK');
    assert.equal(await nomor.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator(`#${(await nomor.getAttribute('aria-describedby')).split(' ').pop()}`).textContent(), /nomor SK wajib diisi/);
    // The status history's time is local, in Indonesian (was the UTC date cut from the ISO text).
    const changed = (await page.locator('main .status-riwayat li').first().textContent()).trim();
    assert.match(changed, /^\d{1,2} (Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des) \d{4}, \d{2}\.\d{2} · /, changed);
    await screen('pilar sosial record');

    // Opened as the first screen of a page load (a bookmark): its table's style must come with it.
    await page.goto(url('/cakupan'));
    await h1().filter({ hasText: 'Cakupan PSM' }).waitFor();
    await page.getByRole('cell', { name: 'Raden Mas Suyono Sugeng Kurniawan' }).waitFor();
    const stats = (await page.locator('main .stats li').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
    assert.ok(stats.includes('1 RW tanpa PSM aktif'), stats.join(' | '));
    // The map comes as its own chunk when scrolled near, over a plain background (no tiles set).
    await page.locator('main h2', { hasText: 'Peta cakupan' }).scrollIntoViewIfNeeded();
    await page.locator('main .peta.peta-polos.leaflet-container').waitFor();
    const legend = (await page.locator('main .peta-legend li').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
    assert.match(legend[0], /^ada RW tanpa PSM: \d+$/, legend.join(' | '));
    assert.equal(legend.length, 3);
    await page.locator('main .peta-note', { hasText: 'belum punya titik di peta' }).waitFor();
    await page.locator('main .peta-note', { hasText: 'latar polos' }).waitFor();
    await screen('coverage');
    // The table per kecamatan keeps to the screen on the narrowest phones too (320 px), its words
    // whole (they were broken letter by letter: "Keca/matan").
    await assertWordsWhole(page.locator('main table').first(), 'coverage per kecamatan');
    await page.setViewportSize({ width: 320, height: 640 });
    await assertNoHorizontalScroll(page, 'coverage at 320 px');
    await assertWordsWhole(page.locator('main table').first(), 'coverage per kecamatan at 320 px');
    await page.setViewportSize({ width: 360, height: 740 });

    await nav('Rekap & insentif').click();
    await h1().filter({ hasText: 'Rekap bulanan' }).waitFor();
    await page.getByRole('rowheader', { name: 'Siti Rahayu' }).waitFor();
    // The area by name, not the bare code.
    await page.locator('main .subtitle', { hasText: 'Kota Tangerang (36.71)' }).waitFor();
    await screen('recap');
    // Seven columns on a phone: the table scrolls in its box, its words whole ("Lapo/ran" before).
    await assertWordsWhole(page.locator('main table'), 'recap table');

    // The month is a month control (it was free text: "2026-1" went to the server as typed).
    const month = page.getByLabel('Bulan', { exact: true });
    assert.equal(await month.getAttribute('type'), 'month');
    const now = await month.inputValue();
    assert.match(now, /^\d{4}-\d{2}$/);
    const caption = page.locator('main table caption');
    const captionNow = await caption.textContent();
    // Emptied: an error tied to the field, which keeps focus; the recap stays on the last month.
    await month.fill('');
    await month.dispatchEvent('change');
    const monthError = page.locator('main .field-error', { hasText: 'Pilih bulan.' });
    await monthError.waitFor();
    assert.equal(await month.getAttribute('aria-invalid'), 'true');
    assert.equal(await month.evaluate((el) => el === document.activeElement), true, 'the month field keeps focus');
    assert.equal(await caption.textContent(), captionNow);
    await screen('recap: no month');
    // A month that has not come yet is refused the same way.
    const next = `${Number(now.slice(0, 4)) + 1}-01`;
    await month.fill(next);
    await page.locator('main .field-error', { hasText: 'Bulan itu belum tiba.' }).waitFor();
    assert.equal(await caption.textContent(), captionNow);
    // A good month clears the error and shows that month ("Rekap Jan 2026").
    const earlier = `${now.slice(0, 4)}-01`;
    await month.fill(earlier);
    await page.locator('main table caption, main .state-empty').first().filter({ hasText: /Rekap Jan \d{4}|Belum ada/ }).waitFor();
    assert.equal(await page.locator('main .field-error').count(), 0);
    await month.fill(now);
    await caption.filter({ hasText: captionNow }).waitFor();

    await nav('Peringkat PSM').click();
    await h1().filter({ hasText: 'Peringkat PSM' }).waitFor();
    await page.getByText(/#1 Siti Rahayu/).waitFor();
    // Scores in Indonesian: a decimal comma, not a point.
    assert.match(await page.locator('main').getByText(/#1 Siti Rahayu/).textContent(), /· skor \d+,\d ·/);
    await screen('ranking');
    page.assertClean();
    await uiLogout(page, server.base);
  });


  it('records a new PSM and assigns an RW by picking regions by name, not typing codes', async () => {
    await uiLogin(page, server.base, 'operator');
    await page.goto(url('/pilar-sosial'));
    await h1().filter({ hasText: 'Pilar sosial' }).waitFor();
    await page.getByText('Catat pilar sosial baru').click();
    const form = page.locator('main form', { has: page.getByRole('button', { name: 'Simpan' }) });
    await form.getByLabel('Nama', { exact: true }).fill('Budi Santoso');
    // Saving without a kelurahan: the error sits in the picker.
    await form.getByRole('button', { name: 'Simpan' }).click();
    await form.locator('fieldset.picker .field-error').waitFor();
    await form.getByLabel('Cari Kelurahan/Desa (nama atau kode)').fill('Sukarasa');
    await form.getByRole('button', { name: 'Cari', exact: true }).click();
    await form.getByRole('button', { name: new RegExp(`Sukarasa.*${KELURAHAN.replaceAll('.', '\\.')}$`) }).click();
    await form.locator('.chips li', { hasText: KELURAHAN }).waitFor();
    await checkA11y(page, 'new pilar sosial form with a picked kelurahan');
    await form.getByRole('button', { name: 'Simpan' }).click();
    await h1().filter({ hasText: 'Budi Santoso' }).waitFor();
    await page.locator('main dl.facts dd', { hasText: `Kelurahan Sukarasa (${KELURAHAN})` }).waitFor();

    const assign = page.locator('main form', { has: page.getByRole('button', { name: 'Tugaskan' }) });
    await assign.getByLabel('Cari RW (nama atau kode)').fill('Sukarasa');
    await assign.getByRole('button', { name: 'Cari', exact: true }).click();
    const rw2 = `${KELURAHAN}.002`;
    await assign.getByRole('button', { name: new RegExp(`${rw2.replaceAll('.', '\\.')}$`) }).click();
    await assign.locator('.chips li', { hasText: rw2 }).waitFor();
    await assign.getByRole('button', { name: 'Tugaskan' }).click();
    // The confirmation stays in the form (the page used to redraw as "Memuat…" and lose it).
    await assign.locator('.notice-ok', { hasText: 'Tersimpan.' }).waitFor();
    await page.locator('main li', { hasText: `RW 002, Kelurahan Sukarasa (${rw2})` }).waitFor();
    await screen('pilar sosial record after an assignment');
    page.assertClean();
    await uiLogout(page, server.base);
  });
  it('lets the operator change a rule of their kota, and refuses a bad value with the field named', async () => {
    await uiLogin(page, server.base, 'operator');
    await nav('Aturan pilar sosial').click();
    await h1().filter({ hasText: 'Aturan pilar sosial' }).waitFor();
    // The kota by name (it said "kota/kabupaten 36.71").
    await page.getByText('Berlaku untuk Kota Tangerang (36.71).').waitFor();
    const card = (title) => page.locator('main li.card', { has: page.locator('h3', { hasText: new RegExp(`^${title}$`) }) });
    const insentif = card('Besar insentif per bulan');
    await insentif.getByText('Belum pernah diubah (nilai bawaan)').waitFor();
    await screen('workforce rules');

    const value = page.getByLabel('Nilai baru untuk Besar insentif per bulan');
    assert.equal(await value.inputValue(), '500000');
    await value.fill('750000');
    await page.getByRole('button', { name: 'Simpan Besar insentif per bulan' }).click();
    await page.getByText('Besar insentif per bulan sekarang Rp750.000.').waitFor();
    await insentif.locator('dd', { hasText: /^operator, / }).waitFor();
    // Saved on the server: it is there after a reload, and the API answers it.
    await page.reload();
    await h1().filter({ hasText: 'Aturan pilar sosial' }).waitFor();
    const shown = (await card('Besar insentif per bulan').locator('dd').allTextContents()).map((x) => x.trim());
    assert.deepEqual(shown.slice(0, 2), ['Rp750.000', 'Rp500.000'], 'current value, then the default');
    const op = await apiLogin(server, 'operator');
    let r = await apiCall(server, op, 'GET', '/api/v1/aturan-pilar-sosial');
    assert.equal(r.json.insentif_nominal, 750000);

    // Too young an age: the error names the rule and its range, takes focus, marks the field, and nothing is saved.
    await page.getByLabel('Nilai baru untuk Usia minimal').fill('14');
    await page.getByRole('button', { name: 'Simpan Usia minimal' }).click();
    const error = card('Usia minimal').getByRole('alert');
    await error.filter({ hasText: 'Usia minimal harus bilangan bulat 15 sampai 70' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'alert', 'the error takes focus');
    assert.equal(await page.getByLabel('Nilai baru untuk Usia minimal').getAttribute('aria-invalid'), 'true');
    await screen('workforce rules with an error');
    r = await apiCall(server, op, 'GET', '/api/v1/aturan-pilar-sosial');
    assert.equal(r.json.usia_minimal, 18);
    page.assertClean();
    await uiLogout(page, server.base);
  });

  it('lets the PSM see their month and file an activity report through the queue', async () => {
    await uiLogin(page, server.base, 'psm');
    await page.getByRole('heading', { name: 'Bulan ini' }).waitFor();
    await page.locator('main').getByText(RW1).first().waitFor();
    await page.locator('main .stats li', { hasText: 'Pelatihan diikuti' }).waitFor();
    // Dates in Indonesian, not as the API writes them (the SK runs to 2027-12-31).
    await page.locator('main').getByText('SK s.d. 31 Des 2027').waitFor();
    // Nothing promises as "coming soon" what is already here.
    assert.equal(await page.locator('main').getByText('Segera hadir').count(), 0, 'no stale "coming soon" panel');
    await screen('PSM home');
    // Their own record is one tap away (no menu entry leads there).
    await page.getByRole('link', { name: 'Data & SK saya' }).click();
    await h1().filter({ hasText: 'Siti Rahayu' }).waitFor();
    await page.getByText('Sudah ikut pelatihan dasar').waitFor();
    await screen('PSM own record');
    await page.goBack();
    await page.getByRole('heading', { name: 'Bulan ini' }).waitFor();

    await page.goto(url('/kegiatan/baru'));
    await h1().filter({ hasText: 'Laporan kegiatan baru' }).waitFor();
    await screen('activity report form');
    await page.getByRole('button', { name: 'Simpan laporan' }).click();
    await page.getByText('Tulis apa yang dilakukan').waitFor();
    // The error is announced and takes focus: the button is at the bottom of a long form.
    const alert = page.locator('main [role="alert"]', { hasText: 'Periksa lagi isian yang ditandai' });
    await alert.waitFor();
    assert.equal(await alert.evaluate((el) => el === document.activeElement), true, 'the error takes focus');
    await page.getByLabel('Uraian kegiatan').fill('Kunjungan ke lansia tunggal di RW 001');
    // The photo says it is ready (or that it could not be read) instead of nothing.
    const png = await photoPng(page);
    await page.getByLabel('Foto kegiatan').setInputFiles({ name: 'kegiatan.png', mimeType: 'image/png', buffer: png });
    await page.locator('main [role="status"]', { hasText: /Foto siap \(\d+ KB\)/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Simpan laporan' }).click();
    await page.getByText('Laporan disimpan di perangkat').waitFor();
    await screen('activity report saved');

    await nav('Laporan kegiatan').click();
    await h1().filter({ hasText: 'Laporan kegiatan' }).waitFor();
    // Sent in the background; the list shows it once the server has it.
    for (let i = 0; i < 20; i++) {
      if (await page.getByText('Kunjungan ke lansia tunggal', { exact: false }).count()) break;
      await page.waitForTimeout(500);
      await page.reload();
      await h1().filter({ hasText: 'Laporan kegiatan' }).waitFor();
    }
    await page.getByText(/Kunjungan ke lansia tunggal/).waitFor();
    await page.locator('main .list li', { hasText: 'Kunjungan ke lansia tunggal' }).getByText(`RW 001, Kelurahan Sukarasa (${RW1})`).waitFor();
    // The list says it is complete (it stopped at 200 without a word, a month of a kota's reports being thousands).
    await page.locator('main', { hasText: 'Semua sudah dimuat.' }).waitFor();
    const title = await page.locator('main .list li .list-title').first().textContent();
    assert.match(title, /^\d{1,2} (Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des) \d{4} · Kunjungan rumah$/, title);
    await screen('activity reports');
    const psm = await apiLogin(server, 'psm');
    const r = await apiCall(server, psm, 'GET', '/api/v1/laporan-kegiatan');
    assert.equal(r.json.items.length, 1);
    assert.equal(r.json.items[0].pilar_id, psmId);

    // Counts take the form the language gives them: "1 photo", "2 photos" in English (it said
    // "1 photos"), "1 foto", "2 foto" in Indonesian.
    const row = page.locator('main .list li', { hasText: 'Kunjungan ke lansia tunggal' });
    await row.getByText(/ · 1 foto$/).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await h1().filter({ hasText: 'Activity reports' }).waitFor();
    await row.getByText(/ · 1 photo$/).waitFor();
    const icon = fs.readFileSync(path.join(REPO, 'web/public/icons/icon-192.png'));
    const up = await fetch(`${server.base}/api/v1/laporan-kegiatan/${r.json.items[0].id}/foto`, {
      method: 'POST',
      headers: { cookie: psm.cookie, 'x-csrf-token': psm.csrf, 'content-type': 'image/png' },
      body: icon,
    });
    assert.equal(up.status, 201, await up.text());
    await page.reload();
    await h1().filter({ hasText: 'Activity reports' }).waitFor();
    await row.getByText(/ · 2 photos$/).waitFor();
    await page.getByRole('button', { name: 'Indonesia' }).click();
    await h1().filter({ hasText: 'Laporan kegiatan' }).waitFor();
    await row.getByText(/ · 2 foto$/).waitFor();
    page.assertClean();
    await uiLogout(page, server.base);
  });

  it("defaults the month filter to the device's month (WIB), not UTC's", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    try {
      const p = await context.newPage();
      // 1 Dec 2026, 01:00 WIB = 30 Nov 2026, 18:00 UTC.
      await p.clock.setFixedTime(new Date('2026-11-30T18:00:00Z'));
      const op = await apiLogin(server, 'operator');
      await context.addCookies([{ name: 'pilar_session', value: op.cookie.split('=')[1], url: server.base }]);
      await p.goto(url('/kegiatan'));
      await p.locator('main h1', { hasText: 'Laporan kegiatan' }).waitFor();
      assert.equal(await p.getByLabel('Bulan', { exact: true }).inputValue(), '2026-12');
    } finally {
      await context.close();
    }
  });

  it('shows the TKSK their monthly kecamatan report above the recap', async () => {
    await uiLogin(page, server.base, 'tksk');
    await nav('Rekap & insentif').click();
    const report = page.locator('main section[aria-labelledby="kec-h"]');
    await report.locator('h2', { hasText: /^Laporan bulanan Kecamatan / }).waitFor();
    const stats = (await report.locator('.stats li').allTextContents()).map((x) => x.replace(/\s+/g, ' ').trim());
    assert.ok(stats.includes('1 laporan kegiatan dari 1 PSM'), stats.join(' | '));
    assert.ok(stats.includes('1 RW tanpa PSM aktif'), stats.join(' | '));
    await page.getByRole('rowheader', { name: 'Siti Rahayu' }).waitFor();
    await screen('TKSK recap with the kecamatan report');
    page.assertClean();

    // The TKSK reads their kota's rules (what the operator set) but cannot change them.
    await nav('Aturan pilar sosial').click();
    await h1().filter({ hasText: 'Aturan pilar sosial' }).waitFor();
    await page.getByText('Hanya operator dan admin Dinas yang dapat mengubah aturan ini.').waitFor();
    await page.locator('main li.card', { hasText: 'Besar insentif per bulan' }).getByText('Rp750.000').waitFor();
    assert.equal(await page.locator('main form').count(), 0, 'no form to change a rule');
    await screen('workforce rules, read only');
    page.assertClean();
  });
});
