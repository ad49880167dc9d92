// The dashboard screen end to end on a 360 px phone: the kepala opens Dasbor from the menu and
// sees the numbers of the households, persons, PPKS and proposals made over the API, drills down
// to a kecamatan, and gets the map with its clusters over tiles from the configured tile server
// (a local one here: another origin, which the CSP must allow, and no other). The TKSK sees
// their kecamatan only. axe-core on every state; no CSP violation or page error.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
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
  checkA11y,
  checkPrerequisites,
  launchBrowser,
  newPhonePage,
  setupDataDir,
  startServer,
  uiLogin,
  uiLogout,
} from './lib.mjs';

const KELURAHAN_LAIN = '36.71.02.1001';

describe('dashboard screen', { concurrency: 1 }, () => {
  let data;
  let server;
  let tiles;
  let tileRequests = 0;
  let browser;
  let page;

  const url = (p) => server.base + p;
  const h1 = () => page.locator('main h1');
  const panel = (title) => page.locator('section.panel', { has: page.getByRole('heading', { name: title, exact: true }) });

  async function openDashboard() {
    await page.locator('nav.main-nav').getByRole('link', { name: 'Dasbor', exact: true }).click();
    await h1().filter({ hasText: 'Dasbor' }).waitFor();
    // Panels load when they come near the screen: scroll through them like a user.
    await panel('Peta sebaran keluarga').waitFor();
    for (const section of await page.locator('section.panel').all()) await section.scrollIntoViewIfNeeded();
    await panel('PPKS dan penduduk').locator('.stat-num').first().waitFor();
    // Clusters are drawn on a canvas; the note under the map says how many were drawn.
    await panel('Peta sebaran keluarga').locator('.leaflet-overlay-pane canvas').first().waitFor();
    await panel('Peta sebaran keluarga').locator('.peta-note').waitFor();
    assert.match(await panel('Peta sebaran keluarga').locator('.peta-note').innerText(), /[1-9][\d.]* keluarga ber-GPS dalam [1-9][\d.]* kluster/);
  }

  before(async () => {
    checkPrerequisites();
    // A tile server on another origin: every tile is the same small PNG.
    const png = fs.readFileSync(path.join(REPO, 'web/public/icons/icon-192.png'));
    tiles = http.createServer((req, res) => {
      tileRequests++;
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
      res.end(png);
    });
    await new Promise((r) => tiles.listen(0, '127.0.0.1', r));
    const tileUrl = `http://127.0.0.1:${tiles.address().port}/{z}/{x}/{y}.png`;

    data = await setupDataDir([
      { username: 'kepala', role: 'kepala', wilayah: KOTA },
      { username: 'operator', role: 'operator', wilayah: KOTA },
      { username: 'tksk', role: 'tksk', wilayah: KECAMATAN },
      { username: 'psm', role: 'psm', wilayah: RW1 },
    ]);
    server = await startServer(data.dir, { args: ['--map-tiles', tileUrl, '--map-attribution', 'Ubin uji'] });
    const admin = await apiLogin(server, 'operator');
    const wil = await apiCall(server, admin, 'GET', `/api/v1/wilayah/${KELURAHAN_LAIN}`);
    assert.equal(wil.status, 200);
    const households = [
      { no_kk: '3671010101250001', kode_wilayah: KELURAHAN, rw: '001', alamat: 'Jl. Melati 1', lat: '-6.17', lon: '106.63' },
      { no_kk: '3671010101250002', kode_wilayah: KELURAHAN, rw: '001', alamat: 'Jl. Melati 2', lat: '-6.18', lon: '106.64' },
      { no_kk: '3671010101250003', kode_wilayah: KELURAHAN_LAIN, alamat: 'Jl. Kenanga 3', lat: '-6.21', lon: '106.60' },
    ];
    const ids = [];
    for (const body of households) {
      const r = await apiCall(server, admin, 'POST', '/api/v1/keluarga', body);
      assert.equal(r.status, 201, JSON.stringify(r.json));
      ids.push(r.json.id);
      const m = await apiCall(server, admin, 'POST', '/api/v1/anggota', {
        keluarga_id: r.json.id,
        nama: 'Siti Aminah',
        jenis_kelamin: 'P',
        hubungan: 'kepala_keluarga',
        ppks: '9',
      });
      assert.equal(m.status, 201, JSON.stringify(m.json));
    }
    // PSM coverage comes from the roster (the 'psm' account alone covers nothing).
    await activePsm(server, admin, { nama: 'Siti Rahayu', username: 'psm' });
    const psm = await apiLogin(server, 'psm');
    const u = await apiCall(server, psm, 'POST', '/api/v1/usulan', { jenis: 'penghapusan', alasan: 'pindah', keluarga_id: ids[0] });
    assert.equal(u.status, 201, JSON.stringify(u.json));
    browser = await launchBrowser();
    ({ page } = await newPhonePage(browser));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((r) => (tiles ? tiles.close(r) : r()));
    data?.remove();
  });

  it('shows the kepala the city: counts per kecamatan, the pipeline, coverage, activity and the map over tiles', async () => {
    await uiLogin(page, server.base, 'kepala');
    await openDashboard();
    // The area by its name, beside its code (it used to be the bare code "36.71").
    await page.locator('.dasbor-area', { hasText: 'Wilayah: 36.71 · Kota Tangerang' }).waitFor();
    const stats = await panel('PPKS dan penduduk').locator('.stats li').allTextContents();
    assert.deepEqual(stats.map((s) => s.replace(/\s+/g, ' ').trim()), ['3 keluarga', '3 jiwa', '3 PPKS']);
    const rows = await panel('PPKS dan penduduk').locator('table').first().locator('tbody tr').count();
    assert.equal(rows, 2, 'two kecamatan have households');
    // Column headings capitalised as headings (they were the lower-case words that follow a count).
    assert.deepEqual(await panel('PPKS dan penduduk').locator('table').first().locator('thead th').allTextContents(), ['Wilayah', 'PPKS', 'Keluarga', 'Jiwa']);
    // Each number column's heading stands over its numbers (right-aligned as they are; the
    // headings were at the left of their columns, away from the figures).
    const offsets = await panel('PPKS dan penduduk').locator('table').first().evaluate((t) => {
      const textRight = (el) => {
        const r = document.createRange();
        r.selectNodeContents(el);
        return r.getBoundingClientRect().right;
      };
      const heads = [...t.tHead.rows[0].cells].slice(1);
      const first = [...t.tBodies[0].rows[0].cells].slice(1);
      return heads.map((h, i) => Math.round(Math.abs(textRight(h) - textRight(first[i]))));
    });
    assert.ok(offsets.length === 3 && offsets.every((d) => d <= 2), `headings vs numbers, px apart: ${offsets}`);
    await panel('Alur usulan').getByText('Draf').waitFor();
    await panel('Cakupan PSM').getByText('1 dari 1 RW punya PSM aktif (100%).').waitFor();
    await panel('Kegiatan petugas (30 hari)').getByRole('rowheader', { name: 'psm' }).waitFor();
    // The map: clusters drawn, tiles fetched from the tile server (allowed by the CSP).
    await page.locator('img.leaflet-tile-loaded').first().waitFor();
    assert.ok(tileRequests > 0, 'tiles were requested from the configured host');
    assert.match(await page.locator('.leaflet-control-attribution').textContent(), /Ubin uji/);
    await checkA11y(page, 'dashboard (kepala, kota)');
    await assertNoHorizontalScroll(page, 'dashboard');
    page.assertClean();
  });

  it('drills down to a kecamatan and back up', async () => {
    await panel('PPKS dan penduduk').getByRole('link', { name: 'Tangerang', exact: true }).click();
    await page.locator('.dasbor-area', { hasText: `Wilayah: ${KECAMATAN} · Kecamatan Tangerang` }).waitFor();
    await panel('PPKS dan penduduk').locator('.stat-num').first().waitFor();
    const stats = await panel('PPKS dan penduduk').locator('.stats li').allTextContents();
    assert.equal(stats[0].replace(/\s+/g, ' ').trim(), '2 keluarga');
    await checkA11y(page, 'dashboard (kecamatan)');
    await page.getByRole('link', { name: 'Naik satu tingkat' }).click();
    await page.locator('.dasbor-area', { hasText: /^Wilayah: 36\.71 · Kota Tangerang$/ }).waitFor();
    page.assertClean();
    await uiLogout(page, server.base);
  });

  it('shows the TKSK their kecamatan only', async () => {
    await uiLogin(page, server.base, 'tksk');
    await openDashboard();
    await page.locator('.dasbor-area', { hasText: `${KECAMATAN} · Kecamatan Tangerang` }).waitFor();
    const stats = await panel('PPKS dan penduduk').locator('.stats li').allTextContents();
    assert.equal(stats[0].replace(/\s+/g, ' ').trim(), '2 keluarga');
    assert.equal(await page.getByRole('link', { name: 'Naik satu tingkat' }).count(), 0, 'no way above their kecamatan');
    await page.goto(url(`/dasbor?kode=${KOTA}`));
    await page.locator('main [role="alert"]').first().waitFor();
    await checkA11y(page, 'dashboard (TKSK, outside scope)');
    page.assertClean();
  });

  it('draws its title, area and hint before the list of panels arrives, the first panel without scrolling, nothing moving', async () => {
    // A fresh page (still the TKSK's session): layout shifts counted from the first paint on.
    const { page: p, context } = await newPhonePage(browser);
    try {
      await context.addInitScript(() => {
        window.__shift = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await context.addCookies(await page.context().cookies());
      // Hold the list of panels (GET /api/v1/dasbor, not a panel's own numbers).
      let release;
      const held = new Promise((r) => (release = r));
      let asked = 0;
      await p.route(/\/api\/v1\/dasbor(\?|$)/, async (route) => {
        asked++;
        await held;
        await route.continue();
      });
      await p.goto(url('/dasbor'));
      await p.locator('main h1', { hasText: 'Dasbor' }).waitFor();
      await p.locator('.dasbor-hint').waitFor();
      assert.match(await p.locator('.dasbor-area').textContent(), new RegExp(KECAMATAN.replace(/\./g, '\\.')));
      await p.waitForFunction(() => document.querySelector('main .loading') !== null);
      assert.equal(asked, 1, 'the list of panels was asked for');
      assert.equal(await p.locator('section.panel').count(), 0, 'no panel before the list');
      release();
      // The first panel is drawn without scrolling; the panels below wait for the user.
      const wilayah = p.locator('section.panel', { has: p.getByRole('heading', { name: 'PPKS dan penduduk', exact: true }) });
      await wilayah.locator('.stat-num').first().waitFor();
      assert.equal((await wilayah.locator('.stats li').first().textContent()).replace(/\s+/g, ' ').trim(), '2 keluarga');
      assert.equal(await p.evaluate(() => window.__shift), 0, 'nothing on the first screen moved');
      // The panels still waiting below do not widen the page either.
      await assertNoHorizontalScroll(p, 'dashboard with panels waiting below');
      // Its long table below the screen is laid out when scrolled to, rows and all.
      const perPpks = wilayah.locator('table').last();
      await perPpks.scrollIntoViewIfNeeded();
      await perPpks.getByRole('rowheader', { name: /Penyandang Disabilitas/ }).waitFor({ state: 'visible' });
      await checkA11y(p, 'dashboard (first panel drawn)');
      p.assertClean();
    } finally {
      await context.close();
    }
  });
});
