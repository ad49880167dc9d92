// The audit trail's change list (web/src/screens/audit/changes.ts): an entry's before/after in
// words in the reader's language. Before, the screen showed the server's raw JSON only. The
// entries below are as the server writes them (captured from a demo server).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importWeb, inLang as switchLang, withDom } from './lib.mjs';

withDom();
const web = await importWeb(['i18n/index.ts', 'screens/audit/changes.ts']);
const inLang = (lang) => switchLang(web, lang);

// The registry's code lists, as /api/v1/registry/kosakata hands them out (the part used here).
const vocab = {
  kosakata: {
    status_keberadaan: { banyak: false, kode: [{ kode: 'ada', id: 'Ada', en: 'Present' }, { kode: 'meninggal', id: 'Meninggal', en: 'Died' }] },
    jenis_atap: { banyak: false, kode: [{ kode: 'seng', id: 'Seng', en: 'Zinc sheet' }, { kode: 'genteng', id: 'Genteng', en: 'Roof tiles' }] },
    aset: { banyak: true, kode: [{ kode: 'tv', id: 'Televisi', en: 'Television' }, { kode: 'ac', id: 'AC', en: 'Air conditioner' }] },
  },
  ppks: [{ kode: 3, nama: 'Anak yang Berhadapan dengan Hukum', singkatan: 'ABH', kelompok_atensi: 'anak' }],
};

const rows = (entry) => web.describeChanges(entry, vocab).map((r) => `${r.label}: ${r.before ?? ''} → ${r.after ?? ''}`);

const anggotaUpdate = {
  entity: 'anggota',
  before_json: '{"tanggal_lahir":"1985-03-28","status_keberadaan":"ada","tahun_lahir":1985,"version":1,"diubah_pada":"2026-11-30T03:22:55.536Z","diubah_oleh":"demo","disabilitas_enc":null}',
  after_json: '{"tanggal_lahir":"1970-01-02","status_keberadaan":"meninggal","tahun_lahir":1970,"version":2,"diubah_pada":"2026-11-30T03:23:23.617Z","diubah_oleh":"operator","disabilitas_enc":"v1.1.mwIVV8-39X5kSL8dTvdHmqIsjf_e2RJmic9tfep44Adww9RTh6isU1c8zlfckNZp-4GHpQ"}',
};

