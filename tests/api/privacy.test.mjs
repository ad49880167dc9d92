// Data-subject rights over HTTP (src/privacy, docs/privacy.md): the legal basis per person
// (consent needs date and giver, a child needs a parent or guardian; audited), the data-subject
// access export as JSON and PDF (operator only, scoped, audited), and erasure: refused with every
// reason while retention forbids it, then — with the retention period over — the person is
// anonymised, the audit trail keeps no trace of their name or NIK, and `pilar audit verify` passes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { KELURAHAN, PASSWORD, api, login, pilarOk, runPilar, setupDataDir, startServer } from './helpers.mjs';

const RW2 = `${KELURAHAN}.002`;
const NIK_SITI = '3671014507900001';
const NIK_BUDI = '3671010101150002';
const KK1 = '3671012001150003';

describe('privacy', () => {
  let data;
  let srv;
  const s = {};
  const id = {};

  const start = async (args = []) => {
    srv = await startServer({ dataDir: data.dir, args });
    for (const u of ['admin', 'operator', 'kepala', 'psm', 'psm-dua']) s[u] = await login(srv, u);
  };
  const call = (method, p, who, body) => api(srv, method, p, { session: s[who], body });

  before(async () => {
    data = await setupDataDir();
    await pilarOk(['wilayah', 'create', KELURAHAN, '2', '--data', data.dir]);
    await pilarOk(['user', 'add', 'psm-dua', '--role', 'psm', '--wilayah', RW2, '--password-stdin', '--data', data.dir], {
      input: `${PASSWORD}\n`,
    });
    await start();
    const k = await call('POST', '/api/v1/keluarga', 'psm', { no_kk: KK1, kode_wilayah: KELURAHAN, rw: '1', alamat: 'Jl. Kenari 5' });
    assert.equal(k.status, 201, k.text);
    id.k = k.json.id;
    const siti = await call('POST', '/api/v1/anggota', 'psm', {
      keluarga_id: id.k, nik: NIK_SITI, nama: 'Siti Aminah', jenis_kelamin: 'P', tanggal_lahir: '1990-07-05',
      hubungan: 'kepala_keluarga', disabilitas_jenis: 'fisik', disabilitas_tingkat: 'berat',
    });
    assert.equal(siti.status, 201, siti.text);
    id.siti = siti.json.id;
    const budi = await call('POST', '/api/v1/anggota', 'psm', {
      keluarga_id: id.k, nik: NIK_BUDI, nama: 'Budi Santoso', jenis_kelamin: 'L', tanggal_lahir: '2015-01-01', hubungan: 'anak',
    });
    assert.equal(budi.status, 201, budi.text);
    id.budi = budi.json.id;
  });

  after(async () => {
    await srv?.stop();
    data?.remove();
  });

  test('legal basis: public task by default; consent needs date and giver; a child needs a guardian; audited', async () => {
    const base = `/api/v1/anggota/${id.siti}/dasar-hukum`;
    let r = await call('GET', base, 'kepala');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.dasar, 'tugas_publik');
    assert.equal(r.json.tercatat, false);

    r = await call('PUT', base, 'psm', { dasar: 'persetujuan', persetujuan_oleh: 'Siti Aminah' });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'persetujuan_tanggal');
    r = await call('PUT', base, 'psm', { dasar: 'persetujuan', persetujuan_tanggal: '2026-01-02', persetujuan_oleh: 'Siti Aminah' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.version, 1);
    r = await call('PUT', base, 'psm', { dasar: 'tugas_publik' });
    assert.equal(r.status, 409, 'a second change names the version it saw');
    assert.equal((await call('PUT', base, 'psm-dua', { dasar: 'tugas_publik', version: 1 })).status, 404, 'scope');
    assert.equal((await call('PUT', base, 'kepala', { dasar: 'tugas_publik', version: 1 })).status, 403);

    const child = `/api/v1/anggota/${id.budi}/dasar-hukum`;
    r = await call('GET', child, 'psm');
    assert.equal(r.json.anak, true);
    r = await call('PUT', child, 'psm', { dasar: 'tugas_publik' });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'wali_nama');
    r = await call('PUT', child, 'psm', { dasar: 'tugas_publik', wali_anggota_id: id.budi, wali_hubungan: 'ibu' });
    assert.equal(r.status, 400, 'nobody is their own guardian');
    r = await call('PUT', child, 'psm', { dasar: 'tugas_publik', wali_nama: 'Ani Lestari', wali_hubungan: 'ibu' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.wali_nama, 'Ani Lestari');

    const trail = await call('GET', `/api/v1/audit?action=anggota.dasar_hukum`, 'admin');
    assert.equal(trail.json.items.length, 2);
  });

  test('data-subject access export: everything about the person, JSON and PDF, operator only, audited', async () => {
    const u = await call('POST', '/api/v1/usulan', 'psm', { keluarga_id: id.k, anggota_id: id.siti, jenis: 'ppks', isi: { ppks: [9] } });
    assert.equal(u.status, 201, u.text);
    id.usulan = u.json.id;

    const p = `/api/v1/anggota/${id.siti}/data-pribadi`;
    for (const who of ['psm', 'kepala', 'admin']) assert.equal((await call('GET', p, who)).status, 403, who);
    const r = await call('GET', p, 'operator');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.anggota.nik, NIK_SITI);
    assert.equal(r.json.anggota.disabilitas.jenis, 'fisik');
    assert.equal(r.json.keluarga.no_kk, KK1);
    assert.equal(r.json.dasar_hukum.dasar, 'persetujuan');
    assert.deepEqual(r.json.usulan.map((x) => x.id), [id.usulan]);
    assert.ok(r.json.riwayat_perubahan.some((h) => h.aksi === 'anggota.dasar_hukum'), 'correction history');
    assert.match(r.headers.get('content-disposition') ?? '', /attachment/);

    const pdf = await fetch(srv.url(`${p}?format=pdf`), { headers: { cookie: s.operator.cookie } });
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    const file = path.join(data.root, 'subjek.pdf');
    fs.writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.match(text, /Data Pribadi yang Disimpan Pilar/);
    assert.match(text, /Siti Aminah/);
    assert.match(text, new RegExp(NIK_SITI));

    const trail = await call('GET', `/api/v1/audit?action=anggota.ekspor_subjek`, 'admin');
    assert.deepEqual(trail.json.items.map((e) => e.detail).sort(), ['json', 'pdf']);
    assert.equal((await call('GET', `/api/v1/anggota/${id.siti}/data-pribadi?format=xml`, 'operator')).status, 400);
  });

  test('erasure is refused with every reason while retention forbids it', async () => {
    const r = await call('GET', `/api/v1/anggota/${id.siti}/hapus-data`, 'operator');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.boleh, false);
    assert.deepEqual(r.json.hambatan.map((h) => h.kode), ['usulan_berjalan', 'masa_retensi']);
    const refused = await call('POST', `/api/v1/anggota/${id.siti}/hapus-data`, 'operator', { version: 1, alasan: 'surat 12/2026' });
    assert.equal(refused.status, 409, refused.text);
    assert.match(refused.json.error.message, /usulan/i);
    assert.equal((await call('POST', `/api/v1/anggota/${id.siti}/hapus-data`, 'psm', { version: 1, alasan: 'x' })).status, 403);
  });

  test('with the retention period over, erasure anonymises the person and the audit trail still verifies', async () => {
    // Close the proposal, mark the person as gone, restart with a zero retention period.
    assert.equal((await call('POST', `/api/v1/usulan/${id.usulan}/transisi`, 'psm', { ke: 'dibatalkan' })).status, 200);
    const now = await call('GET', `/api/v1/anggota/${id.siti}`, 'operator');
    const gone = await call('PATCH', `/api/v1/anggota/${id.siti}`, 'operator', {
      version: now.json.version, alasan: 'pindah ke luar kota', status_keberadaan: 'pindah',
    });
    assert.equal(gone.status, 200, gone.text);
    await srv.stop();
    await start(['--retention-days', '0']);

    const ok = await call('GET', `/api/v1/anggota/${id.siti}/hapus-data`, 'operator');
    assert.equal(ok.json.boleh, true, ok.text);
    const done = await call('POST', `/api/v1/anggota/${id.siti}/hapus-data`, 'operator', {
      version: gone.json.version, alasan: 'surat permintaan 12/2026',
    });
    assert.equal(done.status, 200, done.text);
    assert.deepEqual(done.json.usulan_dianonimkan, [id.usulan]);
    assert.ok(done.json.audit_diredaksi.length >= 4, done.text);

    const a = await call('GET', `/api/v1/anggota/${id.siti}?buka=ya&khusus=ya`, 'operator');
    assert.equal(a.json.nama, '(dianonimkan)');
    assert.equal(a.json.nik, null);
    assert.equal(a.json.tanggal_lahir, null);
    assert.equal(a.json.tahun_lahir, 1990);
    assert.equal(a.json.jenis_kelamin, 'P');
    assert.equal(a.json.disabilitas, null);
    assert.ok(a.json.dianonimkan_pada);
    assert.equal((await call('GET', `/api/v1/anggota?nik=${NIK_SITI}`, 'operator')).json.items.length, 0, 'no NIK look-up');
    const edit = await call('PATCH', `/api/v1/anggota/${id.siti}`, 'operator', { version: a.json.version, alasan: 'isi lagi', nama: 'Siti' });
    assert.equal(edit.status, 409, edit.text);

    // Nothing personal in the exported trail; the chain verifies from the CLI and the API.
    await srv.stop();
    const csv = path.join(data.root, 'audit.csv');
    await pilarOk(['audit', 'export', '--out', csv, '--data', data.dir]);
    const trail = fs.readFileSync(csv, 'utf8');
    assert.doesNotMatch(trail, /Siti Aminah/);
    assert.doesNotMatch(trail, new RegExp(NIK_SITI));
    assert.doesNotMatch(trail, /1990-07-05/);
    assert.match(trail, /audit\.redact/);
    const verify = await runPilar(['audit', 'verify', '--data', data.dir]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    await start();
    const v = await call('GET', '/api/v1/audit/verify', 'admin');
    assert.equal(v.json.ok, true, v.text);
  });

  test('the console: privacy export by NIK, check and erase', async () => {
    await srv.stop();
    const out = path.join(data.root, 'budi.json');
    await pilarOk(['privacy', 'export', '--nik', NIK_BUDI, '--out', out, '--data', data.dir]);
    const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.equal(doc.anggota.nik, NIK_BUDI);
    assert.equal(doc.dasar_hukum.wali_hubungan, 'ibu');
    assert.equal(fs.statSync(out).mode & 0o077, 0, 'owner-readable only');
    const check = await runPilar(['privacy', 'check', '--id', String(id.budi), '--data', data.dir]);
    assert.equal(check.code, 1, check.stderr);
    assert.match(check.stdout, /masih_terdaftar/);
    const erase = await runPilar(['privacy', 'erase', '--id', String(id.budi), '--reason', 'uji', '--data', data.dir]);
    assert.equal(erase.code, 1);
    assert.match(erase.stderr, /masih terdaftar/);
    const both = await runPilar(['privacy', 'export', '--id', '1', '--nik', NIK_BUDI, '--data', data.dir]);
    assert.equal(both.code, 2);
    await start();
  });
});
