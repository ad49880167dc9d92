// What a user tripped on walking the registry screens on a 360 px phone, fixed: typed input lost
// when the screen was left or the page reloaded (a PSM's ground-check answer, a household being
// registered, a proposal draft, a TKSK's return note), a saved ground check still saying "waiting
// to sync" after it had gone out, a ground check's house named by two bare codes, /usulan/baru
// opened bare and a moved proposal with no way on, a proposal's changed field shown blank in its
// edit form, the export's download button blank after a tap, a download without signal failing out
// of sight and with an expired session saving the server's JSON error as a file, small buttons
// under a finger's size. axe-core on the screens; no CSP violation or page error.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  KECAMATAN,
  KELURAHAN,
  KOTA,
  RW1,
  apiCall,
  activePsm,
  apiLogin,
  checkA11y,
  checkPrerequisites,
  launchBrowser,
  newPhonePage,
  photoPng,
  queuedOps,
  refuseWrites,
  setupDataDir,
  storageBack,
  startServer,
  uiLogin,
  uiLogout,
} from './lib.mjs';

const ALAMAT = 'Jl. Kenanga Walk 3';

// The phone's storage failing part way (refuseWrites from the second write): the first write of a
// save goes in, the second is refused as a full storage refuses it. A save that wrote its parts one
// by one left the first queued alone (a household without its members, a result without its photo).
const failSecondWrite = (page) => refuseWrites(page, { from: 2 });

