// What each audit action means, in the reader's language ("auth.login" → "Masuk" / "Signed in").
// The trail showed only the server's keys. The table lives with the audit screen rather than in
// i18n/messages.ts because only this lazily loaded screen uses it: the eagerly loaded Indonesian
// catalogue stays as small as it was. Both languages are required by the type; a key the table
// does not know (an action added on the server later) is shown as the key alone.
import { lang } from '../../i18n';

const ACTIONS: Record<string, { id: string; en: string }> = {
  'auth.login': { id: 'Masuk', en: 'Signed in' },
  'auth.login_failed': { id: 'Gagal masuk', en: 'Failed sign-in' },
  'auth.locked': { id: 'Akun dikunci sementara', en: 'Account locked for a while' },
  'auth.logout': { id: 'Keluar', en: 'Signed out' },
  'user.create': { id: 'Akun dibuat', en: 'Account created' },
  'user.disable': { id: 'Akun dinonaktifkan', en: 'Account disabled' },
  'user.enable': { id: 'Akun diaktifkan lagi', en: 'Account enabled' },
  'user.password_change': { id: 'Kata sandi diganti', en: 'Password changed' },
  'user.password_reset': { id: 'Kata sandi disetel ulang', en: 'Password reset' },
  'token.create': { id: 'Token API dibuat', en: 'API token created' },
  'token.revoke': { id: 'Token API dicabut', en: 'API token revoked' },
  'audit.export': { id: 'Jejak audit diekspor', en: 'Audit trail exported' },
  'audit.redact': { id: 'Isi jejak audit dihapus (hak subjek)', en: 'Audit content erased (subject right)' },
  'audit.bersihkan': { id: 'Data khusus dan NIK lengkap lama dibersihkan', en: 'Old special data and full ID numbers cleared' },
  'db.backup': { id: 'Cadangan basis data', en: 'Database backup' },
  'db.restore': { id: 'Pemulihan basis data', en: 'Database restore' },
  'dashboard.rebuild': { id: 'Dasbor dihitung ulang', en: 'Dashboard recounted' },
  'wilayah.create': { id: 'Wilayah dibuat', en: 'Area created' },
  'wilayah.rename': { id: 'Wilayah diganti nama', en: 'Area renamed' },
  'wilayah.retire': { id: 'Wilayah dinonaktifkan', en: 'Area retired' },
  'wilayah.reactivate': { id: 'Wilayah diaktifkan lagi', en: 'Area reactivated' },
  'wilayah.load': { id: 'Data wilayah dimuat', en: 'Area data loaded' },
  'wilayah.demo_seed': { id: 'Wilayah demo dibuat', en: 'Demo areas created' },
  'keluarga.create': { id: 'Keluarga dicatat', en: 'Household recorded' },
  'keluarga.update': { id: 'Keluarga diubah', en: 'Household changed' },
  'keluarga.unmask': { id: 'No. KK/NIK lengkap dibuka', en: 'Full No. KK/NIK shown' },
  'keluarga.import': { id: 'Impor keluarga', en: 'Household import' },
  'anggota.create': { id: 'Anggota dicatat', en: 'Person recorded' },
  'anggota.update': { id: 'Anggota diubah', en: 'Person changed' },
  'anggota.import': { id: 'Impor anggota', en: 'Person import' },
  'anggota.unmask': { id: 'NIK lengkap dibuka', en: 'Full NIK shown' },
  'anggota.view_special': { id: 'Data khusus dibuka', en: 'Special data viewed' },
  'anggota.ppks_add': { id: 'PPKS ditetapkan', en: 'PPKS classified' },
  'anggota.ppks_end': { id: 'PPKS diakhiri', en: 'PPKS ended' },
  'anggota.gabung': { id: 'Data ganda digabung', en: 'Duplicates merged' },
  'anggota.batal_gabung': { id: 'Penggabungan dibatalkan', en: 'Merge undone' },
  'anggota.pindai_duplikat': { id: 'Pemindaian data ganda', en: 'Duplicate scan' },
  'anggota.anonimkan': { id: 'Data pribadi dihapus (anonim)', en: 'Personal data erased (anonymised)' },
  'anggota.ekspor_subjek': { id: 'Salinan data subjek diekspor', en: 'Subject access export' },
  'anggota.dasar_hukum': { id: 'Dasar hukum pemrosesan dicatat', en: 'Legal basis recorded' },
  'registry.export': { id: 'Daftar diekspor', en: 'List exported' },
  'lampiran.tambah': { id: 'Lampiran ditambahkan', en: 'Attachment added' },
  'lampiran.lihat': { id: 'Lampiran dilihat', en: 'Attachment viewed' },
  'usulan.buat': { id: 'Usulan dibuat', en: 'Proposal created' },
  'usulan.ubah': { id: 'Usulan diubah', en: 'Proposal changed' },
  'usulan.ajukan': { id: 'Usulan diajukan', en: 'Proposal submitted' },
  'usulan.teruskan': { id: 'Usulan diteruskan TKSK', en: 'Proposal forwarded' },
  'usulan.kembalikan': { id: 'Usulan dikembalikan', en: 'Proposal returned' },
  'usulan.verifikasi': { id: 'Usulan diperiksa di lapangan', en: 'Proposal field-verified' },
  'usulan.musyawarah': { id: 'Usulan dimusyawarahkan', en: 'Proposal deliberated' },
  'usulan.setujui': { id: 'Usulan disetujui', en: 'Proposal approved' },
  'usulan.tolak': { id: 'Usulan ditolak', en: 'Proposal rejected' },
  'usulan.batalkan': { id: 'Usulan dibatalkan', en: 'Proposal cancelled' },
  'usulan.ekspor': { id: 'Usulan diekspor', en: 'Proposal exported' },
  'usulan.hasil_nasional': { id: 'Hasil nasional usulan dicatat', en: 'National result recorded' },
  'usulan.anonimkan': { id: 'Usulan dianonimkan', en: 'Proposal anonymised' },
  'usulan.ekspor_unggah': { id: 'Usulan diekspor untuk unggah', en: 'Proposals exported for upload' },
  'musyawarah.buat': { id: 'Musyawarah dicatat', en: 'Deliberation recorded' },
  'daftar_periksa.buat': { id: 'Daftar periksa lapangan dibuat', en: 'Ground-check list created' },
  'daftar_periksa.bagi': { id: 'Daftar periksa dibagi ke PSM', en: 'Ground-check list assigned' },
  'periksa.hasil': { id: 'Hasil periksa lapangan', en: 'Ground-check result' },
  'periksa.jawaban_bersihkan': { id: 'Jawaban periksa lama dibersihkan dari data khusus', en: 'Old ground-check answers cleared of special data' },
  'duplikat.proses': { id: 'Pemeriksaan data ganda dijalankan', en: 'Duplicate run' },
  'duplikat.tandai': { id: 'Pasangan data ganda diputuskan', en: 'Duplicate pair decided' },
  'duplikat.gabung': { id: 'Pasangan digabung', en: 'Pair merged' },
  'duplikat.bukan': { id: 'Ditandai bukan data ganda', en: 'Marked not a duplicate' },
  'duplikat.batal': { id: 'Keputusan data ganda dibatalkan', en: 'Duplicate decision undone' },
  'pilar_sosial.buat': { id: 'Pilar sosial dicatat', en: 'Pilar sosial recorded' },
  'pilar_sosial.ubah': { id: 'Pilar sosial diubah', en: 'Pilar sosial changed' },
  'pilar_sosial.status': { id: 'Status pilar sosial diubah', en: 'Pilar sosial status changed' },
  'pilar_sosial.tugas': { id: 'Penugasan pilar sosial', en: 'Pilar sosial assigned' },
  'pilar_sosial.sk': { id: 'SK pilar sosial dicatat', en: 'Pilar sosial SK recorded' },
  'pilar_sosial.pelatihan': { id: 'Pelatihan dasar dicatat', en: 'Basic training recorded' },
  'pilar_sosial.impor': { id: 'Pilar sosial diimpor', en: 'Pilar sosial imported' },
  'pilar_sosial.ekspor': { id: 'Pilar sosial diekspor', en: 'Pilar sosial exported' },
  'laporan_kegiatan.buat': { id: 'Laporan kegiatan dikirim', en: 'Activity report filed' },
  'laporan_kegiatan.foto': { id: 'Foto kegiatan ditambahkan', en: 'Activity photo added' },
  'laporan_kegiatan.foto_lihat': { id: 'Foto kegiatan dilihat', en: 'Activity photo viewed' },
  'workforce.aturan': { id: 'Aturan pilar sosial diubah', en: 'Pilar sosial rule changed' },
  'acara.buat': { id: 'Acara dibuat', en: 'Event created' },
  'acara.ubah': { id: 'Acara diubah', en: 'Event changed' },
  'acara.sesi_buat': { id: 'Sesi acara ditambahkan', en: 'Event session added' },
  'acara.sesi_hapus': { id: 'Sesi acara dihapus', en: 'Event session removed' },
  'acara.peserta_daftar': { id: 'Peserta acara didaftarkan', en: 'Event participant registered' },
  'acara.peserta_undang': { id: 'Peserta acara diundang', en: 'Event participant invited' },
  'acara.peserta_status': { id: 'Status peserta acara diubah', en: 'Event participant status changed' },
  'acara.check_in': { id: 'Check-in acara', en: 'Event check-in' },
  'acara.sertifikat_terbit': { id: 'Sertifikat diterbitkan', en: 'Certificates issued' },
  'acara.sertifikat_cabut': { id: 'Sertifikat dicabut', en: 'Certificate revoked' },
  'acara.undian': { id: 'Undian doorprize', en: 'Doorprize draw' },
  'acara.ekspor': { id: 'Data acara diekspor', en: 'Event data exported' },
};