describe('an audit entry in words', () => {
  it('a person changed: labels, codes and dates in Indonesian; bookkeeping and derived fields left out', async () => {
    await inLang('id');
    assert.deepEqual(rows(anggotaUpdate), [
      'Tanggal lahir: 28 Mar 1985 → 2 Jan 1970',
      'Keberadaan: Ada → Meninggal',
      'Disabilitas: — → data khusus (terenkripsi)',
    ]);
  });

  it('the same in English', async () => {
    await inLang('en');
    assert.deepEqual(rows(anggotaUpdate), [
      'Date of birth: 28 Mar 1985 → 2 Jan 1970',
      'Whereabouts: Present → Died',
      'Disability: — → special data (encrypted)',
    ]);
  });

  it('a household changed: lists of codes by their labels', async () => {
    await inLang('en');
    const e = {
      entity: 'keluarga',
      before_json: '{"alamat":"Jl. Mawar II No. 108","jenis_atap":"seng","aset":["tv"],"version":1}',
      after_json: '{"alamat":"Jl. Baru 5","jenis_atap":"genteng","aset":["tv","ac"],"version":2}',
    };
    assert.deepEqual(rows(e), [
      'Address: Jl. Mawar II No. 108 → Jl. Baru 5',
      'Main roof material: Zinc sheet → Roof tiles',
      'Assets: Television → Television, Air conditioner',
    ]);
  });

  it('a record created: its filled fields only, masked numbers as they are', async () => {
    await inLang('id');
    const e = {
      entity: 'keluarga',
      before_json: null,
      after_json: '{"id":31,"no_kk":"3671********0009","no_kk_tersamar":true,"kode_wilayah":"36.71.01.1001","rw":"001","rt":null,"alamat":"Jl. Periksa 1","aset":[],"version":1}',
    };
    const r = web.describeChanges(e, vocab);
    assert.deepEqual(
      r.map((x) => [x.label, x.before, x.after]),
      [
        ['No. KK', null, '3671********0009'],
        ['Kelurahan/desa', null, '36.71.01.1001'],
        ['RW', null, '001'],
        ['Alamat', null, 'Jl. Periksa 1'],
      ],
    );
  });

  it('a ground-check result: the result in words and the nested answers readable', async () => {
    await inLang('id');
    const e = {
      entity: 'periksa',
      before_json: '{"status":"belum","hasil":null,"jawaban":null,"lat":null,"lon":null,"checked_by":null,"checked_at":null,"version":2}',
      after_json: '{"status":"selesai","hasil":1,"jawaban":{"catatan":"Rumah ada","penghuni":[{"nama":"Sri","umur":40}]},"lat":-6.17E0,"lon":1.0663E2,"checked_by":"psm","checked_at":"2026-11-30T03:23:37.741Z","version":3}',
    };
    assert.deepEqual(rows(e), [
      'Status: Belum diperiksa → Selesai diperiksa',
      'Hasil kunjungan: — → 1. Ditemukan, selesai didata',
      'Lintang: — → -6.17',
      'Bujur: — → 106.63',
      'Jawaban › Catatan: — → Rumah ada',
      'Jawaban › Penghuni › 1 › Nama: — → Sri',
      'Jawaban › Penghuni › 1 › Umur: — → 40',
    ]);
  });

  it('a pilar sosial status: the status in words, the typed reason as typed', async () => {
    await inLang('en');
    const e = {
      entity: 'pilar_sosial',
      before_json: '{"status":"aktif","status_alasan":null,"updated_at":"2026-11-30T03:22:55.397Z"}',
      after_json: '{"status":"nonaktif","status_alasan":"Pindah domisili","updated_at":"2026-11-30T03:23:23.718Z"}',
    };
    assert.deepEqual(rows(e), ['Status: Active → Inactive', 'Reason: — → Pindah domisili']);
    assert.equal(web.detailText('pilar_sosial.status', 'Pindah domisili'), 'Reason: Pindah domisili');
  });

  it('a field no table knows keeps its key; a value erased says so in words', async () => {
    await inLang('en');
    const e = { entity: 'x', before_json: '{"frobnik":"a","catatan":"[dihapus]"}', after_json: '{"frobnik":"b","catatan":"x"}' };
    assert.deepEqual(rows(e), ['frobnik: a → b', 'Note: removed (personal-data erasure or clean-up) → x']);
    assert.equal(web.detailText('anggota.update', '[dihapus]'), 'removed (personal-data erasure or clean-up)');
  });

  it('a proposal moved: its states in words', async () => {
    await inLang('en');
    assert.equal(web.detailText('usulan.ajukan', 'draft -> diajukan'), 'Draft → Submitted');
  });

  it('a payload that is not a JSON object is left to the raw view; nothing changed is an empty list', async () => {
    assert.equal(web.describeChanges({ entity: 'x', before_json: '[1,2]', after_json: '[1,3]' }, vocab), null);
    assert.deepEqual(web.describeChanges({ entity: 'x', before_json: '{"a":1}', after_json: '{"a":1}' }, vocab), []);
  });

  it("the server's own detail lines in the reader's language", async () => {
    await inLang('en');
    assert.equal(web.detailText('auth.login_failed', 'kata sandi salah / wrong password (3)'), 'wrong password (3)');
    assert.equal(web.detailText('anggota.view_special', 'nik,data_khusus'), 'NIK, special data');
    assert.equal(web.detailText('anggota.ppks_end', 'ppks 3 sampai 2026-11-30', vocab), 'PPKS: Anak yang Berhadapan dengan Hukum (ABH) until 30 Nov 2026');
    assert.equal(web.detailText('pilar_sosial.impor', '995 pilar sosial dimuat'), '995 pilar sosial loaded');
    assert.equal(web.detailText('auth.login', 'Mozilla/5.0'), 'Device: Mozilla/5.0');
    await inLang('id');
    assert.equal(web.detailText('auth.login_failed', 'kata sandi salah / wrong password (3)'), 'kata sandi salah (3)');
    assert.equal(web.detailText('keluarga.unmask', 'no_kk'), 'No. KK');
    // A reason someone typed stays as typed, even with a slash in it.
    assert.equal(web.detailText('keluarga.update', 'RT 01 / RW 02 salah'), 'Alasan: RT 01 / RW 02 salah');
  });

  it("the services' sentences around numbers in English, the typed note inside them as typed", async () => {
    await inLang('en');
    const cases = [
      ['duplikat.proses', 'wilayah 36.71 orang 1200 pasangan 14 baru 3 diperbarui 2 sudah_diputus 1', 'area 36.71: 1200 people, 14 pairs, 3 new, 2 updated, 1 already decided'],
      ['duplikat.gabung', 'anggota 12 dan 15; penyintas 12; orang yang sama, cek KK', 'members 12 and 15; kept 12; orang yang sama, cek KK'],
      ['duplikat.batal', 'batal digabung; anggota 12 dan 15; salah gabung', 'undone (digabung); members 12 and 15; salah gabung'],
      ['anggota.gabung', '15 digabung ke 12; ppks dipindah [3,7]; sama', '15 merged into 12; PPKS moved [3,7]; sama'],
      ['acara.check_in', 'acara 4 sesi 9 masuk', 'event 4, session 9, masuk'],
      ['acara.sertifikat', '120 sertifikat, minimal 2 sesi', '120 certificates, at least 2 sessions'],
      ['acara.undian', 'Kursi roda: 3 pemenang dari 40 calon, seed 77', 'Kursi roda: 3 winners of 40 candidates, seed 77'],
      ['acara.ekspor', 'daftar hadir (35 baris)', 'daftar hadir (35 rows)'],
      ['audit.bersihkan', 'data khusus dan NIK/No. KK lengkap yang tersimpan sebelum aturan tulis dibersihkan: 3500 entri audit, 6000 baris teks bebas', 'special data and full NIK/No. KK saved before the write rules cleaned: 3500 audit entries, 6000 free-text rows'],
    ];
    for (const [action, detail, en] of cases) assert.equal(web.detailText(action, detail), en, action);
    await inLang('id');
    for (const [action, detail] of cases) assert.equal(web.detailText(action, detail), detail, `${action} stays as the server wrote it`);
  });
});

