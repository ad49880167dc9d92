// The training-event check-in flow on a 360 px phone against a real `pilar serve`: the operator
// creates an event from the Pembinaan screen, a PSM registers and opens their card with its QR
// code, the operator opens the door screen and checks the PSM in by typing the card's code (headless
// chromium has no camera) — a second entry of the same code is told "sudah check-in di Pintu 1,
// HH:MM" — and after certificates are issued anyone, signed out, verifies one at /sertifikat/KODE.
// axe-core on every screen; no CSP violation or page error.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
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
} from './lib.mjs';

describe('event check-in flow', { concurrency: 1 }, () => {
  let data;
  let server;
  let browser;
  let op;
  let psm;
  let acaraId;
  let card;

  const url = (p) => server.base + p;

  before(async () => {
    checkPrerequisites();
    data = await setupDataDir([
      { username: 'operator', role: 'operator', wilayah: KOTA },
      { username: 'psm', role: 'psm', wilayah: RW1 },
    ]);
    server = await startServer(data.dir);
    browser = await launchBrowser();
    op = await newPhonePage(browser);
    psm = await newPhonePage(browser);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    data?.remove();
  });

  it('the operator creates an event from the Pembinaan screen', async () => {
    const { page } = op;
    await uiLogin(page, server.base, 'operator');
    await page.locator('nav.main-nav').getByRole('link', { name: 'Pembinaan', exact: true }).click();
    await page.locator('main h1', { hasText: 'Pembinaan dan bimtek' }).waitFor();
    await page.getByText('Belum ada acara.').waitFor();
    await checkA11y(page, 'event list (empty)');
    await page.getByRole('button', { name: 'Buat acara' }).first().click();
    await page.getByLabel('Judul').fill('Pembinaan PSM Kecamatan Tangerang');
    await page.getByLabel('Tanggal mulai').fill('2026-12-01');
    await page.getByLabel('Tempat').fill('Aula Kecamatan');
    await page.getByLabel('Kapasitas (orang)').fill('50');
    await checkA11y(page, 'event create form');
    await page.locator('form').getByRole('button', { name: 'Buat acara' }).click();
    await page.locator('main h1', { hasText: 'Pembinaan PSM Kecamatan Tangerang' }).waitFor();
    acaraId = Number(new URL(page.url()).pathname.split('/').pop());
    assert.ok(acaraId > 0, page.url());
    await page.getByText('Sesi 1').waitFor();
    // Its date in Indonesian, not as the API writes it.
    await page.locator('main').getByText(/1 Des 2026/).first().waitFor();
    assert.equal(await page.locator('main').getByText(/2026-12-01/).count(), 0, 'no ISO date');
    // Nobody has attended yet: certificates and the draw say so instead of offering a button that
    // would answer "0 issued" or a conflict.
    assert.ok(await page.getByRole('button', { name: 'Terbitkan sertifikat' }).isDisabled(), 'certificates wait for attendance');
    assert.ok(await page.getByRole('button', { name: 'Undi', exact: true }).isDisabled(), 'the draw waits for attendance');
    assert.equal(await page.getByText('Belum ada peserta yang hadir: sertifikat dan undian menunggu kehadiran.').count(), 2);
    await checkA11y(page, 'event detail');
    await assertNoHorizontalScroll(page, 'event detail');
    page.assertClean();
  });

  it('the PSM registers and sees their card with the QR code', async () => {
    const opApi = await apiLogin(server, 'operator');
    const a = await apiCall(server, opApi, 'GET', `/api/v1/acara/${acaraId}`);
    const open = await apiCall(server, opApi, 'PATCH', `/api/v1/acara/${acaraId}`, { status: 'dibuka', version: a.json.version });
    assert.equal(open.status, 200, JSON.stringify(open.json));
    const { page } = psm;
    await uiLogin(page, server.base, 'psm');
    await page.goto(url(`/acara/${acaraId}`));
    await page.getByRole('button', { name: 'Daftar ke acara ini' }).click();
    await page.getByText('Anda terdaftar.').waitFor();
    await checkA11y(page, 'event detail (PSM, registered)');
    await page.locator('nav.main-nav').getByRole('link', { name: 'Kartu acara saya', exact: true }).click();
    await page.locator('main h1', { hasText: 'Kartu acara saya' }).waitFor();
    await page.locator('.kartu-qr svg').waitFor();
    card = (await page.locator('.kartu-kode').textContent()).trim();
    assert.match(card, /^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    await checkA11y(page, 'my event card');
    await assertNoHorizontalScroll(page, 'my event card');
    page.assertClean();
  });

  it('the door checks the PSM in by the typed code, once', async () => {
    const { page } = op;
    await page.goto(url(`/acara/${acaraId}`));
    // The event's area and the participant's role and RW in words (they were "36.71", "(psm)" and
    // the bare RW code).
    await page.locator('main dd', { hasText: 'Kota Tangerang (36.71)' }).waitFor();
    await page.locator('main li', { hasText: `(PSM) · RW 001, Kelurahan Sukarasa (${RW1})` }).waitFor();
    await page.getByRole('link', { name: 'Layar pintu (check-in)' }).click();
    await page.locator('main h1', { hasText: 'Check-in di pintu' }).waitFor();
    await checkA11y(page, 'door screen');
    // As a door volunteer would type it: lower case, without dashes.
    await page.getByLabel('Kode kartu').fill(card.toLowerCase().replaceAll('-', ''));
    await page.getByRole('button', { name: 'Catat hadir' }).click();
    await page.locator('.notice-ok', { hasText: 'hadir di Sesi 1' }).waitFor();
    await page.getByText('1 orang tercatat hadir di perangkat ini.').waitFor();
    await checkA11y(page, 'door screen after a check-in');
    await page.getByLabel('Kode kartu').fill(card);
    await page.getByRole('button', { name: 'Catat hadir' }).click();
    await page.locator('.notice-info', { hasText: /sudah check-in di Pintu 1, \d\d:\d\d/ }).waitFor();
    await page.getByLabel('Kode kartu').fill('ABCDE-ABCDE-ABCDE-ABCDE');
    await page.getByRole('button', { name: 'Catat hadir' }).click();
    await page.locator('.notice-error', { hasText: 'Kode kartu tidak dikenal' }).waitFor();
    await checkA11y(page, 'door screen with an error');
    await assertNoHorizontalScroll(page, 'door screen');
    const opApi = await apiLogin(server, 'operator');
    const hadir = await apiCall(server, opApi, 'GET', `/api/v1/acara/${acaraId}/hadir`);
    assert.equal(hadir.json.items.length, 1, 'counted once');
    // Someone attended: the event's certificates and draw can be used now.
    await page.goto(url(`/acara/${acaraId}`));
    await page.locator('main h1', { hasText: 'Pembinaan PSM Kecamatan Tangerang' }).waitFor();
    assert.ok(await page.getByRole('button', { name: 'Terbitkan sertifikat' }).isEnabled(), 'certificates after attendance');
    assert.ok(await page.getByRole('button', { name: 'Undi', exact: true }).isEnabled(), 'the draw after attendance');
    assert.equal(await page.getByText('Belum ada peserta yang hadir').count(), 0);
    page.assertClean();
  });

  it('anyone verifies the certificate at its public address', async () => {
    const opApi = await apiLogin(server, 'operator');
    const issued = await apiCall(server, opApi, 'POST', `/api/v1/acara/${acaraId}/sertifikat`, { minimal_sesi: 1 });
    assert.equal(issued.json.diterbitkan, 1, JSON.stringify(issued.json));
    const list = await apiCall(server, opApi, 'GET', `/api/v1/acara/${acaraId}/peserta`);
    const kode = list.json.items[0].sertifikat_kode;
    const anon = await newPhonePage(browser);
    await anon.page.goto(url(`/sertifikat/${kode}`));
    await anon.page.locator('main h1', { hasText: 'Periksa keaslian sertifikat' }).waitFor();
    await anon.page.locator('.notice-ok', { hasText: 'Sertifikat ASLI dan berlaku.' }).waitFor();
    await anon.page.getByText('Pembinaan PSM Kecamatan Tangerang').waitFor();
    await checkA11y(anon.page, 'public certificate check');
    await anon.page.getByLabel('Kode verifikasi').fill('ABCDEFGHJKMN');
    await anon.page.getByRole('button', { name: 'Periksa' }).click();
    await anon.page.locator('.notice-error', { hasText: 'TIDAK BERLAKU' }).waitFor();
    await checkA11y(anon.page, 'public certificate check (unknown code)');
    anon.page.assertClean();
    await anon.context.close();
  });
});