/** The action in words in the current language, or null when the table does not know it. */
export function actionLabel(action: string): string | null {
  const a = ACTIONS[action];
  return a ? a[lang()] : null;
}

/** Every action the table words (for the test that keeps it in step with the server). */
export const KNOWN_ACTIONS: readonly string[] = Object.keys(ACTIONS);

/** What kind of record an entry is about, in words ("anggota" → "Anggota" / "Person"). */
const ENTITIES: Record<string, { id: string; en: string }> = {
  anggota: { id: 'Anggota keluarga', en: 'Person' },
  keluarga: { id: 'Keluarga', en: 'Household' },
  wilayah: { id: 'Wilayah', en: 'Area' },
  user: { id: 'Akun', en: 'Account' },
  api_token: { id: 'Token API', en: 'API token' },
  pilar_sosial: { id: 'Pilar sosial', en: 'Pilar sosial' },
  laporan_kegiatan: { id: 'Laporan kegiatan', en: 'Activity report' },
  workforce_aturan: { id: 'Aturan pilar sosial', en: 'Pilar sosial rule' },
  usulan: { id: 'Usulan', en: 'Proposal' },
  musyawarah: { id: 'Musyawarah', en: 'Deliberation' },
  periksa: { id: 'Periksa lapangan', en: 'Ground check' },
  daftar_periksa: { id: 'Daftar periksa', en: 'Ground-check list' },
  lampiran: { id: 'Lampiran', en: 'Attachment' },
  duplikat: { id: 'Pasangan data ganda', en: 'Duplicate pair' },
  duplikat_proses: { id: 'Pemeriksaan data ganda', en: 'Duplicate run' },
  registry: { id: 'Data keluarga', en: 'Registry' },
  registry_import: { id: 'Impor data', en: 'Data import' },
  acara: { id: 'Acara', en: 'Event' },
  acara_peserta: { id: 'Peserta acara', en: 'Event participant' },
  database: { id: 'Basis data', en: 'Database' },
  audit: { id: 'Jejak audit', en: 'Audit trail' },
  dashboard: { id: 'Dasbor', en: 'Dashboard' },
};

/** The record kind in words, or null when the table does not know it. */
export function entityLabel(entity: string): string | null {
  const e = ENTITIES[entity];
  return e ? e[lang()] : null;
}

/** Every record kind the table words (for the test that keeps it in step with the server). */
export const KNOWN_ENTITIES: readonly string[] = Object.keys(ENTITIES);

/** The filter's choices: any kind, then each in words, alphabetically in the reader's language. */
export function entityOptions(): { value: string; label: string }[] {
  const any = { value: '', label: lang() === 'en' ? 'All kinds' : 'Semua jenis' };
  const l = lang();
  return [any, ...Object.entries(ENTITIES).map(([value, w]) => ({ value, label: w[l] })).sort((a, b) => a.label.localeCompare(b.label, l))];
}
