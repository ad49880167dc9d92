// Offline field work end to end, on a 360 x 740 phone against a real `pilar serve`: a PSM signs
// in (the app caches their ground checks), loses the connection, registers a household with a
// member and records a ground-check result with GPS and a photo compressed on the phone, sees
// the pending count, gets the connection back — and the queue syncs by itself to zero. The
// records are on the server exactly once, and replaying the very requests the phone sent (same
// op_ids) changes nothing. Opened again without signal, the home names the PSM's RW and kelurahan
// (kept on the phone), not their codes. axe-core runs on every field screen (0 violations).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  KELURAHAN,
  KOTA,
  RW1,
  activePsm,
  apiCall,
  apiLogin,
  assertBesideLabel,
  assertNoHorizontalScroll,
  checkA11y,
  checkPrerequisites,
  launchBrowser,
  newPhonePage,
  setupDataDir,
  startServer,
} from './lib.mjs';

const PASSWORD = 'kopi tubruk pagi 7';
const NO_KK_NEW = '3671010101770001';
const GPS = { latitude: -6.1781, longitude: 106.6319 };

describe('offline field work', { concurrency: 1 }, () => {
  let data;
  let server;
  let browser;
  let context;
  let page;
  let operator;
  let item;
  const syncBodies = [];

  const url = (p) => server.base + p;
  const h1 = () => page.locator('main h1');
  const status = () => page.locator('header .sync-status');

  before(async () => {
    checkPrerequisites();
    data = await setupDataDir([
      { username: 'operator', role: 'operator', wilayah: KOTA },
      { username: 'psm', role: 'psm', wilayah: RW1 },
    ]);
    server = await startServer(data.dir);
    // A household in the PSM's RW on a ground-check list, assigned to the PSM.
    operator = await apiLogin(server, 'operator');
    // On the roster, so the home shows their month and their RW.
    await activePsm(server, operator, { nama: 'Siti Rahayu', username: 'psm' });
    let r = await apiCall(server, operator, 'POST', '/api/v1/keluarga', {
      no_kk: '3671010101770009',
      kode_wilayah: KELURAHAN,
      rw: '001',
      alamat: 'Jl. Periksa Lapangan 1',
    });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    const keluargaId = r.json.id;
    r = await apiCall(server, operator, 'POST', '/api/v1/daftar-periksa', { nama: 'Periksa uji', kode_wilayah: KELURAHAN });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    r = await apiCall(server, operator, 'POST', `/api/v1/daftar-periksa/${r.json.id}/bagi`, {});
    assert.equal(r.status, 200, JSON.stringify(r.json));
    r = await apiCall(server, operator, 'GET', `/api/v1/periksa?daftar_id=`);
    item = r.json.items.find((i) => i.keluarga_id === keluargaId);
    assert.ok(item, 'the ground-check item exists');

    browser = await launchBrowser();
    ({ context, page } = await newPhonePage(browser));
    await context.grantPermissions(['geolocation'], { origin: server.base });
    await context.setGeolocation(GPS);
    page.on('request', (req) => {
      if (req.url().endsWith('/api/v1/sync') && req.method() === 'POST') syncBodies.push(req.postData());
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    data?.remove();
  });

  it('signs the PSM in and keeps their ground checks on the phone', async () => {
    await page.goto(url('/'));
    await page.getByLabel('Nama pengguna').fill('psm');
    await page.getByLabel('Kata sandi', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await h1().filter({ hasText: 'Selamat datang' }).waitFor();
    await status().filter({ hasText: 'Semua perubahan sudah terkirim' }).waitFor();
    // The service worker must control the page before the connection goes (it serves the shell
    // and the screens' chunks offline).
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      for (let i = 0; i < 50 && !navigator.serviceWorker.controller; i++) await new Promise((r) => setTimeout(r, 100));
    });

    await page.locator('nav.main-nav').getByRole('link', { name: 'Periksa lapangan', exact: true }).click();
    await h1().filter({ hasText: 'Periksa lapangan saya' }).waitFor();
    await page.locator('main .periksa-list a', { hasText: 'Jl. Periksa Lapangan 1' }).waitFor();
    await checkA11y(page, 'field checks');
    await assertNoHorizontalScroll(page, 'field checks');
    // Open the other field screens once while online too (their code is then on the phone).
    await page.locator('nav.main-nav').getByRole('link', { name: 'Daftarkan keluarga', exact: true }).click();
    await h1().filter({ hasText: 'Daftarkan keluarga' }).waitFor();
    // The RW by name (it was the bare code), and only this entry of the menu marked as the current
    // page (it was "Keluarga" too).
    await page.locator('main .field-static', { hasText: `RW: RW 001, Kelurahan Sukarasa (${RW1})` }).waitFor();
    assert.deepEqual(await page.locator('nav.main-nav [aria-current="page"]').allTextContents(), ['Daftarkan keluarga']);
    await status().locator('a').click();
    await h1().filter({ hasText: 'Sinkronisasi' }).waitFor();
    await page.locator('nav.main-nav').getByRole('link', { name: 'Periksa lapangan', exact: true }).click();
    await page.locator('main .periksa-list a', { hasText: 'Jl. Periksa Lapangan 1' }).click();
    await h1().filter({ hasText: 'Hasil periksa lapangan' }).waitFor();
  });

  it('registers a household with a member while offline', async () => {
    await context.setOffline(true);
    await page.locator('header .banner-offline').waitFor();
    await page.locator('nav.main-nav').getByRole('link', { name: 'Daftarkan keluarga', exact: true }).click();
    await h1().filter({ hasText: 'Daftarkan keluarga' }).waitFor();
    // Refused locally first: the form says what is wrong without a server.
    await page.getByRole('button', { name: 'Simpan keluarga' }).click();
    await page.locator('main [role="alert"]', { hasText: 'Periksa lagi isian yang ditandai' }).waitFor();
    await checkA11y(page, 'register household (errors, offline)');

    await page.getByLabel('No. KK').fill(NO_KK_NEW);
    await page.getByLabel('Alamat').fill('Jl. Luring Baru 7');
    await page.getByLabel('Nama lengkap').fill('Sri Wahyuni');
    await page.getByLabel('Jenis kelamin').selectOption('P');
    await page.getByLabel('Tanggal lahir').fill('1985-04-12');
    await page.getByRole('button', { name: 'Simpan keluarga' }).click();
    await page.locator('main [role="status"]', { hasText: 'disimpan di perangkat' }).waitFor();
    await status().filter({ hasText: '2 perubahan menunggu sinkron' }).waitFor();
    await checkA11y(page, 'register household (saved, offline)');
    await assertNoHorizontalScroll(page, 'register household');
  });

  it('records a ground-check result with GPS and a compressed photo while offline', async () => {
    await page.locator('nav.main-nav').getByRole('link', { name: 'Periksa lapangan', exact: true }).click();
    await page.locator('main .periksa-list a', { hasText: 'Jl. Periksa Lapangan 1' }).click();
    await h1().filter({ hasText: 'Hasil periksa lapangan' }).waitFor();
    // The form names the house by its address (offline, from the phone's list), not a record id.
    await page.locator('main .subtitle', { hasText: 'Jl. Periksa Lapangan 1' }).waitFor();
    await assertBesideLabel(page.getByLabel('1. Ditemukan, selesai didata'), 'result 1');
    await assertBesideLabel(page.getByLabel('6. Ganda'), 'result 6');
    await page.getByLabel('1. Ditemukan, selesai didata').check();
    await page.getByLabel('Catatan').fill('Rumah ada, keluarga lengkap');
    await page.getByRole('button', { name: 'Ambil lokasi GPS' }).click();
    await page.locator('main', { hasText: 'Lokasi didapat' }).waitFor();
    assert.equal(await page.getByLabel('Lintang (lat)').inputValue(), '-6.178100');

    // A large "camera" picture, made in the page (a PNG of noise compresses badly: a fair test).
    const png = await page.evaluate(async () => {
      const c = document.createElement('canvas');
      c.width = 2400;
      c.height = 1800;
      const g = c.getContext('2d');
      const img = g.createImageData(c.width, c.height);
      for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 2654435761) >>> 24;
      g.putImageData(img, 0, 0);
      const blob = await new Promise((r) => c.toBlob(r, 'image/png'));
      const buf = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < buf.length; i += 0x8000) s += String.fromCharCode(...buf.subarray(i, i + 0x8000));
      return btoa(s);
    });
    const original = Buffer.from(png, 'base64');
    assert.ok(original.length > 1_000_000, `the test picture is big (${original.length} bytes)`);
    await page.getByLabel('Foto rumah').setInputFiles({ name: 'rumah.png', mimeType: 'image/png', buffer: original });
    const ready = page.locator('main [role="status"]', { hasText: 'Foto siap' });
    await ready.waitFor({ timeout: 30_000 });
    const kb = Number(/\((\d+) KB\)/.exec(await ready.textContent())[1]);
    assert.ok(kb <= 200, `compressed to ${kb} KB`);
    await checkA11y(page, 'ground-check result (offline)');
    await assertNoHorizontalScroll(page, 'ground-check result');

    await page.getByRole('button', { name: 'Simpan hasil' }).click();
    await page.locator('main [role="status"]', { hasText: 'Hasil disimpan di perangkat' }).waitFor();
    await status().filter({ hasText: '4 perubahan menunggu sinkron' }).waitFor();
    assert.equal(syncBodies.length, 0, 'nothing was sent while offline');
    // Opened again, the form says the house has its result (saving again would replace it).
    await page.locator('main').getByRole('link', { name: 'Kembali ke daftar periksa' }).click();
    await page.locator('main .periksa-list a', { hasText: 'Jl. Periksa Lapangan 1' }).click();
    await page.locator('main [role="status"]', { hasText: 'Rumah ini sudah diperiksa: Ditemukan, selesai didata.' }).waitFor();

    await status().locator('a').click();
    await h1().filter({ hasText: 'Sinkronisasi' }).waitFor();
    await page.locator('main h2', { hasText: 'Menunggu sinkron (4)' }).waitFor();
    await checkA11y(page, 'sync queue (offline)');
  });

  it('syncs by itself when the connection returns, each record exactly once', async () => {
    await context.setOffline(false);
    await status().filter({ hasText: 'Semua perubahan sudah terkirim' }).waitFor({ timeout: 30_000 });
    await page.locator('main h2', { hasText: 'Menunggu sinkron (0)' }).waitFor();
    await page.locator('main li', { hasText: 'Keluarga baru: Jl. Luring Baru 7' }).waitFor();

    let r = await apiCall(server, operator, 'GET', `/api/v1/keluarga?no_kk=${NO_KK_NEW}`);
    assert.equal(r.json.items.length, 1, 'the household exists once');
    const k = r.json.items[0];
    assert.equal(k.alamat, 'Jl. Luring Baru 7');
    assert.equal(k.kode_wilayah_lengkap ?? `${k.kode_wilayah}.${k.rw}`, RW1);
    r = await apiCall(server, operator, 'GET', `/api/v1/keluarga/${k.id}/anggota`);
    assert.deepEqual(r.json.items.map((a) => a.nama), ['Sri Wahyuni']);
    r = await apiCall(server, operator, 'GET', `/api/v1/periksa/${item.id}`);
    assert.equal(r.json.status, 'selesai');
    assert.equal(r.json.hasil, 1);
    assert.equal(r.json.version, item.version + 1, 'the result was recorded once');
    assert.equal(r.json.jawaban.catatan, 'Rumah ada, keluarga lengkap');

    // Replay exactly what the phone sent, as if the answers had been lost on the way.
    assert.ok(syncBodies.length >= 1);
    const cookies = await context.cookies(server.base);
    const cookie = cookies.filter((c) => c.name === 'pilar_session').map((c) => `${c.name}=${c.value}`)[0];
    const me = await fetch(url('/api/v1/auth/me'), { headers: { cookie } }).then((x) => x.json());
    const psm = { cookie, csrf: me.csrf_token };
    const sent = syncBodies.flatMap((b) => JSON.parse(b).ops);
    assert.deepEqual(sent.map((o) => o.jenis).sort(), ['anggota.buat', 'keluarga.buat', 'lampiran.unggah', 'periksa.hasil']);
    for (const body of syncBodies) {
      const again = await apiCall(server, psm, 'POST', '/api/v1/sync', JSON.parse(body));
      assert.equal(again.status, 200);
      assert.deepEqual([...new Set(again.json.hasil.map((x) => x.status))], ['sudah'], JSON.stringify(again.json));
    }
    r = await apiCall(server, operator, 'GET', `/api/v1/keluarga?no_kk=${NO_KK_NEW}`);
    assert.equal(r.json.items.length, 1, 'still once');
    r = await apiCall(server, operator, 'GET', `/api/v1/keluarga/${k.id}/anggota`);
    assert.equal(r.json.items.length, 1, 'still one member');
    r = await apiCall(server, operator, 'GET', `/api/v1/periksa/${item.id}`);
    assert.equal(r.json.version, item.version + 1, 'still recorded once');

    // The phone keeps the sent ops for its history, but not what was entered in them: the No. KK,
    // the name, the notes and the photo are on the server now (docs/privacy.md).
    const kept = await page.evaluate(async () => {
      const db = await new Promise((res, rej) => {
        const o = indexedDB.open('pilar-offline-psm');
        o.onsuccess = () => res(o.result);
        o.onerror = () => rej(o.error);
      });
      try {
        return await new Promise((res) => {
          const g = db.transaction('ops').objectStore('ops').getAll();
          g.onsuccess = () => res(g.result);
        });
      } finally {
        db.close();
      }
    });
    assert.deepEqual(kept.map((o) => o.status), ['terkirim', 'terkirim', 'terkirim', 'terkirim']);
    const keptText = JSON.stringify(kept.map((o) => o.data));
    for (const entered of [NO_KK_NEW, 'Sri Wahyuni', '1985-04-12', 'Rumah ada, keluarga lengkap', 'berkas'])
      assert.ok(!keptText.includes(entered), `a sent op still holds ${entered}: ${keptText.slice(0, 300)}`);
    await checkA11y(page, 'sync queue (synced)');
    page.assertClean();
  });

  it("names the PSM's RW and kelurahan on the home when the app opens without signal", async () => {
    await page.locator('nav.main-nav').getByRole('link', { name: 'Beranda', exact: true }).click();
    const month = page.locator('main .panel-psm-bulan');
    await month.filter({ hasText: 'RW tugas: RW 001 · Kelurahan Sukarasa' }).waitFor();
    // The names of their area are kept with the phone's lists (refreshed after each sync).
    await page.waitForFunction(() => (localStorage.getItem('pilar.offline.wilayah') ?? '').includes('Sukarasa'));

    await context.setOffline(true);
    await page.reload();
    await page.locator('header .banner-offline').waitFor();
    await h1().filter({ hasText: 'Selamat datang' }).waitFor();
    // The month last fetched, its RW by name (it was "RW 001 (36.71.01.1001)", and an error offline).
    await month.filter({ hasText: 'Tanpa sinyal: angka dari perangkat' }).waitFor();
    await month.filter({ hasText: 'RW tugas: RW 001 · Kelurahan Sukarasa' }).waitFor();
    await month.locator('.stats li', { hasText: 'Laporan' }).waitFor();
    // The proposals waiting for them: the counts last fetched, not an error.
    const waiting = page.locator('main .panel-usulan');
    await waiting.filter({ hasText: 'Tanpa sinyal: angka dari perangkat' }).waitFor();
    await waiting.locator('.stats li').first().waitFor();
    assert.equal(await waiting.locator('.state-error').count(), 0, 'no error in the proposals panel');
    // Their area in the header and the scope panel by name too, not the bare code.
    await page.locator('main .panel-scope', { hasText: 'RW 001, Kelurahan Sukarasa' }).waitFor();
    await page.locator('header', { hasText: 'RW 001, Kelurahan Sukarasa' }).waitFor();
    await checkA11y(page, 'PSM home (offline start)');
    await assertNoHorizontalScroll(page, 'PSM home (offline start)');
    await context.setOffline(false);
    page.assertClean();
  });
});