describe('typed input kept, saved state told, no dead ends', { concurrency: 1 }, () => {
  let data;
  let server;
  let browser;
  let context;
  let page;
  let operator;
  let kid;
  let item;
  let usulanId;
  let daftarId;
  let pilarId;

  const url = (p) => server.base + p;
  const h1 = () => page.locator('main h1');
  const main = () => page.locator('main');

  const login = (username) => uiLogin(page, server.base, username);
  const logout = () => uiLogout(page);

  before(async () => {
    checkPrerequisites();
    data = await setupDataDir([
      { username: 'operator', role: 'operator', wilayah: KOTA },
      { username: 'admin', role: 'admin', wilayah: KOTA },
      { username: 'tksk', role: 'tksk', wilayah: KECAMATAN },
      { username: 'psm', role: 'psm', wilayah: RW1 },
    ]);
    server = await startServer(data.dir);
    operator = await apiLogin(server, 'operator');
    let r = await apiCall(server, operator, 'POST', '/api/v1/keluarga', { no_kk: '3671010101880001', kode_wilayah: KELURAHAN, rw: '001', alamat: ALAMAT });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    kid = r.json.id;
    r = await apiCall(server, operator, 'POST', '/api/v1/daftar-periksa', { nama: 'Periksa walk', kode_wilayah: KELURAHAN });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    daftarId = r.json.id;
    r = await apiCall(server, operator, 'POST', `/api/v1/daftar-periksa/${daftarId}/bagi`, {});
    assert.equal(r.status, 200, JSON.stringify(r.json));
    r = await apiCall(server, operator, 'GET', '/api/v1/periksa?daftar_id=');
    item = r.json.items.find((i) => i.keluarga_id === kid);
    assert.ok(item, 'the ground-check item exists');
    const psm = await apiLogin(server, 'psm');
    r = await apiCall(server, psm, 'POST', '/api/v1/usulan', { keluarga_id: kid, jenis: 'keluarga_baru' });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    usulanId = r.json.id;
    r = await apiCall(server, psm, 'POST', `/api/v1/usulan/${usulanId}/transisi`, { ke: 'diajukan' });
    assert.equal(r.status, 200, JSON.stringify(r.json));

    pilarId = (await activePsm(server, operator, { nama: 'Siti Rahayu', username: 'psm' })).id;

    browser = await launchBrowser();
    ({ context, page } = await newPhonePage(browser));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    data?.remove();
  });

  it('keeps a ground-check answer through a reload and a look elsewhere, then says when it was sent', async () => {
    await login('psm');
    await page.locator('header .sync-status').filter({ hasText: 'Semua perubahan sudah terkirim' }).waitFor();
    await page.locator('nav.main-nav').getByRole('link', { name: 'Periksa lapangan', exact: true }).click();
    // The house named as the household list names it (it was two bare codes side by side).
    await page.locator('main .periksa-list a', { hasText: ALAMAT }).locator('.list-meta', { hasText: 'RT - / RW 001 · No. KK 3671********0001 · belum diperiksa' }).waitFor();
    await page.locator('main .periksa-list a', { hasText: ALAMAT }).click();
    await h1().filter({ hasText: 'Hasil periksa lapangan' }).waitFor();
    // Empty coordinates: the form says how to fill them (it said "must be a number from -11 to 6").
    await page.getByRole('button', { name: 'Simpan hasil' }).click();
    await main().getByText('Tekan Ambil lokasi GPS, atau isi lintang.').waitFor();

    await page.getByLabel('3. Pindah').check();
    await page.getByLabel('Catatan').fill('Pindah ke Bekasi kata tetangga');
    await page.getByLabel('Lintang (lat)').fill('-6,1781'); // a decimal comma, as Indonesian writes it
    await page.getByLabel('Foto rumah').setInputFiles({ name: 'rumah.png', mimeType: 'image/png', buffer: await photoPng(page) });
    await main().locator('[role="status"]', { hasText: /Foto siap \(\d+ KB\)/ }).waitFor({ timeout: 30_000 });
    // A look at the households and back, then a reload: nothing typed is lost, the photo neither.
    await page.locator('nav.main-nav').getByRole('link', { name: 'Keluarga', exact: true }).click();
    await h1().filter({ hasText: 'Keluarga' }).waitFor();
    await page.goBack();
    await h1().filter({ hasText: 'Hasil periksa lapangan' }).waitFor();
    assert.equal(await page.getByLabel('Catatan').inputValue(), 'Pindah ke Bekasi kata tetangga');
    await page.reload();
    await h1().filter({ hasText: 'Hasil periksa lapangan' }).waitFor();
    await main().locator('[role="status"]', { hasText: 'Isian yang belum disimpan dikembalikan' }).waitFor();
    assert.ok(await page.getByLabel('3. Pindah').isChecked());
    assert.equal(await page.getByLabel('Catatan').inputValue(), 'Pindah ke Bekasi kata tetangga');
    assert.equal(await page.getByLabel('Lintang (lat)').inputValue(), '-6,1781');
    await main().locator('[role="status"]', { hasText: /Foto yang tadi dipilih masih ada \(\d+ KB\)/ }).waitFor();
    await checkA11y(page, 'ground-check result (restored)');

    // The storage refuses the photo after taking the result: nothing is queued (the result went in
    // alone before, and saving again queued it twice), and the worker is told so in Indonesian.
    await page.getByLabel('Bujur (lon)').fill('106,6319');
    await failSecondWrite(page);
    await page.getByRole('button', { name: 'Simpan hasil' }).click();
    await main()
      .locator('[role="alert"]', { hasText: 'Tidak ada yang tersimpan: hasil periksa ini dan fotonya belum masuk antrean sinkron, karena penyimpanan perangkat penuh (Quota exceeded).' })
      .waitFor();
    assert.deepEqual(await queuedOps(page, 'psm'), [], 'nothing half-queued');
    assert.equal(await page.getByLabel('Catatan').inputValue(), 'Pindah ke Bekasi kata tetangga');
    await checkA11y(page, 'ground-check result refused by the storage');
    await storageBack(page);

    // Saved without signal: waiting; when the signal is back and it went out, the notice says so
    // (it kept saying "waiting to sync").
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Simpan hasil' }).click();
    await main().locator('[role="status"]', { hasText: 'Hasil disimpan di perangkat, menunggu sinkron.' }).waitFor();
    await context.setOffline(false);
    await main().locator('[role="status"]', { hasText: 'Sudah terkirim ke server.' }).waitFor({ timeout: 30_000 });
    const r = await apiCall(server, operator, 'GET', `/api/v1/periksa/${item.id}`);
    assert.equal(r.json.status, 'selesai');
    assert.equal(r.json.hasil, 3);
    assert.equal(r.json.lat, -6.1781);
    // Result and photo went in together, each once.
    assert.deepEqual((await queuedOps(page, 'psm')).map((o) => `${o.jenis} ${o.status}`).sort(), ['lampiran.unggah terkirim', 'periksa.hasil terkirim']);
    // Saved, the kept answer is gone: the form opens empty again.
    await page.reload();
    await h1().filter({ hasText: 'Hasil periksa lapangan' }).waitFor();
    assert.equal(await page.getByLabel('Catatan').inputValue(), '');
    page.assertClean();
  });

  it('keeps an activity report and its photo through a look elsewhere; a storage failure queues nothing and says so', async () => {
    await page.goto(url('/kegiatan/baru'));
    await h1().filter({ hasText: 'Laporan kegiatan baru' }).waitFor();
    await page.getByLabel('Jenis kegiatan').selectOption('sosialisasi');
    await page.getByLabel('Uraian kegiatan').fill('Penjangkauan lansia di RW 001');
    await page.getByLabel(ALAMAT).check();
    // Two photos chosen one after the other while the first is still being made small (held back
    // here): the second is the one kept, not the first finishing later.
    const first = await photoPng(page, { width: 640, height: 480 });
    const second = await photoPng(page, { width: 320, height: 240 });
    await page.evaluate(() => {
      const real = window.createImageBitmap;
      let n = 0;
      window.createImageBitmap = (...args) => (++n === 1 ? new Promise((r) => setTimeout(r, 1500)).then(() => real(...args)) : real(...args));
    });
    await page.getByLabel('Foto kegiatan').setInputFiles({ name: 'pertama.png', mimeType: 'image/png', buffer: first });
    await page.getByLabel('Foto kegiatan').setInputFiles({ name: 'kedua.png', mimeType: 'image/png', buffer: second });
    await main().locator('[role="status"]', { hasText: /Foto siap \(\d+ KB\)/ }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(2000); // past the first one's end
    const keptPhoto = () => page.evaluate(() => JSON.parse(sessionStorage.getItem('pilar.draft.psm.kegiatan-baru.foto') ?? 'null'));
    assert.deepEqual(await keptPhoto().then((p) => p && [p.width, p.height]), [320, 240], 'the second photo is the one kept');
    // A look at the households and back (it was all gone), then a reload.
    await page.locator('nav.main-nav').getByRole('link', { name: 'Keluarga', exact: true }).click();
    await h1().filter({ hasText: 'Keluarga' }).waitFor();
    await page.goBack();
    await h1().filter({ hasText: 'Laporan kegiatan baru' }).waitFor();
    await page.reload();
    await h1().filter({ hasText: 'Laporan kegiatan baru' }).waitFor();
    await main().locator('[role="status"]', { hasText: 'Isian yang belum disimpan dikembalikan.' }).waitFor();
    assert.equal(await page.getByLabel('Uraian kegiatan').inputValue(), 'Penjangkauan lansia di RW 001');
    assert.equal(await page.getByLabel('Jenis kegiatan').inputValue(), 'sosialisasi');
    assert.ok(await page.getByLabel(ALAMAT).isChecked());
    await main().locator('[role="status"]', { hasText: /Foto yang tadi dipilih masih ada \(\d+ KB\)/ }).waitFor();
    await checkA11y(page, 'activity report (restored)');

    // The storage takes the report and refuses its photo: nothing is queued (the report went in
    // alone, with no word to the worker: the error was unhandled), and the form says so.
    const before = await queuedOps(page, 'psm');
    await failSecondWrite(page);
    await page.getByRole('button', { name: 'Simpan laporan' }).click();
    await main()
      .locator('[role="alert"]', { hasText: 'Tidak ada yang tersimpan: laporan kegiatan ini dan fotonya belum masuk antrean sinkron, karena penyimpanan perangkat penuh (Quota exceeded).' })
      .waitFor();
    assert.deepEqual(await queuedOps(page, 'psm'), before, 'nothing half-queued');
    assert.equal(await page.getByLabel('Uraian kegiatan').inputValue(), 'Penjangkauan lansia di RW 001');
    await checkA11y(page, 'activity report refused by the storage');
    await storageBack(page);
    page.assertClean();
  });

  it('sends a household saved while a sync was ending at once, not at the next minute’s tick', async () => {
    await page.goto(url('/keluarga/baru'));
    await page.getByLabel('No. KK').fill('3671010101880003');
    await page.getByLabel('Alamat').fill('Jl. Kenanga Walk 7');
    await page.getByLabel('Nama lengkap').first().fill('Sari Walk');
    // A sync starts and finds nothing waiting; its answer is held back (2 s) so that the household
    // is saved while that sync is ending. It went out only at the next minute's tick.
    await page.evaluate(() => {
      const real = IDBIndex.prototype.getAll;
      const until = Date.now() + 1000;
      IDBIndex.prototype.getAll = function (...args) {
        const req = real.apply(this, args);
        if (Date.now() < until) {
          const listen = req.addEventListener.bind(req);
          req.addEventListener = (type, fn, opts) => listen(type, type === 'success' ? (e) => setTimeout(() => fn(e), 2000) : fn, opts);
        }
        return req;
      };
      window.dispatchEvent(new Event('online'));
    });
    await page.getByRole('button', { name: 'Simpan keluarga' }).click();
    await main().locator('[role="status"]', { hasText: 'Sudah terkirim ke server.' }).waitFor({ timeout: 8_000 });
    await page.reload(); // the page's own IndexedDB again
  });

  it('keeps a proposal draft through a reload; a bare /usulan/baru links to the households', async () => {
    await page.goto(url('/usulan/baru'));
    await h1().filter({ hasText: 'Usulan baru' }).waitFor();
    await main().getByRole('link', { name: 'Buka daftar keluarga' }).click();
    await h1().filter({ hasText: 'Keluarga' }).waitFor();

    await page.goto(url(`/usulan/baru?keluarga=${kid}`));
    await page.getByLabel('Penghapusan').check();
    await page.getByLabel('Catatan (boleh kosong)').fill('Sudah dua tahun tidak tinggal di sini');
    await page.reload();
    await main().locator('[role="status"]', { hasText: 'Isian yang belum disimpan dikembalikan' }).waitFor();
    assert.ok(await page.getByLabel('Penghapusan').isChecked());
    assert.equal(await page.getByLabel('Catatan (boleh kosong)').inputValue(), 'Sudah dua tahun tidak tinggal di sini');
    await checkA11y(page, 'new proposal (restored)');

    // Registering a household: a reload keeps the household and its members as typed.
    await page.goto(url('/keluarga/baru'));
    await page.getByLabel('No. KK').fill('3671010101880002');
    await page.getByLabel('Alamat').fill('Jl. Kenanga Walk 5');
    await page.getByRole('button', { name: 'Tambah anggota' }).click();
    await page.getByLabel('Nama lengkap').nth(1).fill('Rina Kartika');
    await page.reload();
    await main().locator('[role="status"]', { hasText: 'Isian yang belum disimpan dikembalikan' }).waitFor();
    assert.equal(await page.getByLabel('No. KK').inputValue(), '3671010101880002');
    assert.equal(await page.getByLabel('Alamat').inputValue(), 'Jl. Kenanga Walk 5');
    assert.equal(await page.getByLabel('Nama lengkap').nth(1).inputValue(), 'Rina Kartika');
    await checkA11y(page, 'register household (restored)');
    // The phone's storage takes the household and refuses its first member: nothing is queued (the
    // household went in alone before, and saving again queued it twice), said in Indonesian with
    // the browser's reason, and what was typed stays.
    await page.getByLabel('Nama lengkap').first().fill('Budi Walk');
    const before = await queuedOps(page, 'psm');
    await failSecondWrite(page);
    await page.getByRole('button', { name: 'Simpan keluarga' }).click();
    await main()
      .locator('[role="alert"]', { hasText: 'Tidak ada yang tersimpan: keluarga ini dan anggotanya belum masuk antrean sinkron, karena penyimpanan perangkat penuh (Quota exceeded). Isian Anda masih di formulir.' })
      .waitFor();
    assert.deepEqual(await queuedOps(page, 'psm'), before, 'nothing half-queued');
    assert.equal(await page.getByLabel('Alamat').inputValue(), 'Jl. Kenanga Walk 5');
    assert.equal(await page.getByLabel('Nama lengkap').nth(1).inputValue(), 'Rina Kartika');
    await checkA11y(page, 'register household refused by the storage');
    // The storage back, saved again: the household and both members, once each.
    await storageBack(page);
    await page.getByRole('button', { name: 'Simpan keluarga' }).click();
    await main().locator('[role="status"]', { hasText: 'Sudah terkirim ke server.' }).waitFor({ timeout: 30_000 });
    const made = (await queuedOps(page, 'psm')).filter((o) => !before.some((b) => JSON.stringify(b) === JSON.stringify(o)));
    assert.deepEqual(made.map((o) => o.jenis).sort(), ['anggota.buat', 'anggota.buat', 'keluarga.buat']);
    const list = await apiCall(server, operator, 'GET', `/api/v1/anggota?kode_wilayah=${RW1}&limit=50`);
    assert.deepEqual(list.json.items.map((a) => a.nama).filter((n) => n === 'Budi Walk' || n === 'Rina Kartika').sort(), ['Budi Walk', 'Rina Kartika']);
    await page.reload(); // the page's own storage again

    // A draft changing a field the form does not offer (made through the API): its edit form names
    // the field beside the value (the field's box was blank).
    const psm = await apiLogin(server, 'psm');
    const r = await apiCall(server, psm, 'POST', '/api/v1/usulan', { keluarga_id: kid, jenis: 'perubahan', isi: { desil: 2 } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    await page.goto(url(`/usulan/${r.json.id}`));
    await page.getByRole('button', { name: 'Ubah usulan' }).click();
    const field = page.getByLabel('Isian 1');
    assert.equal(await field.evaluate((el) => el.selectedOptions[0]?.textContent), 'Desil');
    assert.equal(await page.getByLabel('Nilai baru 1').inputValue(), '2');
    // Its edit half typed: a reload opens the form again with what was typed (it closed empty).
    await page.getByLabel('Nilai baru 1').fill('3');
    await page.reload();
    await main().locator('[role="status"]', { hasText: 'Isian yang belum disimpan dikembalikan.' }).waitFor();
    assert.equal(await page.getByLabel('Nilai baru 1').inputValue(), '3');
    await checkA11y(page, 'proposal edit (restored)');
    await logout();
  });

  it('keeps a TKSK’s return note through a reload, and not past a sign-out', async () => {
    await login('tksk');
    await page.goto(url(`/usulan/${usulanId}`));
    await page.getByRole('button', { name: 'Kembalikan ke PSM' }).click();
    await page.getByLabel('Catatan', { exact: true }).fill('Foto rumah belum ada, mohon dilengkapi');
    await page.reload();
    await main().locator('[role="status"]', { hasText: 'Isian yang belum disimpan dikembalikan' }).waitFor();
    assert.equal(await page.getByLabel('Catatan', { exact: true }).inputValue(), 'Foto rumah belum ada, mohon dilengkapi');
    await checkA11y(page, 'proposal return note (restored)');
    // Signed out and in again: what was typed is gone (a shared phone).
    await logout();
    await login('tksk');
    await page.goto(url(`/usulan/${usulanId}`));
    await page.getByRole('button', { name: 'Kembalikan ke PSM' }).waitFor();
    assert.equal(await page.getByLabel('Catatan', { exact: true }).count(), 0, 'no note form open');
    await page.getByRole('button', { name: 'Kembalikan ke PSM' }).click();
    assert.equal(await page.getByLabel('Catatan', { exact: true }).inputValue(), '');
    await page.getByLabel('Catatan', { exact: true }).fill('Foto rumah belum ada');
    await page.getByRole('button', { name: 'Ya, kembalikan ke PSM' }).click();
    const moved = main().locator('[role="status"]', { hasText: 'Status usulan sekarang: Dikembalikan' });
    // Returned, it has left the TKSK's queue: the notice leads back to it for the next one.
    await moved.getByRole('link', { name: 'Buka antrian usulan' }).click();
    await h1().filter({ hasText: 'Usulan' }).waitFor();
    await logout();
  });

  it('keeps an RW typed for a PSM through a look elsewhere and a reload, until it is assigned', async () => {
    await login('operator');
    await page.goto(url(`/periksa/daftar/${daftarId}`));
    await h1().filter({ hasText: 'Periksa walk' }).waitFor();
    await page.getByRole('button', { name: 'Tugaskan satu RW kepada PSM tertentu' }).click();
    await page.getByLabel('Kode RW').fill(RW1);
    await page.getByLabel('Nama pengguna PSM').fill('psm');
    await page.locator('nav.main-nav').getByRole('link', { name: 'Keluarga', exact: true }).click();
    await h1().filter({ hasText: 'Keluarga' }).waitFor();
    await page.goBack();
    await h1().filter({ hasText: 'Periksa walk' }).waitFor();
    // The form open again by itself, with what was typed (it was closed and empty).
    assert.equal(await page.getByLabel('Kode RW').inputValue(), RW1);
    await page.reload();
    await main().locator('[role="status"]', { hasText: 'Isian yang belum disimpan dikembalikan' }).waitFor();
    assert.equal(await page.getByLabel('Kode RW').inputValue(), RW1);
    assert.equal(await page.getByLabel('Nama pengguna PSM').inputValue(), 'psm');
    await checkA11y(page, 'ground-check assignment (restored)');
    await page.locator('main form').getByRole('button', { name: 'Tugaskan per RW' }).click();
    await main().locator('[role="status"]', { hasText: 'keluarga ditugaskan' }).waitFor();
    // Assigned: nothing is kept any more.
    await page.reload();
    await h1().filter({ hasText: 'Periksa walk' }).waitFor();
    assert.equal(await page.getByLabel('Kode RW').count(), 0, 'the form is closed');
    await page.getByRole('button', { name: 'Tugaskan satu RW kepada PSM tertentu' }).click();
    assert.equal(await page.getByLabel('Kode RW').inputValue(), '');
    await logout();
  });

  it('keeps a new account typed by the admin through a reload, never its password', async () => {
    await login('admin');
    await page.locator('nav.main-nav').getByRole('link', { name: 'Pengguna', exact: true }).click();
    await h1().filter({ hasText: 'Pengguna' }).waitFor();
    await page.getByRole('button', { name: 'Tambah pengguna' }).click();
    let form = page.locator('.create-user form');
    await form.getByLabel('Nama pengguna').fill('psmbaru');
    await form.getByLabel('Nama lengkap').fill('Budi Santoso');
    await form.getByLabel('Cari RW (nama atau kode)').fill(RW1);
    await form.getByRole('button', { name: 'Cari', exact: true }).click();
    await form.locator('.picker-option', { hasText: RW1 }).click();
    await form.locator('.chip', { hasText: RW1 }).waitFor();
    const typedPassword = 'rahasia-sekali-123';
    await form.getByLabel('Kata sandi awal').fill(typedPassword);
    await page.reload();
    form = page.locator('.create-user form');
    await form.locator('[role="status"]', { hasText: 'kata sandi awal dibuat baru' }).waitFor();
    assert.equal(await form.getByLabel('Nama pengguna').inputValue(), 'psmbaru');
    assert.equal(await form.getByLabel('Nama lengkap').inputValue(), 'Budi Santoso');
    await form.locator('.chip', { hasText: RW1 }).waitFor();
    const pw = await form.getByLabel('Kata sandi awal').inputValue();
    assert.match(pw, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/, 'a new generated password, not the one typed');
    const stored = await page.evaluate(() => Object.keys(sessionStorage).map((k) => sessionStorage.getItem(k)).join('\n'));
    assert.ok(stored.includes('psmbaru'), 'the form is kept in the tab');
    assert.ok(!stored.includes(typedPassword) && !stored.includes(pw), 'no password in the tab’s storage');
    await checkA11y(page, 'users: create form (restored)');
    await form.getByRole('button', { name: 'Buat akun' }).click();
    await page.locator('main [role="status"]', { hasText: 'Akun psmbaru dibuat' }).waitFor();
    await page.reload();
    await h1().filter({ hasText: 'Pengguna' }).waitFor();
    await page.locator('ul.cards > li', { hasText: 'psmbaru' }).waitFor();
    assert.equal(await page.locator('.create-user form').count(), 0, 'the form is closed once the account is made');
    await logout();
  });

  it('keeps what the office typed on a pilar sosial, each form until it is saved', async () => {
    await login('operator');
    await page.goto(url(`/pilar-sosial/${pilarId}`));
    await h1().filter({ hasText: 'Siti Rahayu' }).waitFor();
    const statusForm = page.locator('main form', { has: page.getByRole('button', { name: 'Ubah status' }) });
    const skForm = page.locator('main form', { has: page.getByRole('button', { name: 'Catat SK' }) });
    await statusForm.getByLabel('Status').selectOption('nonaktif');
    await statusForm.getByLabel('Alasan').fill('Pindah domisili ke Bekasi');
    await skForm.getByLabel('Nomor SK').fill('400.9/SK-PSM/77');
    await skForm.getByLabel('Ditandatangani oleh').fill('Kepala Dinas Sosial');
    await page.reload();
    await h1().filter({ hasText: 'Siti Rahayu' }).waitFor();
    await statusForm.locator('[role="status"]', { hasText: 'Isian yang belum disimpan dikembalikan' }).waitFor();
    assert.equal(await statusForm.getByLabel('Status').inputValue(), 'nonaktif');
    assert.equal(await statusForm.getByLabel('Alasan').inputValue(), 'Pindah domisili ke Bekasi');
    assert.equal(await skForm.getByLabel('Nomor SK').inputValue(), '400.9/SK-PSM/77');
    assert.equal(await skForm.getByLabel('Ditandatangani oleh').inputValue(), 'Kepala Dinas Sosial');
    await checkA11y(page, 'pilar sosial forms (restored)');
    // The status saved: its form shows the record as it is now, and nothing of it comes back; the
    // SK not yet saved stays.
    await statusForm.getByRole('button', { name: 'Ubah status' }).click();
    await statusForm.locator('.notice-ok', { hasText: 'Tersimpan.' }).waitFor();
    await page.locator('main .status-riwayat li', { hasText: 'Aktif → Nonaktif' }).waitFor();
    await page.reload();
    await h1().filter({ hasText: 'Siti Rahayu' }).waitFor();
    assert.equal(await statusForm.getByLabel('Status').inputValue(), 'nonaktif');
    assert.equal(await statusForm.getByLabel('Alasan').inputValue(), '');
    assert.equal(await statusForm.locator('[role="status"]').count(), 0, 'nothing restored in the saved form');
    assert.equal(await skForm.getByLabel('Nomor SK').inputValue(), '400.9/SK-PSM/77');
    await logout();
  });

  it('keeps small buttons a finger’s size; the export button readable after a tap, and says why a download cannot go', async () => {
    await login('operator');
    await page.goto(url(`/keluarga/${kid}`));
    const show = page.getByRole('button', { name: 'Tampilkan No. KK' });
    const box = await show.boundingBox();
    assert.ok(box.height >= 44, `the button is ${box.height}px high`);

    // A household's edit half typed: a look at the list and back, the form is open again with what
    // was typed (it closed empty).
    await page.getByRole('button', { name: 'Ubah data keluarga' }).click();
    await page.getByLabel('Alamat', { exact: true }).fill(`${ALAMAT} Blok C`);
    await page.getByLabel('Alasan perubahan').fill('Blok rumah belum tercatat');
    await page.goto(url('/keluarga'));
    await main().locator('a', { hasText: ALAMAT }).first().waitFor();
    await page.goBack();
    await main().locator('[role="status"]', { hasText: 'Isian yang belum disimpan dikembalikan.' }).waitFor();
    assert.equal(await page.getByLabel('Alamat', { exact: true }).inputValue(), `${ALAMAT} Blok C`);
    assert.equal(await page.getByLabel('Alasan perubahan').inputValue(), 'Blok rumah belum tercatat');
    await checkA11y(page, 'household edit (restored)');

    // A household's history names what was done in words (it showed "keluarga.update").
    const k = await apiCall(server, operator, 'GET', `/api/v1/keluarga/${kid}`);
    const changed = await apiCall(server, operator, 'PATCH', `/api/v1/keluarga/${kid}`, { alamat: `${ALAMAT}A`, version: k.json.version, alasan: 'Nomor rumah salah' });
    assert.equal(changed.status, 200, JSON.stringify(changed.json));
    await page.goto(url(`/keluarga/${kid}?bagian=riwayat`));
    await main().locator('.history .card-title', { hasText: /^Keluarga diubah$/ }).waitFor();

    await page.goto(url('/keluarga'));
    await page.getByRole('button', { name: 'Ekspor data' }).click();
    const link = page.getByRole('link', { name: 'Unduh berkas' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), /^pilar-keluarga-.*\.csv$/);
    // The pointer stays on the link after the tap (a phone keeps the hover): white on dark blue,
    // not dark blue on dark blue.
    const [color, background] = await link.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
    assert.equal(color, 'rgb(255, 255, 255)', `the text is ${color} on ${background}`);

    // No signal: said on the screen (the browser's download failed out of sight).
    await context.setOffline(true);
    await link.click();
    await main().locator('[role="alert"]', { hasText: 'Server Pilar tidak dapat dihubungi.' }).waitFor();
    await checkA11y(page, 'export without signal');
    await context.setOffline(false);
    // The session gone (expired, or ended elsewhere): to the sign-in, not a file of JSON.
    await page.goto(url('/keluarga'));
    await page.getByRole('button', { name: 'Ekspor data' }).click();
    await context.clearCookies();
    await link.click();
    await h1().filter({ hasText: 'Masuk ke Pilar' }).waitFor();
    page.assertClean();
  });
});
