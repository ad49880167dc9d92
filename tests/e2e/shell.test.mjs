// The web app shell end to end, on a 360 x 740 phone viewport against a real `pilar serve`:
// an admin signs in, sees role and scope, browses the wilayah tree down to RT, creates an RW and
// an RT, meets a rename conflict, creates a PSM, browses, filters and verifies the audit trail;
// the PSM must change the initial password and then sees only PSM navigation. axe-core runs on
// every screen (0 violations) and no screen may log a CSP violation or an uncaught error. Steps
// run in order and share one server and browser.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  KELURAHAN,
  KOTA,
  PASSWORD,
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
} from './lib.mjs';

const PSM_USER = 'siti.psm';
const PSM_INITIAL = 'awal sandi siti 12';
const PSM_NEW = 'teh manis sore hari 9';
const RW2 = `${KELURAHAN}.002`;

describe('web app shell', { concurrency: 1 }, () => {
  let data;
  let server;
  let browser;
  let context;
  let page;

  const url = (p) => server.base + p;
  const h1 = () => page.locator('main h1');
  const header = () => page.locator('header.app-header');
  const navLinks = () => page.locator('nav.main-nav a').allTextContents();

  async function clickNav(name) {
    await page.locator('nav.main-nav').getByRole('link', { name, exact: true }).click();
  }

  async function openWilayah(kode) {
    await page.locator(`main a.list-link[href="/wilayah?kode=${kode}"]`).click();
    await page.locator(`main .subtitle .code`, { hasText: kode }).waitFor();
  }

  async function login(username, password) {
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  }

  before(async () => {
    checkPrerequisites();
    data = await setupDataDir([
      { username: 'admin', role: 'admin', wilayah: KOTA },
      { username: 'kepala', role: 'kepala', wilayah: KOTA },
    ]);
    server = await startServer(data.dir);
    browser = await launchBrowser();
    ({ context, page } = await newPhonePage(browser));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    data?.remove();
  });

  it('shows the login screen in Indonesian with the region-data credit', async () => {
    await page.goto(url('/'));
    await assert.doesNotReject(h1().filter({ hasText: 'Masuk ke Pilar' }).waitFor());
    assert.equal(await page.getAttribute('html', 'lang'), 'id');
    const footer = (await page.locator('footer').textContent()).replace(/\s+/g, ' ');
    assert.match(footer, /Data wilayah: Kemendagri via idn-area-data, lisensi ODbL 1\.0/);
    assert.equal(await page.locator('footer a', { hasText: 'ODbL 1.0' }).getAttribute('href'), 'https://opendatacommons.org/licenses/odbl/1-0/');
    assert.equal(await page.locator('link[rel="manifest"]').getAttribute('href'), '/manifest.webmanifest');
    await checkA11y(page, 'login');
    await assertNoHorizontalScroll(page, 'login');
  });

  it('refuses a wrong password with the server message', async () => {
    await login('admin', 'bukan sandinya 123');
    const alert = page.locator('main [role="alert"]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /Nama pengguna atau kata sandi salah/);
    // The error took focus (screen readers read it); typing again must not be interrupted.
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'alert');
    await page.getByLabel('Nama pengguna').click();
    await page.keyboard.type('adm', { delay: 20 });
    assert.equal(await page.evaluate(() => document.activeElement?.id), await page.getByLabel('Nama pengguna').getAttribute('id'));
    await checkA11y(page, 'login with error');
  });

  it('signs the admin in and shows role and scope in the header', async () => {
    await login('admin', PASSWORD);
    await h1().filter({ hasText: 'Selamat datang' }).waitFor();
    await header().locator('.whoami-scope', { hasText: 'Kota Tangerang' }).waitFor();
    assert.equal(await header().locator('.role-badge').textContent(), 'Admin');
    assert.deepEqual(await navLinks(), ['Beranda', 'Wilayah', 'Pilar sosial', 'Cakupan PSM', 'Aturan pilar sosial', 'Pembinaan', 'Pengguna', 'Jejak audit', 'Profil']);
    // Home panels: scope and (admin) users, loaded lazily.
    await page.locator('.panel', { hasText: 'Wilayah tugas Anda' }).getByText('Kota Tangerang').waitFor();
    await page.locator('.panel', { hasText: 'Pengguna' }).locator('.stat-num').first().waitFor();
    await checkA11y(page, 'home (admin)');
    await assertNoHorizontalScroll(page, 'home (admin)');
  });

  it('browses wilayah from the kota down to an RT, creating an RW and an RT', async () => {
    await clickNav('Wilayah');
    await h1().filter({ hasText: 'Kota Tangerang' }).waitFor();
    await page.locator('main h2', { hasText: 'Daftar Kecamatan' }).waitFor();
    assert.equal(await page.locator('main ul.list > li').count(), 13);
    await checkA11y(page, 'wilayah: kota');

    await openWilayah('36.71.01');
    assert.match(await h1().textContent(), /^Kecamatan /);
    await openWilayah(KELURAHAN);
    assert.match(await h1().textContent(), /^Kelurahan /);
    await page.locator(`main a.list-link[href="/wilayah?kode=${RW1}"]`).waitFor();
    await checkA11y(page, 'wilayah: kelurahan');

    // New RW: the number defaults to the next free one (002).
    await page.getByRole('button', { name: 'Tambah RW' }).click();
    await checkA11y(page, 'wilayah: add RW form');
    await page.getByRole('button', { name: 'Simpan RW' }).click();
    await page.locator('main [role="status"]', { hasText: 'RW 002 sudah dibuat' }).waitFor();
    await page.locator(`main a.list-link[href="/wilayah?kode=${RW2}"]`).waitFor();

    await openWilayah(RW1);
    assert.equal(await h1().textContent(), 'RW 001');
    await page.locator('main', { hasText: 'Belum ada RT di sini' }).waitFor();
    await page.getByRole('button', { name: 'Tambah RT' }).click();
    await page.getByLabel('Nomor RT').fill('1');
    await page.getByRole('button', { name: 'Simpan RT' }).click();
    await page.locator('main [role="status"]', { hasText: 'RT 001 sudah dibuat' }).waitFor();
    await checkA11y(page, 'wilayah: RW');

    await openWilayah(`${RW1}.001`);
    assert.equal(await h1().textContent(), 'RT 001');
    await page.getByText('RT adalah tingkat wilayah terendah').waitFor();
    const crumbs = await page.locator('nav.breadcrumb li').allTextContents();
    assert.equal(crumbs.length, 5);
    assert.equal(crumbs[0], 'Kota Tangerang');
    assert.equal(crumbs[4], 'RT 001');
    await checkA11y(page, 'wilayah: RT');
    await assertNoHorizontalScroll(page, 'wilayah: RT');
  });

  it('shows the current record when someone else renamed the RT meanwhile (409)', async () => {
    await page.getByRole('button', { name: 'Ganti nama' }).click();
    await page.getByLabel('Nama baru').fill('Melati');
    // Another admin session renames it first.
    const other = await apiLogin(server, 'admin');
    const r = await apiCall(server, other, 'PATCH', `/api/v1/wilayah/${RW1}.001`, { nama: 'Mawar', version: 1 });
    assert.equal(r.status, 200);

    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    const alert = page.locator('main [role="alert"]', { hasText: 'diubah orang lain' });
    await alert.waitFor();
    assert.match(await alert.textContent(), /“Mawar” \(versi 2\)/);
    assert.equal(await h1().textContent(), 'RT 001 (Mawar)');
    assert.equal(await page.getByLabel('Nama baru').inputValue(), 'Melati', 'the typed name is kept');
    await checkA11y(page, 'wilayah: rename conflict');

    // Saving again applies on top of the version now shown.
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page.locator('main [role="status"]', { hasText: 'Nama diganti: RT 001 (Melati)' }).waitFor();
    assert.equal(await h1().textContent(), 'RT 001 (Melati)');
  });

  it('retires and reactivates the RT', async () => {
    await page.getByRole('button', { name: 'Nonaktifkan' }).click();
    await page.getByRole('button', { name: 'Ya, nonaktifkan' }).click();
    await page.getByText('Isi alasan penonaktifan.').waitFor();
    await page.getByLabel('Alasan').fill('Digabung dengan RT 002');
    await page.getByRole('button', { name: 'Ya, nonaktifkan' }).click();
    await page.locator('main [role="status"]', { hasText: '1 wilayah dinonaktifkan' }).waitFor();
    await page.locator('main .subtitle .badge', { hasText: 'nonaktif' }).waitFor();
    await checkA11y(page, 'wilayah: retired RT');
    await page.getByRole('button', { name: 'Aktifkan kembali' }).click();
    await page.locator('main [role="status"]', { hasText: 'aktif kembali' }).waitFor();
  });

  it('finds wilayah from the global search box and tells the admin people are not searched', async () => {
    await page.getByRole('searchbox', { name: 'Cari NIK, KK, nama atau wilayah' }).fill('Cipondoh');
    await page.getByRole('search').getByRole('button', { name: 'Cari' }).click();
    await h1().filter({ hasText: 'Hasil pencarian “Cipondoh”' }).waitFor();
    await page.locator('main a.list-link', { hasText: 'Kecamatan Cipondoh' }).waitFor();
    await page.getByText('Pencarian orang dan keluarga tidak tersedia untuk peran Admin').waitFor();
    await checkA11y(page, 'search results');

    await page.getByRole('searchbox').fill('3671010101010001');
    await page.getByRole('search').getByRole('button', { name: 'Cari' }).click();
    await page.getByText('Pencarian orang dan keluarga tidak tersedia untuk peran Admin').waitFor();
    await page.getByText('Tidak ada wilayah yang cocok').waitFor();
    await checkA11y(page, 'search: no results');
  });

  it('creates a PSM user for the new RW', async () => {
    await clickNav('Pengguna');
    await h1().filter({ hasText: 'Pengguna' }).waitFor();
    await page.locator('ul.cards > li').first().waitFor();
    await checkA11y(page, 'users');

    await page.getByRole('button', { name: 'Tambah pengguna' }).click();
    const form = page.locator('.create-user form');
    // An empty or bad username says what is wrong, not the rule printed above the field again.
    await form.getByRole('button', { name: 'Buat akun' }).click();
    await form.getByText('Isi nama pengguna.').waitFor();
    await form.getByLabel('Nama pengguna').fill('ab');
    await form.getByRole('button', { name: 'Buat akun' }).click();
    await form.getByText('Nama pengguna ini tidak sesuai aturan di atas.').waitFor();
    assert.equal(await form.getByText('3–64 karakter: huruf kecil').count(), 1, 'the rule is shown once');
    await form.getByLabel('Nama pengguna').fill(PSM_USER);
    await form.getByLabel('Nama lengkap').fill('Siti Aminah');
    assert.equal(await form.getByLabel('Peran').inputValue(), 'psm');
    // Submitting without a scope says what is missing.
    await form.getByLabel('Kata sandi awal').fill(PSM_INITIAL);
    await form.getByRole('button', { name: 'Buat akun' }).click();
    await form.getByText('Pilih minimal satu RW.').waitFor();

    await form.getByLabel('Cari RW (nama atau kode)').fill(RW2);
    await form.getByRole('button', { name: 'Cari', exact: true }).click();
    await form.locator('.picker-option', { hasText: RW2 }).click();
    await form.locator('.chip', { hasText: RW2 }).waitFor();
    await checkA11y(page, 'users: create form');

    await form.getByRole('button', { name: 'Buat akun' }).click();
    await page.locator('main [role="status"]', { hasText: `Akun ${PSM_USER} dibuat` }).waitFor();
    const card = page.locator('ul.cards > li', { hasText: PSM_USER });
    await card.getByText('Wajib ganti sandi').waitFor();
    // The scope by name with its code (it was the bare code), and the kota of the others.
    await card.locator('.card-meta', { hasText: `RW 002, Kelurahan Sukarasa (${RW2})` }).waitFor();
    await page.locator('ul.cards > li', { hasText: 'kepala' }).locator('.card-meta', { hasText: 'Kota Tangerang (36.71)' }).waitFor();
    // The filter finds users by the name of their region too.
    await page.getByLabel('Saring daftar').fill('sukarasa');
    assert.deepEqual(await page.locator('ul.cards > li h3').allTextContents(), [`${PSM_USER} · Siti Aminah`]);
    await page.getByLabel('Saring daftar').fill('');
    await checkA11y(page, 'users: after create');
    await assertNoHorizontalScroll(page, 'users');
  });

  it('disables, enables and resets the password of a user', async () => {
    const card = page.locator('ul.cards > li', { hasText: 'kepala' });
    await card.getByRole('button', { name: 'Nonaktifkan' }).click();
    await card.getByRole('button', { name: 'Ya, nonaktifkan' }).click();
    await card.locator('[role="status"]', { hasText: 'Akun kepala dinonaktifkan' }).waitFor();
    await card.locator('.badge', { hasText: 'Nonaktif' }).waitFor();
    await checkA11y(page, 'users: disabled user');
    await card.getByRole('button', { name: 'Aktifkan' }).click();
    await card.locator('[role="status"]', { hasText: 'Akun kepala aktif kembali' }).waitFor();

    await card.getByRole('button', { name: 'Atur ulang sandi' }).click();
    await card.getByRole('button', { name: 'Buat sandi acak' }).click();
    const pw = await card.getByLabel('Kata sandi baru untuk kepala').inputValue();
    assert.match(pw, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await card.getByRole('button', { name: 'Atur ulang', exact: true }).click();
    await card.locator('[role="status"]', { hasText: 'Kata sandi kepala diatur ulang' }).waitFor();
    await card.locator('.badge', { hasText: 'Wajib ganti sandi' }).waitFor();
    await checkA11y(page, 'users: after reset');
  });

  it('switches to English and back', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await h1().filter({ hasText: 'Users' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.deepEqual(await navLinks(), ['Home', 'Wilayah', 'Pilar sosial', 'PSM coverage', 'Workforce rules', 'Training', 'Users', 'Audit trail', 'Profile']);
    assert.match(await page.locator('footer').textContent(), /Region data: Kemendagri via idn-area-data/);
    await checkA11y(page, 'users (English)');
    // Server errors come in the UI's language (Accept-Language).
    await page.getByRole('button', { name: 'Add user' }).click();
    const form = page.locator('.create-user form');
    await form.getByLabel('Username').fill('admin');
    await form.getByLabel('Role').selectOption({ label: 'Office operator' });
    await form.locator('.chip', { hasText: KOTA }).waitFor(); // kota roles default to the admin's kota
    await form.getByRole('button', { name: 'Create account' }).click();
    const alert = form.locator('[role="alert"]');
    await alert.waitFor();
    const text = await alert.textContent();
    assert.match(text, /admin/);
    assert.doesNotMatch(text, /sudah ada/, `expected an English message, got: ${text}`);
    await checkA11y(page, 'users: server error (English)');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.getByRole('button', { name: 'Indonesia' }).click();
    await h1().filter({ hasText: 'Pengguna' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'id');
  });

  it('browses, filters, expands and verifies the audit trail', async () => {
    await clickNav('Jejak audit');
    await h1().filter({ hasText: 'Jejak audit' }).waitFor();
    const cards = page.locator('ul.audit-list > li');
    await cards.first().waitFor();
    // The setup (wilayah load, users) and the steps above left entries, newest first.
    assert.ok((await cards.count()) >= 5, 'expected several audit entries');
    // What the console did (the setup's wilayah load) is the system's, in the reader's language
    // (it said "(system)" in the Indonesian app).
    await cards.filter({ hasText: 'wilayah.load' }).locator('.card-meta', { hasText: /^.* · cli:\S+ \(sistem\)$/ }).waitFor();
    await checkA11y(page, 'audit');
    await assertNoHorizontalScroll(page, 'audit');

    await page.getByLabel('Aksi').fill('user.create');
    await page.getByRole('button', { name: 'Terapkan saringan' }).click();
    await page.waitForFunction(() => {
      const titles = [...document.querySelectorAll('ul.audit-list > li .card-title .code')].map((e) => e.textContent);
      return titles.length > 0 && titles.every((x) => x === 'user.create');
    });
    // The action in words, with its key beside it (the card showed the key alone).
    assert.match(await cards.first().locator('.card-title').textContent(), /^Akun dibuat user\.create · #\d+$/);
    const card = cards.filter({ hasText: PSM_USER });
    await card.waitFor();
    const href = await page.getByRole('link', { name: 'Unduh CSV (sesuai saringan)' }).getAttribute('href');
    assert.equal(href, '/api/v1/audit/export?action=user.create');

    // The new account in words on the card; the raw JSON behind a toggle in the entry's details.
    await card.getByRole('list', { name: 'Yang berubah' }).locator('li', { hasText: `Nama pengguna: ${PSM_USER}` }).waitFor();
    await card.getByRole('list', { name: 'Yang berubah' }).locator('li', { hasText: 'Peran: PSM' }).waitFor();
    await card.getByRole('button', { name: /^Rincian entri #\d+$/ }).click();
    await card.getByRole('button', { name: /^Tampilkan JSON mentah #\d+$/ }).click();
    const after = card.locator('pre.audit-json').nth(1);
    await after.waitFor();
    const json = await after.textContent();
    assert.match(json, new RegExp(PSM_USER.replace('.', '\\.')));
    assert.match(json, /^\{\n  "/, 'pretty-printed JSON');
    await checkA11y(page, 'audit: filtered, entry expanded');
    await assertNoHorizontalScroll(page, 'audit: entry expanded');

    await page.getByRole('button', { name: 'Periksa rantai audit' }).click();
    await page.locator('main [role="status"]', { hasText: 'Rantai audit utuh' }).waitFor();
    assert.equal(await page.locator('main [role="alert"]').count(), 0);
    await checkA11y(page, 'audit: verified');
  });

  it("filters the audit trail by the admin's own calendar days (WIB), not UTC's", async () => {
    const wib = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    try {
      await wib.addCookies(await context.cookies());
      const p = await wib.newPage();
      await p.goto(url('/audit'));
      await p.locator('main h1', { hasText: 'Jejak audit' }).waitFor();
      // Today in Jakarta, and the UTC times it spans (WIB is UTC+7, no daylight saving).
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
      const start = new Date(Date.parse(`${today}T00:00:00Z`) - 7 * 3600_000);
      const end = new Date(start.getTime() + 24 * 3600_000);
      await p.getByLabel('Dari tanggal').fill(today);
      await p.getByLabel('Sampai tanggal (termasuk)').fill(today);
      await p.getByRole('button', { name: 'Terapkan saringan' }).click();
      // The range asked for is the Jakarta day (it was the UTC day: 07:00 to 07:00 WIB), so what
      // the admin did minutes ago is listed at any hour.
      const link = p.getByRole('link', { name: 'Unduh CSV (sesuai saringan)' });
      await p.waitForFunction(() => /from=/.test(document.querySelector('main a[href*="/audit/export"]')?.getAttribute('href') ?? ''));
      const q = new URL(await link.getAttribute('href'), server.base).searchParams;
      assert.equal(q.get('from'), start.toISOString());
      assert.equal(q.get('to'), end.toISOString());
      await p.locator('ul.audit-list > li').first().waitFor();
      await checkA11y(p, 'audit: filtered by date (WIB)');
    } finally {
      await wib.close();
    }
  });

  it('keeps the current menu entry in view on a phone', async () => {
    // The admin's menu is wider than 360 px; opened directly, the last entry (Profil) must be
    // scrolled into the menu's visible part, not left beyond its right edge.
    await page.goto(url('/profil'));
    await h1().filter({ hasText: 'Profil' }).waitFor();
    const nav = await page.locator('nav.main-nav').boundingBox();
    const current = await page.locator('nav.main-nav a[aria-current="page"]').boundingBox();
    assert.ok(current.x >= nav.x && current.x + current.width <= nav.x + nav.width + 0.5, `current entry at ${current.x}..${current.x + current.width}, menu ${nav.x}..${nav.x + nav.width}`);
    assert.ok(await page.locator('nav.main-nav').evaluate((n) => n.scrollWidth > n.clientWidth), 'the menu is wider than the phone');
  });

  it('shows the profile with a password form', async () => {
    await clickNav('Profil');
    await h1().filter({ hasText: 'Profil' }).waitFor();
    await page.locator('dl.details', { hasText: 'Kota Tangerang' }).waitFor();
    await checkA11y(page, 'profile (admin)');
  });

  it('logs the admin out', async () => {
    await page.getByRole('button', { name: 'Keluar' }).click();
    await h1().filter({ hasText: 'Masuk ke Pilar' }).waitFor();
    await page.getByText('Anda sudah keluar.').waitFor();
    assert.equal(new URL(page.url()).pathname, '/masuk');
    // The session is gone on the server too.
    const me = await page.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.status));
    assert.equal(me, 401);
  });

  it('makes the new PSM change the initial password first', async () => {
    await login(PSM_USER, PSM_INITIAL);
    await h1().filter({ hasText: 'Ganti kata sandi' }).waitFor();
    assert.equal(await page.locator('nav.main-nav').count(), 0, 'no navigation before the password is changed');
    await header().locator('.role-badge', { hasText: 'PSM' }).waitFor();
    await checkA11y(page, 'forced password change');

    await page.getByLabel('Kata sandi sekarang').fill(PSM_INITIAL);
    await page.getByLabel('Kata sandi baru', { exact: true }).fill('pendek');
    await page.getByLabel('Ulangi kata sandi baru').fill('pendek');
    await page.getByRole('button', { name: 'Ganti kata sandi' }).click();
    await page.getByText('Kata sandi minimal 10 karakter.').waitFor();
    await checkA11y(page, 'forced password change with errors');

    await page.getByLabel('Kata sandi baru', { exact: true }).fill(PSM_NEW);
    await page.getByLabel('Ulangi kata sandi baru').fill(PSM_NEW);
    await page.getByRole('button', { name: 'Ganti kata sandi' }).click();
    await h1().filter({ hasText: 'Selamat datang, Siti Aminah' }).waitFor();
  });

  it('shows the PSM only PSM navigation and their RW', async () => {
    assert.deepEqual(await navLinks(), ['Beranda', 'Wilayah', 'Keluarga', 'Daftarkan keluarga', 'Usulan', 'Laporan kegiatan', 'Periksa lapangan', 'Rekap & insentif', 'Peringkat PSM', 'Aturan pilar sosial', 'Pembinaan', 'Kartu acara saya', 'Profil']);
    await header().locator('.whoami-scope', { hasText: 'RW 002' }).waitFor();
    // No roster record for this account yet: the month panel says so and what to do, and the
    // API answers "no record" with 200, so the console shows no failed request (Lighthouse).
    const failed = [];
    const onResponse = (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`);
    page.on('response', onResponse);
    await page.reload();
    await page.locator('main .panel-psm-bulan', { hasText: 'Akun Anda belum terhubung ke data pilar sosial' }).waitFor();
    page.off('response', onResponse);
    assert.deepEqual(failed, []);
    await page.locator('main .panel-psm-bulan').getByRole('link', { name: 'Laporan kegiatan baru' }).waitFor();
    await checkA11y(page, 'home (psm)');

    await clickNav('Wilayah');
    await h1().filter({ hasText: 'RW 002' }).waitFor();
    await page.getByText('minta admin Dinas Sosial menambahkannya').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Tambah RT' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Ganti nama' }).count(), 0);
    await checkA11y(page, 'wilayah (psm)');

    // An admin screen by URL: the shell says it is not for this role.
    await page.goto(url('/pengguna'));
    await h1().filter({ hasText: 'Halaman tidak tersedia' }).waitFor();
    await page.getByText('tidak tersedia untuk peran PSM').waitFor();
    await checkA11y(page, 'forbidden (psm)');

    await page.goto(url('/tidak-ada'));
    await h1().filter({ hasText: 'Halaman tidak ditemukan' }).waitFor();
    await checkA11y(page, 'not found');

    await clickNav('Profil');
    await page.locator('dl.details', { hasText: 'RW 002' }).waitFor();
    await checkA11y(page, 'profile (psm)');
  });

  it('shows an offline banner while the device has no network', async () => {
    await context.setOffline(true);
    const banner = header().locator('[role="status"]', { hasText: 'Anda sedang offline' });
    await banner.waitFor();
    await checkA11y(page, 'offline banner');
    await context.setOffline(false);
    await banner.waitFor({ state: 'detached' });
  });

  it('registers the service worker only after the first screen has its data', async () => {
    // A fresh device (no worker yet) opening the home signed in: installing the worker fetches
    // and stores the whole app, so it must wait until the home's panels are drawn.
    const { cookie } = await apiLogin(server, 'admin');
    const fresh = await newPhonePage(browser);
    try {
      await fresh.context.addCookies([{ name: 'pilar_session', value: cookie.split('=')[1], url: server.base }]);
      await fresh.page.goto(url('/'));
      const seen = await fresh.page.evaluate(async () => {
        const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
        while (!document.querySelector('main .panels')) {
          if (await navigator.serviceWorker.getRegistration()) return 'registered before the panels';
          await sleep(10);
        }
        if (await navigator.serviceWorker.getRegistration()) return 'registered when the panels were drawn';
        await navigator.serviceWorker.ready;
        return 'registered after the panels';
      });
      assert.equal(seen, 'registered after the panels');
      fresh.page.assertClean();
    } finally {
      await fresh.context.close();
    }
  });

  it('installs a service worker that opens the app shell offline', async () => {
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, url('/'));
    // Make sure this page is controlled, then cut the network and reload.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    await page.reload();
    // A field worker's app opens without signal (the device remembers the account: offline
    // screens must work), on the page it was on, with the offline banner and the sync status.
    await h1().filter({ hasText: 'Profil' }).waitFor();
    await header().locator('[role="status"]', { hasText: 'Anda sedang offline' }).waitFor();
    await header().locator('.sync-status', { hasText: 'Semua perubahan sudah terkirim' }).waitFor();
    await checkA11y(page, 'offline start');
    await context.setOffline(false);
    // Back online, the session is still there.
    await page.reload();
    await h1().filter({ hasText: 'Profil' }).waitFor();
    await header().locator('.whoami-scope', { hasText: 'RW 002' }).waitFor();
    await page.getByRole('button', { name: 'Keluar' }).click();
    await h1().filter({ hasText: 'Masuk ke Pilar' }).waitFor();
  });

  it('tells a throttled user to wait (429)', async () => {
    // Last: the throttle also counts this client address.
    let status = 0;
    for (let i = 0; i < 10 && status !== 429; i++) {
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
      await login('kepala', `salah sandi nomor ${i}`);
      status = (await answered).status();
    }
    assert.equal(status, 429);
    const alert = page.locator('main [role="alert"]', { hasText: 'Tunggu 60 detik' });
    await alert.waitFor();
    assert.match(await alert.textContent(), /dikunci/);
    await checkA11y(page, 'login throttled');
    page.assertClean();
  });
});
