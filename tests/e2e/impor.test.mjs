// Registry import by upload on a 360 px phone against a real `pilar serve`: the operator opens
// "Impor data" from the navigation, uploads a keluarga.csv with one bad row (all-or-nothing): the
// error table names the row and column and the page says nothing was saved, and the server indeed
// has no household (and the report is there again after a visit to another screen); then a correct
// file: the summary counts the new households and the registry has them. The progress bar is a
// labelled progressbar. axe-core on every state; no CSP violation or page error.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  KELURAHAN,
  KOTA,
  PASSWORD,
  apiCall,
  apiLogin,
  assertNoHorizontalScroll,
  assertWordsWhole,
  checkA11y,
  checkPrerequisites,
  launchBrowser,
  newPhonePage,
  setupDataDir,
  startServer,
} from './lib.mjs';

const HEADER = 'no_kk,kode_wilayah,rw,rt,alamat';
const GOOD = [
  `3671010101260001,${KELURAHAN},001,001,Jl. Anggrek No. 1`,
  `3671010101260002,${KELURAHAN},001,002,Jl. Anggrek No. 2`,
  `3671010101260003,${KELURAHAN},001,003,"Jl. Anggrek No. 3, Gang Buntu"`,
];
const BAD_ROW = `36710101,${KELURAHAN},001,004,Jl. Anggrek No. 4`; // No. KK too short: row 3

const csv = (rows) => Buffer.from([HEADER, ...rows].join('\n') + '\n', 'utf8');

