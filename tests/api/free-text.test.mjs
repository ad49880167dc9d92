// A full NIK or No. KK typed into free text (notes, reasons, addresses, activity descriptions, a
// proposal's content, a ground check's answers) would be stored and shown unmasked, outside the
// blind index and the masking rules: every JSON write refuses it with a 400 at the exact field
// ("... tidak boleh memuat NIK/No. KK lengkap; tulis 4 digit terakhir"), plain or split by spaces,
// dots or dashes, and writes nothing; offline sync refuses that operation only. The fields made
// for the numbers (nik, no_kk) take them as before; a phone number or a 12-digit number passes.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { KELURAHAN, RW1, activePilar, api, login, setupDataDir, startServer } from './helpers.mjs';

const TODAY = new Date().toISOString().slice(0, 10);
const GPS = { lat: -6.1781, lon: 106.6319 };
const NIK = '3671014507900002';
const FULL = ['3671014507900002', '3671 0145 0790 0002', '3671.0145.0790.0002', '3671-0145-0790-0002'];

describe('a full NIK / No. KK in free text', () => {
  let data;
  let srv;
  const s = {};
  const ids = {};
  const call = (method, p, who, body, lang) => api(srv, method, p, { session: s[who], body, lang });
  const audit = async () => (await call('GET', '/api/v1/audit?limit=1', 'admin')).json.items[0]?.seq ?? 0;

  before(async () => {
    data = await setupDataDir();
    srv = await startServer({ dataDir: data.dir });
    for (const u of ['admin', 'operator', 'tksk', 'psm']) s[u] = await login(srv, u);
    const h = await call('POST', '/api/v1/keluarga', 'psm', { no_kk: '3671012001150001', kode_wilayah: KELURAHAN, rw: '1', rt: '2', alamat: 'Jl. Kenari No. 7' });
    assert.equal(h.status, 201, h.text);
    ids.keluarga = h.json.id;
    const p = await call('POST', '/api/v1/anggota', 'psm', { keluarga_id: h.json.id, nik: NIK, nama: 'Sri Wahyuni', jenis_kelamin: 'P', tanggal_lahir: '1990-07-05', hubungan: 'kepala_keluarga' });
    assert.equal(p.status, 201, p.text);
    ids.anggota = p.json.id;
    ids.anggotaVersion = p.json.version;
    await activePilar(srv, s.operator, { nama: 'Siti Rahayu', username: 'psm', wilayah: [RW1] });
    const u = await call('POST', '/api/v1/usulan', 'psm', { keluarga_id: h.json.id, jenis: 'perubahan', isi: { alamat: 'Jl. Baru' } });
    assert.equal(u.status, 201, u.text);
    ids.usulan = u.json.id;
  });
  after(async () => {
    await srv?.stop();
    data?.remove();
  });

  test('every kind of write refuses it at the exact field, in the caller\'s language, and writes nothing', async () => {
    const cases = (nik) => [
      ['POST', '/api/v1/keluarga', 'psm', { no_kk: '3671012001150002', kode_wilayah: KELURAHAN, rw: '1', alamat: `Rumah NIK ${nik}` }, 'alamat'],
      ['PATCH', `/api/v1/anggota/${ids.anggota}`, 'psm', { version: ids.anggotaVersion, alasan: `koreksi KK ${nik}`, nama: 'Sri W' }, 'alasan'],
      ['POST', '/api/v1/usulan', 'psm', { keluarga_id: ids.keluarga, jenis: 'perubahan', isi: { alamat: 'Jl. Baru', keterangan: [`lihat ${nik}`] } }, 'isi.keterangan[0]'],
      ['POST', `/api/v1/usulan/${ids.usulan}/transisi`, 'psm', { ke: 'diajukan', catatan: `NIK ${nik}` }, 'catatan'],
      ['POST', '/api/v1/laporan-kegiatan', 'psm', { tanggal: TODAY, jenis: 'kunjungan_rumah', uraian: `Kunjungan ke ${nik}`, ...GPS }, 'uraian'],
      ['POST', '/api/v1/acara', 'operator', { judul: 'Pembinaan', jenis: 'pembinaan', tanggal_mulai: '2026-12-02', tanggal_selesai: '2026-12-02', tempat: `Aula ${nik}`, kapasitas: 5, penyelenggara: 'Dinas', kode_wilayah: KELURAHAN }, 'tempat'],
    ];
    for (const nik of FULL)
      for (const [method, p, who, body, field] of cases(nik)) {
        const seq = await audit();
        const r = await call(method, p, who, body);
        assert.equal(r.status, 400, `${method} ${p} (${nik}): ${r.text}`);
        assert.equal(r.json.error.field, field, r.text);
        assert.equal(r.json.error.message, `${field} tidak boleh memuat NIK/No. KK lengkap; tulis 4 digit terakhir`);
        assert.doesNotMatch(r.text, /\d{16}|\d{4}[ .-]\d{4}[ .-]\d{4}[ .-]\d{4}/, 'the refusal does not quote the number');
        assert.equal(await audit(), seq, `${method} ${p} wrote nothing`);
      }
    const en = await call('POST', '/api/v1/laporan-kegiatan', 'psm', { tanggal: TODAY, jenis: 'rapat', uraian: `KK ${NIK}` }, 'en');
    assert.equal(en.json.error.message, 'uraian must not contain a full NIK/No. KK; write the last 4 digits');
  });

  test('a ground check\'s answers are free text too', async () => {
    const d = await call('POST', '/api/v1/daftar-periksa', 'operator', { nama: 'Periksa', kode_wilayah: KELURAHAN });
    assert.equal(d.status, 201, d.text);
    assert.equal((await call('POST', `/api/v1/daftar-periksa/${d.json.id}/bagi`, 'operator', {})).status, 200);
    const item = (await call('GET', '/api/v1/periksa?saya=1', 'psm')).json.items[0];
    const r = await call('POST', `/api/v1/periksa/${item.id}/hasil`, 'psm', { version: item.version, hasil: 1, ...GPS, jawaban: { penghuni: [{ nama: 'Sri', catatan: `KTP ${FULL[1]}` }] } });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'jawaban.penghuni[0].catatan');
    // Sent as a JSON number (it fits one exactly), it is refused just the same.
    const n = await call('POST', `/api/v1/periksa/${item.id}/hasil`, 'psm', { version: item.version, hasil: 1, ...GPS, jawaban: { penghuni: [{ nama: 'Sri', ktp: Number(NIK) }] } });
    assert.equal(n.status, 400, n.text);
    assert.equal(n.json.error.field, 'jawaban.penghuni[0].ktp');
    assert.equal((await call('GET', `/api/v1/periksa/${item.id}`, 'psm')).json.status, 'belum');
  });

  test('phone numbers, 12-digit numbers, dates and the number fields themselves pass', async () => {
    const ok = [
      ['POST', '/api/v1/laporan-kegiatan', 'psm', { tanggal: TODAY, jenis: 'rapat', uraian: 'Hubungi 0812-3456-7890 atau +62 812 3456 7890; NIK ...0002' }],
      ['POST', '/api/v1/laporan-kegiatan', 'psm', { tanggal: TODAY, jenis: 'rapat', uraian: 'Nomor BPJS 367101450790, rapat 2026-11-30 2026-12-01' }],
      ['POST', '/api/v1/keluarga', 'psm', { no_kk: '3671012001150003', kode_wilayah: KELURAHAN, rw: '1', alamat: 'Jl. Melati 12, RT 36.71.01.1001.001.002' }],
    ];
    for (const [method, p, who, body] of ok) {
      const r = await call(method, p, who, body);
      assert.equal(r.status, 201, `${method} ${p}: ${r.text}`);
    }
    const person = await call('POST', '/api/v1/anggota', 'psm', { keluarga_id: ids.keluarga, nik: '3671015203750004', nama: 'Anak', jenis_kelamin: 'L', tanggal_lahir: '2016-08-09', hubungan: 'anak' });
    assert.equal(person.status, 201, 'the nik field takes a NIK');
  });

  test('offline sync refuses only the operation that holds it, naming the field', async () => {
    const r = await call('POST', '/api/v1/sync', 'psm', { perangkat: 'hp', ops: [
      { op_id: randomUUID(), jenis: 'kegiatan.buat', data: { uid: randomUUID(), tanggal: TODAY, jenis: 'rapat', uraian: `KK ${FULL[2]}` } },
      { op_id: randomUUID(), jenis: 'kegiatan.buat', data: { uid: randomUUID(), tanggal: TODAY, jenis: 'rapat', uraian: 'Rapat RW' } },
    ] });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.hasil.map((h) => [h.status, h.error?.field]), [['ditolak', 'uraian'], ['diterapkan', undefined]]);
    assert.equal(r.json.hasil[0].error.message, 'uraian tidak boleh memuat NIK/No. KK lengkap; tulis 4 digit terakhir');
  });
});