// Before, these details showed as the server wrote them: "jenis=bnba format=xlsx tersamar=ya
// baris=300 saringan: kode_wilayah=36.71", "bytes=5160960 schema=25 …", an import's JSON.
describe("an entry's key=value or JSON detail in words (exports, backups, imports)", () => {
  const cases = [
    [
      'registry.export',
      'jenis=bnba format=xlsx tersamar=ya baris=300 saringan: kode_wilayah=36.71',
      'Isi: Daftar BNBA (nama dan alamat) · Format: XLSX · NIK/No. KK: disamarkan · Baris: 300 · Saringan: Wilayah 36.71',
      'Contents: BNBA list (names and addresses) · Format: XLSX · NIK/No. KK: masked · Rows: 300 · Filter: Area 36.71',
    ],
    [
      'registry.export',
      'jenis=anggota format=csv tersamar=tidak baris=1200 saringan: kode_wilayah=36.71.01 nama=Siti Aminah ppks=3 desil_max=4',
      'Isi: Anggota (anggota.csv) · Format: CSV · NIK/No. KK: lengkap · Baris: 1.200 · Saringan: Wilayah 36.71.01, Nama Siti Aminah, PPKS Anak yang Berhadapan dengan Hukum (ABH), Desil sampai 4',
      'Contents: Members (anggota.csv) · Format: CSV · NIK/No. KK: in full · Rows: 1,200 · Filter: Area 36.71.01, Name Siti Aminah, PPKS Anak yang Berhadapan dengan Hukum (ABH), Decile to 4',
    ],
    [
      'registry.export',
      'jenis=keluarga format=csv tersamar=ya baris=0 saringan: -',
      'Isi: Keluarga (keluarga.csv) · Format: CSV · NIK/No. KK: disamarkan · Baris: 0 · Saringan: tidak ada',
      'Contents: Households (keluarga.csv) · Format: CSV · NIK/No. KK: masked · Rows: 0 · Filter: none',
    ],
    [
      'pilar_sosial.ekspor',
      'bulan=2026-11 wilayah=36.71 jenis=psm format=xlsx baris=12',
      'Bulan: Nov 2026 · Wilayah: 36.71 · Jenis: PSM · Format: XLSX · Baris: 12',
      'Month: Nov 2026 · Area: 36.71 · Kind: PSM · Format: XLSX · Rows: 12',
    ],
    [
      'usulan.ekspor_unggah',
      '{"berkas":"usulan-disetujui-36.71-2026-11-30.csv","usulan":3,"baris":5,"status":"disetujui","ditandai":true,"kode_wilayah":""}',
      'Berkas: usulan-disetujui-36.71-2026-11-30.csv · Usulan: 3 · Baris: 5 · Status: Disetujui · Ditandai diekspor: ya · Wilayah: seluruh wilayah pengguna',
      "File: usulan-disetujui-36.71-2026-11-30.csv · Proposals: 3 · Rows: 5 · Status: Approved · Marked exported: yes · Area: the user's whole area",
    ],
    ['audit.export', 'all', 'Semua entri', 'All entries'],
    [
      'audit.export',
      'from=2026-11-01 to=2026-11-30 action=registry.export',
      'Dari tanggal: 1 Nov 2026 · Sampai tanggal (termasuk): 30 Nov 2026 · Aksi: Daftar diekspor',
      'From date: 1 Nov 2026 · To date (inclusive): 30 Nov 2026 · Action: List exported',
    ],
    [
      'db.backup',
      'bytes=5160960 schema=25 keluarga=300 anggota=1048 audit_head=46:cac8a84c1c9b',
      'Ukuran: 4,9 MB · Skema: 25 · Keluarga: 300 · Anggota: 1.048 · Ujung jejak audit: entri #46, hash cac8a84c1c9b',
      'Size: 4.9 MB · Schema: 25 · Households: 300 · Persons: 1,048 · Audit trail head: entry #46, hash cac8a84c1c9b',
    ],
    [
      'db.restore',
      'from=/srv/cadangan/pilar 2026.db kept_old=-',
      'Dari berkas: /srv/cadangan/pilar 2026.db · Data lama disimpan di: tidak ada',
      'From file: /srv/cadangan/pilar 2026.db · Old data kept at: none',
    ],
    [
      'keluarga.import',
      '{"file":"keluarga.csv","sha256":"","baris":300,"baru":298,"berubah":1,"sama":1,"ditolak":0}',
      'Berkas: keluarga.csv · Baris: 300 · Baru: 298 · Berubah: 1 · Tidak berubah: 1 · Ditolak: 0',
      'File: keluarga.csv · Rows: 300 · New: 298 · Changed: 1 · Unchanged: 1 · Rejected: 0',
    ],
    ['anggota.ekspor_subjek', 'pdf', 'Format: PDF', 'Format: PDF'],
    // A key no table knows keeps its name.
    ['dashboard.rebuild', 'dasbor_ppks=26', 'dasbor_ppks: 26', 'dasbor_ppks: 26'],
  ];

  it('in Indonesian', async () => {
    await inLang('id');
    for (const [action, detail, id] of cases) assert.equal(web.detailText(action, detail, vocab), id, action);
  });

  it('in English', async () => {
    await inLang('en');
    for (const [action, detail, , en] of cases) assert.equal(web.detailText(action, detail, vocab), en, action);
  });

  it('a reason typed with "=" in it stays a reason', async () => {
    await inLang('id');
    assert.equal(web.detailText('keluarga.update', 'rt=003 salah ketik'), 'Alasan: rt=003 salah ketik');
  });

  it("a ground-check list's filter and counts in words", async () => {
    const e = {
      entity: 'daftar_periksa',
      before_json: null,
      after_json: '{"id":1,"nama":"Periksa Sukarasa","sumber":"filter","keterangan":"kode_wilayah=36.71.01.1001 desil>=1 desil<=4","created_by":"operator","created_at":"2026-11-30T06:02:33.755Z","total":3,"selesai":0,"tanpa_petugas":3}',
    };
    await inLang('id');
    assert.deepEqual(rows(e), [
      'Nama daftar:  → Periksa Sukarasa',
      'Disusun:  → dari filter registri',
      'Saringan:  → Wilayah 36.71.01.1001, Desil dari 1, Desil sampai 4',
      'Jumlah keluarga:  → 3',
      'Selesai diperiksa:  → 0',
      'Belum ditugaskan:  → 3',
    ]);
    await inLang('en');
    assert.deepEqual(rows(e).slice(1, 3), ['Built:  → from a registry filter', 'Filter:  → Area 36.71.01.1001, Decile from 1, Decile to 4']);
  });
});
