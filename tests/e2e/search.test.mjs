// The global search box end to end on a 360 px phone against a real `pilar serve`: a name typed
// with a typo and split differently finds the person first (masked NIK, birth date, kelurahan,
// score), the birth-year, birth-date and kecamatan filters narrow the list, the result opens the person; more than ten people
// alike (one common name, one birth year) bring a hint to add the birth date or area; a new search starts without the last filters; 16 digits find the
// NIK; a TKSK of another kecamatan finds nobody. axe-core on each state; no sideways scrolling; no CSP
// violation or page error.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  KELURAHAN,
  KOTA,
  apiCall,
  apiLogin,
  assertNoHorizontalScroll,
  checkA11y,
  checkPrerequisites,
  globalSearch,
  launchBrowser,
  newPhonePage,
  setupDataDir,
  startServer,
  uiLogin,
} from './lib.mjs';

const NIK = '3671014507900001';

describe('global search', { concurrency: 1 }, () => {
  let data;
  let server;
  let browser;
  let page;
  const id = {};
  const h1 = () => page.locator('main h1');
  const main = () => page.locator('main');

  before(async () => {
    checkPrerequisites();
    data = await setupDataDir([
      { username: 'operator', role: 'operator', wilayah: KOTA },
      { username: 'tksk-lain', role: 'tksk', wilayah: '36.71.02' },
    ]);
    server = await startServer(data.dir);
    const op = await apiLogin(server, 'operator');
    const k = await apiCall(server, op, 'POST', '/api/v1/keluarga', { no_kk: '3671010101250001', kode_wilayah: KELURAHAN, rw: '001', rt: '002', alamat: 'Jl. Melati No. 1' });
    assert.equal(k.status, 201, JSON.stringify(k.json));
    const add = async (body) => {
      const r = await apiCall(server, op, 'POST', '/api/v1/anggota', { keluarga_id: k.json.id, ...body });
      assert.equal(r.status, 201, JSON.stringify(r.json));
      return r.json.id;
    };
    id.siti = await add({ nik: NIK, nama: 'Hj. Siti Nurhayati', jenis_kelamin: 'P', tanggal_lahir: '1990-07-05', hubungan: 'kepala_keluarga' });
    id.ani = await add({ nama: 'Siti Nuraini', jenis_kelamin: 'P', tanggal_lahir: '2014-03-09', hubungan: 'anak' });
    // Eleven women of one common older name, born the same year (a real city has dozens: bench/RESULTS.md).
    for (let d = 1; d <= 11; d++) await add({ nama: 'Enah', jenis_kelamin: 'P', tanggal_lahir: `1950-03-${String(d).padStart(2, '0')}`, hubungan: 'famili_lain' });
    browser = await launchBrowser();
    ({ page } = await newPhonePage(browser));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    data?.remove();
  });

  it('finds a mistyped name first, filters by birth year and opens the person', async () => {
    await uiLogin(page, server.base, 'operator');
    await globalSearch(page, 'siti nur hayatti');
    const results = main().locator('ol.search-results a.list-link');
    await results.first().waitFor();
    const first = await results.first().textContent();
    assert.match(first, /Siti Nurhayati/, 'the closest match comes first');
    assert.match(first, /3671\*{8}0001/, 'the NIK is masked');
    assert.match(first, / · 5 Jul 1990 · /, 'the birth date in Indonesian');
    assert.match(first, /kemiripan \d+%/);
    assert.equal(await results.count(), 2, 'Siti Nuraini comes after');
    await checkA11y(page, 'search results by name');
    await assertNoHorizontalScroll(page, 'search results by name');
    // The region filter has a line of its own at 360 px (squeezed beside the birth date, its legend
    // broke over three lines and its select cut its words).
    const box = async (sel) => main().locator(sel).first().evaluate((el) => el.getBoundingClientRect().width);
    assert.ok((await box('.search-filters > fieldset')) >= (await box('.search-filters')) - 1, 'the region filter spans the filters');

    await page.getByLabel('Tahun lahir').fill('2014');
    await main().getByText('1 orang ditemukan').waitFor();
    assert.match(await results.first().textContent(), /Siti Nuraini/);
    await checkA11y(page, 'search results filtered by birth year');
    await page.getByLabel('Tahun lahir').fill('');
    await main().getByText('2 orang ditemukan').waitFor();

    // The birth date bounds the year (+-1) and ranks that day's person first.
    await page.getByLabel('Tanggal lahir (bila tahu)').fill('2014-03-09');
    await main().getByText('1 orang ditemukan').waitFor();
    assert.match(await results.first().textContent(), /Siti Nuraini/);
    await page.getByLabel('Tanggal lahir (bila tahu)').fill('');
    await main().getByText('2 orang ditemukan').waitFor();
    // The area: their kecamatan keeps both, another finds nobody.
    await page.getByLabel('Kecamatan').selectOption('36.71.01');
    await main().getByText('2 orang ditemukan').waitFor();
    await checkA11y(page, 'search results filtered by kecamatan');
    await page.getByLabel('Kecamatan').selectOption('36.71.02');
    await main().getByText('Tidak ada orang yang cocok dengan “siti nur hayatti” di wilayah Anda.').waitFor();
    await page.getByLabel('Kecamatan').selectOption('');
    await main().getByText('2 orang ditemukan').waitFor();

    await results.first().click();
    await h1().filter({ hasText: 'Siti Nurhayati' }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/anggota/${id.siti}`);

    await globalSearch(page, NIK);
    await main().locator('ol.search-results a.list-link', { hasText: 'Siti Nurhayati' }).waitFor();
    page.assertClean();
  });

  it('asks for the birth date or the area when more than ten people share the name', async () => {
    await globalSearch(page, 'enah');
    const results = main().locator('ol.search-results a.list-link');
    const hint = main().getByText('Lebih dari 10 orang sama miripnya dengan nama ini. Isi tanggal lahir atau pilih wilayah untuk menemukan orangnya.');
    await hint.waitFor();
    assert.equal(await results.count(), 11);
    await page.getByLabel('Tahun lahir').fill('1950');
    await hint.waitFor();
    await page.getByLabel('Tanggal lahir (bila tahu)').fill('1950-03-07');
    await main().getByText('7 Mar 1950').first().waitFor();
    assert.match(await results.first().textContent(), / · 7 Mar 1950 · /, 'the person born that day comes first');
    assert.equal(await hint.count(), 0, 'with the birth date the hint is gone');
    await checkA11y(page, 'search with many alike');
    await globalSearch(page, 'siti nur hayatti');
    await main().getByText('2 orang ditemukan').waitFor();
    assert.equal(await hint.count(), 0, 'two people: no hint');
    page.assertClean();
  });

  it('shows a TKSK nobody outside their kecamatan', async () => {
    const other = await newPhonePage(browser);
    page = other.page;
    await uiLogin(page, server.base, 'tksk-lain');
    await globalSearch(page, 'Siti Nurhayati');
    await main().getByText('Tidak ada orang yang cocok dengan “Siti Nurhayati” di wilayah Anda.').waitFor();
    await checkA11y(page, 'search without results');
    page.assertClean();
  });
});