describe('import screen', { concurrency: 1 }, () => {
  let data;
  let server;
  let browser;
  let page;
  let messageId;

  const url = (p) => server.base + p;
  const main = () => page.locator('main');

  async function countKeluarga() {
    const op = await apiLogin(server, 'operator');
    const r = await apiCall(server, op, 'GET', `/api/v1/keluarga?kode_wilayah=${KELURAHAN}&limit=50`);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json.items.length;
  }

  async function upload(name, buffer) {
    await page.getByLabel('Berkas (CSV atau XLSX)').setInputFiles({ name, mimeType: 'text/csv', buffer });
    await page.getByRole('button', { name: 'Unggah dan impor' }).click();
  }

  before(async () => {
    checkPrerequisites();
    data = await setupDataDir([{ username: 'operator', role: 'operator', wilayah: KOTA }]);
    server = await startServer(data.dir);
    browser = await launchBrowser();
    ({ page } = await newPhonePage(browser));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    data?.remove();
  });

  it('opens from the operator’s navigation and explains the order and the checkbox', async () => {
    await page.goto(url('/'));
    await page.getByLabel('Nama pengguna').fill('operator');
    await page.getByLabel('Kata sandi', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.locator('main h1', { hasText: 'Selamat datang' }).waitFor();
    await page.locator('nav.main-nav').getByRole('link', { name: 'Impor data', exact: true }).click();
    await page.locator('main h1', { hasText: 'Impor data registri' }).waitFor();
    await main().getByText('Impor keluarga lebih dulu, baru anggota').waitFor();
    assert.ok(await page.getByRole('radio', { name: 'Keluarga (keluarga.csv)' }).isChecked());
    // Opened first, its choices are styled too: no list bullets in front of the radio buttons.
    const bullets = await main().locator('ul.checks').first().evaluate((ul) => getComputedStyle(ul).listStyleType);
    assert.equal(bullets, 'none', 'the choices show list bullets');
    await main().getByText('semua atau tidak sama sekali').waitFor();
    await checkA11y(page, 'import form');
    await assertNoHorizontalScroll(page, 'import form');
  });

  it('reports the bad row and saves nothing (all-or-nothing)', async () => {
    await upload('keluarga-salah.csv', csv([GOOD[0], BAD_ROW, GOOD[1]]));
    const alert = main().locator('[role="alert"]', { hasText: 'Tidak ada yang disimpan' });
    await alert.waitFor();
    const bar = page.getByRole('progressbar', { name: 'Impor keluarga-salah.csv' });
    assert.equal(await bar.getAttribute('aria-valuenow'), '100');
    const table = main().locator('table', { hasText: 'Baris yang ditolak' });
    const rows = table.locator('tbody tr');
    assert.equal(await rows.count(), 1);
    const row = rows.first();
    assert.equal((await row.locator('th').textContent()).trim(), '3');
    const cells = await row.locator('td').allTextContents();
    assert.equal(cells[0], 'no_kk');
    assert.ok(cells[2].length > 0, 'the message is shown');
    messageId = cells[2];
    // On the phone the row is a card with its words whole (four squeezed columns broke "Baris"
    // and "kode_wilayah" letter by letter), each value named.
    await assertWordsWhole(table, 'import: rejected rows');
    assert.deepEqual(
      await row.locator('[data-label]').evaluateAll((els) => els.map((el) => getComputedStyle(el, '::before').content)),
      ['"Baris "', '"Kolom: "', '"Nilai: "'],
    );
    assert.equal(await countKeluarga(), 0, 'nothing was written');
    // Left for another screen and back: the upload's report is there again (it was gone, with no
    // word on whether the file had been saved).
    await page.locator('nav.main-nav').getByRole('link', { name: 'Keluarga', exact: true }).click();
    await page.locator('main h1', { hasText: 'Keluarga' }).waitFor();
    await page.locator('nav.main-nav').getByRole('link', { name: 'Impor data', exact: true }).click();
    await main().locator('[role="alert"]', { hasText: 'Tidak ada yang disimpan' }).waitFor();
    await main().locator('table', { hasText: 'Baris yang ditolak' }).locator('tbody tr th', { hasText: '3' }).waitFor();
    await checkA11y(page, 'import: rejected row, nothing saved');
    await assertNoHorizontalScroll(page, 'import: rejected row, nothing saved');
  });

  it('imports a correct file and counts the new households', async () => {
    await upload('keluarga.csv', csv(GOOD));
    const ok = main().locator('[role="status"]', { hasText: 'Impor selesai, data disimpan.' });
    await ok.waitFor();
    const baru = main().locator('.impor-summary div', { has: page.locator('dt', { hasText: /^Baru$/ }) }).locator('dd');
    assert.equal((await baru.textContent()).trim(), String(GOOD.length));
    assert.equal(await main().locator('table').count(), 0, 'no error table');
    assert.equal(await countKeluarga(), GOOD.length);
    // Seconds with a decimal comma, as everything else in Indonesian.
    await main().getByText(/^Selesai dalam \d+,\d detik\.$/).waitFor();
    await checkA11y(page, 'import: done');
    await assertNoHorizontalScroll(page, 'import: done');

    // The same file again: nothing new, all unchanged.
    await upload('keluarga.csv', csv(GOOD));
    const sama = main().locator('.impor-summary div', { has: page.locator('dt', { hasText: /^Tidak berubah$/ }) }).locator('dd');
    await sama.filter({ hasText: String(GOOD.length) }).waitFor();
  });

  it('says why a file is refused (unknown column) and shows messages in English', async () => {
    await page.getByRole('checkbox', { name: 'Lewati baris yang salah' }).check();
    await main().getByText('baris yang benar disimpan, baris yang salah dilewati').waitFor();
    await page.getByLabel('Berkas (CSV atau XLSX)').setInputFiles({
      name: 'salah-kolom.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${HEADER},warna\n${GOOD[0]},merah\n`, 'utf8'),
    });
    await page.getByRole('button', { name: 'Unggah dan impor' }).click();
    await main().locator('[role="alert"]', { hasText: 'Impor gagal.' }).waitFor();
    await checkA11y(page, 'import: refused file');

    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('main h1', { hasText: 'Import registry data' }).waitFor();
    await page.getByLabel('File (CSV or XLSX)').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: csv([BAD_ROW]) });
    await page.getByRole('button', { name: 'Upload and import' }).click();
    const table = main().locator('table', { hasText: 'Rejected rows' });
    await table.waitFor();
    // One rejected row, in the singular (it said "1 rejected row(s)"), and one error.
    await main().getByText('The correct rows were saved; 1 rejected row was not saved.').waitFor();
    await table.locator('caption', { hasText: /^Rejected rows \(1 error\)$/ }).waitFor();
    const msg = (await table.locator('tbody tr td').nth(2).textContent()).trim();
    assert.ok(msg.length > 0 && msg !== messageId, `expected the English message, got: ${msg}`);
    await checkA11y(page, 'import: English report');
    await page.getByRole('button', { name: 'Indonesia', exact: true }).click();
    page.assertClean();
  });

  it('shows the operator every menu entry on a laptop screen, none beyond the right edge', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.locator('main h1', { hasText: 'Impor data registri' }).waitFor();
    const links = page.locator('nav.main-nav a');
    assert.ok((await links.count()) >= 12, 'the operator has a long menu');
    const width = await page.evaluate(() => document.documentElement.clientWidth);
    for (const a of await links.all()) {
      const box = await a.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= width, `"${await a.textContent()}" is outside the screen (${box.x}+${box.width} > ${width})`);
    }
    await checkA11y(page, 'import on a laptop');
    await page.setViewportSize({ width: 360, height: 740 });
    page.assertClean();
  });
});
