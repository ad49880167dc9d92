// Editing without signal on a 360 px phone: the PSM opens a household and a member of their RW
// offline (from the lists cached on the device), changes the address and the member's birthplace,
// and both changes wait in the queue; meanwhile the office changes the same household. When the signal returns the sync
// reports the conflict instead of overwriting — the PSM reviews both versions on /sinkron, keeps
// theirs, and the server ends with the PSM's address AND the office's change. axe on each state.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  KELURAHAN,
  KOTA,
  PASSWORD,
  RW1,
  apiCall,
  apiLogin,
  checkA11y,
  checkPrerequisites,
  launchBrowser,
  newPhonePage,
  queuedOps,
  refuseWrites,
  setupDataDir,
  startServer,
  storageBack,
} from './lib.mjs';

describe('offline household edit', { concurrency: 1 }, () => {
  let data;
  let server;
  let browser;
  let context;
  let page;
  let operator;
  let kid;
  let aid;
  let uid;

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
    operator = await apiLogin(server, 'operator');
    const r = await apiCall(server, operator, 'POST', '/api/v1/keluarga', {
      no_kk: '3671010101770011',
      kode_wilayah: KELURAHAN,
      rw: '001',
      rt: '001',
      alamat: 'Jl. Sebelum Diubah 1',
    });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    kid = r.json.id;
    const m = await apiCall(server, operator, 'POST', '/api/v1/anggota', {
      keluarga_id: kid,
      nama: 'Dewi Lestari',
      jenis_kelamin: 'P',
      hubungan: 'kepala_keluarga',
      tempat_lahir: 'Bogor',
    });
    assert.equal(m.status, 201, JSON.stringify(m.json));
    aid = m.json.id;
    // A draft proposal of the PSM's: in their queue, kept on the phone.
    const psmApi = await apiLogin(server, 'psm');
    const u = await apiCall(server, psmApi, 'POST', '/api/v1/usulan', { keluarga_id: kid, jenis: 'keluarga_baru' });
    assert.equal(u.status, 201, JSON.stringify(u.json));
    uid = u.json.id;
    browser = await launchBrowser();
    ({ context, page } = await newPhonePage(browser));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    data?.remove();
  });

  it('edits a household offline and queues the change', async () => {
    await page.goto(url('/'));
    await page.getByLabel('Nama pengguna').fill('psm');
    await page.getByLabel('Kata sandi', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await h1().filter({ hasText: 'Selamat datang' }).waitFor();
    await status().filter({ hasText: 'Semua perubahan sudah terkirim' }).waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      for (let i = 0; i < 50 && !navigator.serviceWorker.controller; i++) await new Promise((r) => setTimeout(r, 100));
    });
    // Online once, so the household screen's chunk is on the device and the lists are cached.
    await page.goto(url(`/keluarga/${kid}`));
    await h1().filter({ hasText: 'Jl. Sebelum Diubah 1' }).waitFor();
    // The lists are fetched in the background after sign-in: wait until the device holds both
    // the household and the member (opening the database only once the app has created it).
    await page.waitForFunction(
      async ([k, a]) => {
        if (!(await indexedDB.databases()).some((d) => d.name === 'pilar-offline-psm')) return false;
        const db = await new Promise((res, rej) => {
          const r = indexedDB.open('pilar-offline-psm');
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        try {
          if (!db.objectStoreNames.contains('cache')) return false;
          const get = (key) =>
            new Promise((res) => {
              const g = db.transaction('cache').objectStore('cache').get(key);
              g.onsuccess = () => res(g.result);
              g.onerror = () => res(undefined);
            });
          const [ks, as] = [await get('keluarga'), await get('anggota')];
          return !!ks && !!as && ks.items.some((x) => x.id === k) && as.items.some((x) => x.id === a);
        } finally {
          db.close();
        }
      },
      [kid, aid],
      { timeout: 15_000 },
    );

    await context.setOffline(true);
    // The household list opens from the phone too, and leads to the household.
    await page.goto(url('/keluarga'));
    await page.locator('main [role="status"]', { hasText: 'Tanpa sinyal: data dari perangkat' }).waitFor();
    await page.locator('main a.list-link', { hasText: 'Jl. Sebelum Diubah 1' }).click();
    await h1().filter({ hasText: 'Jl. Sebelum Diubah 1' }).waitFor();
    await checkA11y(page, 'household list offline');
    // So do the PSM's proposals.
    await page.goto(url('/usulan'));
    await page.locator('main [role="status"]', { hasText: 'Tanpa sinyal: usulan dari perangkat' }).waitFor();
    await page.locator('main a.list-link', { hasText: `Usulan #${uid} · Keluarga baru` }).click();
    await h1().filter({ hasText: `Usulan #${uid} · Keluarga baru` }).waitFor();
    await page.locator('main [role="status"]', { hasText: 'Tanpa sinyal: usulan dari perangkat' }).waitFor();
    await checkA11y(page, 'proposal offline');
    await page.goto(url(`/keluarga/${kid}`));
    await page.locator('main', { hasText: 'Tanpa sinyal: data dari perangkat' }).waitFor();
    await page.getByRole('button', { name: 'Ubah data keluarga' }).click();
    await page.getByLabel('Alamat', { exact: true }).fill('Jl. Luring Diubah 3');
    await page.getByLabel('Alasan perubahan').fill('nomor rumah berubah');
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await page.locator('main .notice-ok', { hasText: 'Perubahan disimpan di perangkat' }).waitFor();
    await status().filter({ hasText: '1 perubahan menunggu sinkron' }).waitFor();
    await checkA11y(page, 'household edited offline');

    await page.goto(url(`/anggota/${aid}`));
    await h1().filter({ hasText: 'Dewi Lestari' }).waitFor();
    await page.locator('main', { hasText: 'Tanpa sinyal: data dari perangkat' }).waitFor();
    // The code lists' labels, not the codes, without signal too.
    await page.locator('main dl dd', { hasText: 'Kepala keluarga' }).waitFor();
    assert.equal(await page.locator('main dl dd', { hasText: 'kepala_keluarga' }).count(), 0, 'no raw code');
    await page.getByRole('button', { name: 'Ubah data anggota' }).click();
    await page.getByLabel('Tempat lahir', { exact: true }).fill('Tangerang');
    await page.getByLabel('Alasan perubahan').fill('salah tulis');
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await page.locator('main .notice-ok', { hasText: 'Perubahan disimpan di perangkat' }).waitFor();
    await status().filter({ hasText: '2 perubahan menunggu sinkron' }).waitFor();
    await checkA11y(page, 'member edited offline');

    // A proposal for the member, made without signal: kept on the phone as a draft.
    await page.getByRole('link', { name: 'Buat usulan' }).click();
    await h1().filter({ hasText: 'Usulan baru' }).waitFor();
    await page.getByLabel('9. Penyandang Disabilitas (PD)').check();
    await page.getByRole('button', { name: 'Simpan sebagai draf' }).click();
    await page.locator('main [role="status"]', { hasText: 'Tanpa sinyal: usulan disimpan di perangkat sebagai draf' }).waitFor();
    await status().filter({ hasText: '3 perubahan menunggu sinkron' }).waitFor();
    await checkA11y(page, 'proposal made offline');
    page.assertClean();
  });

  it('shows the conflict with the office change and keeps both when the PSM keeps theirs', async () => {
    // The office changes the RT meanwhile (a newer version on the server).
    const k = await apiCall(server, operator, 'GET', `/api/v1/keluarga/${kid}`);
    const p = await apiCall(server, operator, 'PATCH', `/api/v1/keluarga/${kid}`, { version: k.json.version, alasan: 'RT dibetulkan', rt: '002' });
    assert.equal(p.status, 200, JSON.stringify(p.json));

    await context.setOffline(false);
    await status().filter({ hasText: '1 perlu ditinjau' }).waitFor({ timeout: 30_000 });
    await page.goto(url('/sinkron'));
    await h1().filter({ hasText: 'Sinkronisasi' }).waitFor();
    await page.locator('main h2', { hasText: 'Perlu ditinjau (1)' }).waitFor();
    await page.locator('main table.diff', { hasText: 'Jl. Luring Diubah 3' }).waitFor();
    await checkA11y(page, 'sync conflict');
    // The phone's storage refuses the choice: said so, and the conflict is still there to choose
    // (keeping mine is the old op's removal and a new op, one transaction: never the one without
    // the other).
    await refuseWrites(page);
    await page.getByRole('button', { name: 'Pakai versi saya' }).click();
    await page.locator('main [role="alert"]', { hasText: 'Pilihan Anda belum tersimpan, karena penyimpanan perangkat penuh (Quota exceeded); antrean tetap seperti semula.' }).waitFor();
    const ops = (await queuedOps(page, 'psm')).filter((o) => o.jenis === 'keluarga.ubah').map((o) => o.status);
    assert.deepEqual(ops, ['konflik'], 'the conflict is still there, alone');
    await checkA11y(page, 'sync conflict, choice refused by the storage');
    await storageBack(page);
    await page.getByRole('button', { name: 'Pakai versi saya' }).click();
    await status().filter({ hasText: 'Semua perubahan sudah terkirim' }).waitFor({ timeout: 30_000 });
    // The re-sent change may still be on its way when the status first reads "all sent": ask the
    // server until it has arrived (at most 15 s), then check both sides survived.
    let after;
    for (let i = 0; i < 150; i++) {
      after = await apiCall(server, operator, 'GET', `/api/v1/keluarga/${kid}`);
      if (after.json.alamat === 'Jl. Luring Diubah 3') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(after.json.alamat, 'Jl. Luring Diubah 3', 'the PSM change is applied');
    assert.equal(after.json.rt, '002', 'the office change is kept, not overwritten');
    const member = await apiCall(server, operator, 'GET', `/api/v1/anggota/${aid}`);
    assert.equal(member.json.tempat_lahir, 'Tangerang', 'the member change made offline arrived');
    const drafts = await apiCall(server, operator, 'GET', '/api/v1/usulan?status=draft');
    const made = drafts.json.items.filter((x) => x.anggota_id === aid && x.jenis === 'ppks');
    assert.equal(made.length, 1, `the proposal made offline arrived once: ${JSON.stringify(drafts.json.items)}`);
    assert.deepEqual(made[0].isi, { ppks: [9] });
    page.assertClean();
  });
});
