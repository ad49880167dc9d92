// Registry screens end to end on a 360 px phone against a real `pilar serve`: an operator finds a
// household (created over the API), opens its No. KK (audited), edits it with a reason and sees
// the history entry with a before/after diff; a stale edit in a second tab shows the conflict
// screen with both versions and re-applies only when asked; the member view opens the NIK and
// special data, adds and ends a PPKS classification; the global search finds the person by NIK,
// by name and the household by No. KK; the export link follows the filter; kepala reads without edit controls; the admin
// reads a person's change in the audit trail in words (raw JSON behind a toggle). axe-core on every
// screen; no CSP violation or page error.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  KECAMATAN,
  KELURAHAN,
  KOTA,
  RW1,
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

const NO_KK = '3671010101250001';
const NIK = '3671014101800001';

describe('registry screens', { concurrency: 1 }, () => {
  let data;
  let server;
  let browser;
  let context;
  let page;
  let kid;
  let aid;

  const url = (p) => server.base + p;
  const h1 = () => page.locator('main h1');
  const main = () => page.locator('main');

  before(async () => {
    checkPrerequisites();
    data = await setupDataDir([
      { username: 'operator', role: 'operator', wilayah: KOTA },
      { username: 'kepala', role: 'kepala', wilayah: KOTA },
      { username: 'tksk', role: 'tksk', wilayah: KECAMATAN },
      { username: 'admin', role: 'admin', wilayah: KOTA },
    ]);
    server = await startServer(data.dir);
    const op = await apiLogin(server, 'operator');
    let r = await apiCall(server, op, 'POST', '/api/v1/keluarga', {
      no_kk: NO_KK,
      kode_wilayah: KELURAHAN,
      rw: '001',
      rt: '002',
      alamat: 'Jl. Melati No. 1',
      desil: '2',
      jenis_lantai: 'keramik',
      aset: ['tv'],
    });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    kid = r.json.id;
    r = await apiCall(server, op, 'POST', '/api/v1/anggota', {
      keluarga_id: kid,
      nik: NIK,
      nama: 'Siti Aminah',
      jenis_kelamin: 'P',
      hubungan: 'kepala_keluarga',
      tanggal_lahir: '1980-01-01',
      disabilitas_jenis: 'fisik',
      ppks: '3',
    });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    aid = r.json.id;
    browser = await launchBrowser();
    ({ context, page } = await newPhonePage(browser));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    data?.remove();
  });

  it('lists households in the operator’s area and filters by wilayah', async () => {
    await uiLogin(page, server.base, 'operator');
    const nav = await page.locator('nav.main-nav a').allTextContents();
    assert.ok(nav.includes('Keluarga') && nav.includes('Usulan') && nav.includes('Daftar periksa'), nav.join(','));
    await page.locator('.panel', { hasText: 'Usulan menunggu Anda' }).locator('.stat-num').first().waitFor();
    await checkA11y(page, 'home (operator) with the proposal panel');

    await page.locator('nav.main-nav').getByRole('link', { name: 'Keluarga', exact: true }).click();
    await h1().filter({ hasText: 'Keluarga' }).waitFor();
    const row = main().locator('a.list-link', { hasText: 'Jl. Melati No. 1' });
    await row.waitFor();
    assert.match(await row.textContent(), /3671\*{8}0001/);
    await page.getByLabel('Kecamatan').selectOption(KECAMATAN);
    await page.waitForURL(/wilayah=36\.71\.01$/);
    await row.waitFor();
    await page.getByLabel('Kecamatan').selectOption('36.71.02');
    await main().getByText('Belum ada keluarga terdaftar di wilayah ini.').waitFor();
    await checkA11y(page, 'household list: empty region');
    await page.getByLabel('Kecamatan').selectOption(KECAMATAN);
    // Export of the filtered region (the download itself is the server's test).
    await page.getByRole('button', { name: 'Ekspor data' }).click();
    await page.getByLabel('Isi berkas').selectOption('bnba');
    await page.getByLabel('Sertakan NIK/No. KK lengkap dan data khusus').check();
    assert.equal(
      await page.getByRole('link', { name: 'Unduh berkas' }).getAttribute('href'),
      `/api/v1/ekspor/bnba?format=xlsx&kode_wilayah=${KECAMATAN}&buka=ya`,
    );
    await checkA11y(page, 'household list: export');
    await row.click();
    await h1().filter({ hasText: 'Keluarga di Jl. Melati No. 1' }).waitFor();
  });

  it('shows the household, opens the No. KK (audited) and labels the housing codes', async () => {
    await main().locator('dd', { hasText: 'Keramik' }).waitFor();
    assert.match(await main().locator('.numbers').textContent(), /3671\*{8}0001/);
    await main().getByText('dicatat di jejak audit atas nama Anda').waitFor();
    // The region once (it showed the RT/RW and then the code twice while the RT had no name), and
    // the status in words (it said "aktif").
    const region = main().locator('dd', { hasText: `${RW1}.002` });
    await region.getByText(`(${RW1}.002)`).waitFor();
    assert.equal((await region.textContent()).split(`${RW1}.002`).length - 1, 1, await region.textContent());
    await main().locator('dt:has-text("Status") + dd', { hasText: /^Aktif$/ }).waitFor();
    await checkA11y(page, 'household view');
    await assertNoHorizontalScroll(page, 'household view');
    await page.getByRole('button', { name: 'Tampilkan No. KK' }).click();
    await main().locator('.numbers .code', { hasText: NO_KK }).waitFor();
    await main().getByText('sudah dicatat di jejak audit').waitFor();
    await page.getByRole('button', { name: 'Samarkan lagi' }).click();
    await main().locator('.numbers .code', { hasText: '3671********0001' }).waitFor();
  });

  it('edits the household with a reason and shows the change in the history', async () => {
    await page.getByRole('button', { name: 'Ubah data keluarga' }).click();
    await page.getByLabel('Alamat', { exact: true }).fill('Jl. Melati No. 2');
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await main().getByText('Isi alasan perubahan (minimal 3 huruf).').waitFor();
    await checkA11y(page, 'household edit with errors');
    await page.getByLabel('Alasan perubahan').fill('Salah ketik saat pendataan');
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await main().locator('[role="status"]', { hasText: 'Perubahan disimpan (versi 2)' }).waitFor();
    await h1().filter({ hasText: 'Jl. Melati No. 2' }).waitFor();

    await page.getByRole('link', { name: 'Riwayat' }).click();
    const newest = main().locator('ol.history > li').first();
    await newest.waitFor();
    const text = (await newest.textContent()).replace(/\s+/g, ' ');
    assert.match(text, /Alasan: Salah ketik saat pendataan/);
    assert.match(text, /Alamat: sebelum Jl\. Melati No\. 1 → sesudah Jl\. Melati No\. 2/);
    assert.match(text, /operator \(Operator Dinas\)/);
    await main().locator('ol.history > li', { hasText: 'Didaftarkan' }).waitFor();
    await checkA11y(page, 'household history');
  });

  it('shows both versions when another tab saved first, and re-applies only on request', async () => {
    await page.goto(url(`/keluarga/${kid}`));
    await h1().filter({ hasText: 'Jl. Melati No. 2' }).waitFor();
    await page.getByRole('button', { name: 'Ubah data keluarga' }).click();
    await page.getByLabel('Alamat', { exact: true }).fill('Jl. Kenanga No. 4');
    await page.getByLabel('Alasan perubahan').fill('Pindah nomor rumah');

    // A second tab of the same user saves first.
    const other = await context.newPage();
    await other.goto(url(`/keluarga/${kid}`));
    await other.getByRole('button', { name: 'Ubah data keluarga' }).click();
    await other.getByLabel('Alamat', { exact: true }).fill('Jl. Mawar No. 3');
    await other.getByLabel('Alasan perubahan').fill('Koreksi dari RT');
    await other.getByRole('button', { name: 'Simpan perubahan' }).click();
    await other.locator('main [role="status"]', { hasText: 'versi 3' }).waitFor();
    await other.close();

    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    const alert = main().locator('[role="alert"]', { hasText: 'sudah diubah orang lain' });
    await alert.waitFor();
    const row = alert.locator('tr', { hasText: 'Alamat' });
    assert.deepEqual(await row.locator('td').allTextContents(), ['Jl. Kenanga No. 4', 'Jl. Mawar No. 3']);
    assert.match(await alert.textContent(), /versi 3/);
    await checkA11y(page, 'household edit conflict');
    await assertNoHorizontalScroll(page, 'household edit conflict');
    // Nothing was overwritten: the server still has the other tab's value.
    const op = await apiLogin(server, 'operator');
    assert.equal((await apiCall(server, op, 'GET', `/api/v1/keluarga/${kid}`)).json.alamat, 'Jl. Mawar No. 3');

    await page.getByRole('button', { name: 'Terapkan perubahan saya pada versi terbaru' }).click();
    assert.equal(await page.getByLabel('Alamat', { exact: true }).inputValue(), 'Jl. Kenanga No. 4');
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await main().locator('[role="status"]', { hasText: 'Perubahan disimpan (versi 4)' }).waitFor();
    await h1().filter({ hasText: 'Jl. Kenanga No. 4' }).waitFor();
  });

  it('opens a member: NIK and special data on request, PPKS add and end', async () => {
    await page.getByRole('link', { name: 'Anggota (1)' }).click();
    await main().locator('a.list-link', { hasText: 'Siti Aminah' }).click();
    await h1().filter({ hasText: 'Siti Aminah' }).waitFor();
    assert.match(await main().locator('.numbers').textContent(), /3671\*{8}0001/);
    await main().getByText('Anak yang Berhadapan dengan Hukum').waitFor();
    await checkA11y(page, 'member view');
    await assertNoHorizontalScroll(page, 'member view');

    await page.getByRole('button', { name: 'Tampilkan NIK' }).click();
    await main().locator('.numbers .code', { hasText: NIK }).waitFor();
    await page.getByRole('button', { name: 'Tampilkan data khusus' }).click();
    await main().locator('dd', { hasText: 'Fisik' }).waitFor();
    await checkA11y(page, 'member view with special data');

    await page.getByRole('button', { name: 'Tambah klasifikasi PPKS' }).click();
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await main().getByText('Pilih kategori PPKS.').first().waitFor();
    await page.getByLabel('Kategori PPKS').selectOption('2');
    await page.getByLabel(/Bukti/).fill('Surat keterangan RT');
    // A reload: the form is open again with what was chosen and typed.
    await page.reload();
    await main().locator('[role="status"]', { hasText: 'Isian yang belum disimpan dikembalikan.' }).waitFor();
    // (the categories come with the code lists, a moment after the form)
    await page.getByLabel('Kategori PPKS').locator('option[value="2"]').waitFor({ state: 'attached' });
    assert.equal(await page.getByLabel('Kategori PPKS').inputValue(), '2');
    assert.equal(await page.getByLabel(/Bukti/).inputValue(), 'Surat keterangan RT');
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await main().locator('[role="status"]', { hasText: 'Klasifikasi PPKS Anak Terlantar (AT) dicatat' }).waitFor();
    const card = main().locator('ul.cards > li', { hasText: 'Anak yang Berhadapan dengan Hukum' });
    await card.getByRole('button', { name: 'Akhiri' }).click();
    await card.getByRole('button', { name: 'Akhiri klasifikasi' }).click();
    await main().locator('[role="status"]', { hasText: 'diakhiri' }).waitFor();
    await main().locator('ul.cards > li.is-off', { hasText: 'Anak yang Berhadapan dengan Hukum' }).waitFor();
    await checkA11y(page, 'member PPKS after changes');

    await page.getByRole('button', { name: 'Ubah data anggota' }).click();
    await page.getByLabel('Pekerjaan').fill('Pedagang');
    await page.getByLabel('Alasan perubahan').fill('Pekerjaan baru');
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    // Adding and ending PPKS bumped the member's version too.
    await main().locator('[role="status"]', { hasText: /Perubahan disimpan \(versi \d+\)/ }).waitFor();
    await main().locator('dd', { hasText: 'Pedagang' }).waitFor();
    await page.getByRole('link', { name: 'Riwayat' }).click();
    await main().locator('ol.history > li', { hasText: 'Pekerjaan baru' }).waitFor();
    await checkA11y(page, 'member history');

    // A stale member edit: the office changes the job while the form is open; saving shows both
    // versions and overwrites nothing.
    await page.goto(url(`/anggota/${aid}`));
    await page.getByRole('button', { name: 'Ubah data anggota' }).click();
    await page.getByLabel('Pekerjaan').fill('Petani');
    await page.getByLabel('Alasan perubahan').fill('Ganti pekerjaan');
    const op = await apiLogin(server, 'operator');
    const cur = (await apiCall(server, op, 'GET', `/api/v1/anggota/${aid}`)).json;
    const other = await apiCall(server, op, 'PATCH', `/api/v1/anggota/${aid}`, { version: cur.version, pekerjaan: 'Nelayan', alasan: 'Koreksi kantor' });
    assert.equal(other.status, 200, JSON.stringify(other.json));
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    const stale = main().locator('[role="alert"]', { hasText: 'sudah diubah orang lain' });
    await stale.waitFor();
    assert.deepEqual(await stale.locator('tr', { hasText: 'Pekerjaan' }).locator('td').allTextContents(), ['Petani', 'Nelayan']);
    await checkA11y(page, 'member edit conflict');
    assert.equal((await apiCall(server, op, 'GET', `/api/v1/anggota/${aid}`)).json.pekerjaan, 'Nelayan');
    // Left without choosing and opened again: the form is open with what was typed (kept on the
    // version it was typed on, so saving meets the same check, never overwrites), until dropped.
    await page.goto(url(`/anggota/${aid}`));
    await main().locator('[role="status"]', { hasText: 'Isian yang belum disimpan dikembalikan.' }).waitFor();
    assert.equal(await page.getByLabel('Pekerjaan').inputValue(), 'Petani');
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await stale.waitFor();
    await page.getByRole('button', { name: 'Buang perubahan saya' }).click();
    await main().locator('dd', { hasText: 'Nelayan' }).waitFor();
    assert.equal((await apiCall(server, op, 'GET', `/api/v1/anggota/${aid}`)).json.pekerjaan, 'Nelayan');
  });

  it('records the legal basis on the member screen and shows the data-subject rights to the operator', async () => {
    await page.goto(url(`/anggota/${aid}`));
    await h1().filter({ hasText: 'Siti Aminah' }).waitFor();
    const basis = main().locator('section[aria-labelledby="dasar-h"]');
    await basis.getByText('Belum dicatat: berlaku tugas publik Dinas.').waitFor();
    await page.getByRole('button', { name: 'Ubah dasar hukum' }).click();
    await page.getByLabel('Dasar pemrosesan').selectOption('persetujuan');
    await basis.getByRole('button', { name: 'Simpan', exact: true }).click();
    await main().getByText('Isi tanggal persetujuan').first().waitFor();
    await page.getByLabel('Tanggal persetujuan').fill('2026-01-02');
    await page.getByLabel('Diberikan oleh').fill('Siti Aminah');
    await basis.getByRole('button', { name: 'Simpan', exact: true }).click();
    await main().locator('[role="status"]', { hasText: 'Dasar hukum tersimpan.' }).waitFor();
    await basis.getByText('Persetujuan diberikan 2 Jan 2026 oleh Siti Aminah.').waitFor();
    await checkA11y(page, 'member legal basis');

    assert.equal(
      await page.getByRole('link', { name: 'Unduh data pribadi (PDF)' }).getAttribute('href'),
      `/api/v1/anggota/${aid}/data-pribadi?format=pdf`,
    );
    await page.getByRole('button', { name: 'Hapus data pribadi' }).click();
    await main().getByText('Belum boleh dihapus:').waitFor();
    await main().getByText(/Masa retensi/).waitFor();
    await checkA11y(page, 'member erasure refused');
    await assertNoHorizontalScroll(page, 'member privacy sections');
  });

  it('finds the person by NIK and by name, and the household by No. KK', async () => {
    await globalSearch(page, NIK);
    const person = main().locator('a.list-link', { hasText: 'Siti Aminah' });
    await person.waitFor();
    assert.match(await person.textContent(), /3671\*{8}0001/, 'the NIK is masked in results');
    await main().locator('h2', { hasText: 'Keluarga (0)' }).waitFor();
    await checkA11y(page, 'search by NIK');

    await globalSearch(page, 'siti am');
    await main().locator('a.list-link', { hasText: 'Siti Aminah' }).waitFor();
    await main().getByText('Tidak ada wilayah yang cocok').waitFor();

    await globalSearch(page, NO_KK);
    await main().locator('a.list-link', { hasText: 'Jl. Kenanga No. 4' }).click();
    await h1().filter({ hasText: 'Keluarga di Jl. Kenanga No. 4' }).waitFor();
    page.assertClean();
  });

  it('lets kepala read without edit or unmask controls', async () => {
    const k = await newPhonePage(browser);
    await uiLogin(k.page, server.base, 'kepala');
    await k.page.goto(url(`/keluarga/${kid}`));
    await k.page.locator('main h1', { hasText: 'Jl. Kenanga No. 4' }).waitFor();
    await k.page.getByText('Peran Kepala Dinas hanya dapat membaca data registri.').waitFor();
    assert.equal(await k.page.getByRole('button', { name: 'Ubah data keluarga' }).count(), 0);
    assert.equal(await k.page.getByRole('button', { name: 'Tampilkan No. KK' }).count(), 0);
    await checkA11y(k.page, 'household view (kepala)');
    await k.page.goto(url(`/anggota/${aid}`));
    await k.page.locator('main h1', { hasText: 'Siti Aminah' }).waitFor();
    assert.equal(await k.page.getByRole('button', { name: 'Tampilkan data khusus' }).count(), 0);
    assert.equal(await k.page.getByRole('button', { name: 'Tambah klasifikasi PPKS' }).count(), 0);
    k.page.assertClean();
    await k.context.close();
  });

  it("shows the admin a person's change in the audit trail in words, the raw JSON on request", async () => {
    // The operator records the person's death (the member form's Keberadaan select).
    await page.goto(url(`/anggota/${aid}`));
    await h1().filter({ hasText: 'Siti Aminah' }).waitFor();
    await page.getByRole('button', { name: 'Ubah data anggota' }).click();
    await page.getByLabel('Keberadaan').selectOption('meninggal');
    await page.getByLabel('Alasan perubahan').fill('Meninggal menurut ketua RT');
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await main().locator('[role="status"]', { hasText: /Perubahan disimpan \(versi \d+\)/ }).waitFor();

    const a = await newPhonePage(browser);
    await uiLogin(a.page, server.base, 'admin');
    await a.page.goto(url('/audit'));
    await a.page.locator('main h1', { hasText: 'Jejak audit' }).waitFor();
    await a.page.getByLabel('Aksi').fill('anggota.update');
    // The kind of record in words (it was a text field expecting the server's key).
    await a.page.getByLabel('Jenis rekaman').selectOption({ label: 'Anggota keluarga' });
    await a.page.getByLabel('Kunci rekaman').fill(String(aid));
    await a.page.getByRole('button', { name: 'Terapkan saringan' }).click();
    const card = a.page.locator('ul.audit-list > li', { hasText: 'Meninggal menurut ketua RT' });
    await card.waitFor();
    // What an admin checks: who changed which field from what to what, in words; the record by its kind.
    const change = card.getByRole('list', { name: 'Yang berubah' });
    // The card can show before its change list is filled (the list re-renders when the filter
    // applies): wait for the list's first line, then read all of it.
    await change.locator('li').first().waitFor();
    assert.deepEqual((await change.locator('li').allTextContents()).map((x) => x.replace(/\s+/g, ' ').trim()), [
      'Keberadaan: sebelum Ada → sesudah Meninggal',
    ]);
    await card.locator('.audit-detail', { hasText: 'Alasan: Meninggal menurut ketua RT' }).waitFor();
    await card.locator('.card-meta', { hasText: `Anggota keluarga ${aid}` }).waitFor();
    await card.locator('.card-meta', { hasText: 'operator (Operator Dinas)' }).waitFor();
    assert.equal(await card.locator('pre.audit-json').count(), 0, 'no raw JSON until asked');
    await checkA11y(a.page, 'audit: a person changed');
    await assertNoHorizontalScroll(a.page, 'audit: a person changed');

    await card.getByRole('button', { name: /^Rincian entri #\d+$/ }).click();
    await card.getByRole('button', { name: /^Tampilkan JSON mentah #\d+$/ }).click();
    assert.match(await card.locator('pre.audit-json').nth(1).textContent(), /"status_keberadaan": "meninggal"/);
    await checkA11y(a.page, 'audit: raw JSON shown');
    await assertNoHorizontalScroll(a.page, 'audit: raw JSON shown');
    a.page.assertClean();
    await a.context.close();
  });
});
