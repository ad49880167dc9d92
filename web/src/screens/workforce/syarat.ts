// A requirement's note in the reader's language. The server sends its note in Indonesian (for the
// status-change error and the CSV) and the note's facts as data (age and minimum, the KTP kelurahan
// and the area it must be in, the training date and event, the SK's number and term); the app words
// them here, dates in the reader's format and regions by name. A kode this file does not know shows
// the server's note as it is.
import type { Syarat } from '../../api/workforce';
import { formatDate, formatNumber, t, tn } from '../../i18n';

/** `nameOf` names a region ("Kelurahan Sukarasa"), or returns its code when it cannot. */
export function syaratCatatan(s: Syarat, nameOf: (kode: string) => string): string {
  const named = (kode: string) => (nameOf(kode) === kode ? kode : `${nameOf(kode)} (${kode})`);
  switch (s.kode) {
    case 'usia':
      return s.usia === undefined ? t('wf.syaratNote.tanpaLahir') : tn('wf.syaratNote.usia', s.usia, { minimal: formatNumber(s.minimal ?? 0) });
    case 'ktp_wilayah':
      if (!s.kode_ktp) return t('wf.syaratNote.tanpaKtp');
      return s.terpenuhi || !s.wilayah
        ? t('wf.syaratNote.ktp', { wilayah: named(s.kode_ktp) })
        : t('wf.syaratNote.ktpLuar', { ktp: named(s.kode_ktp), wilayah: named(s.wilayah) });
    case 'pelatihan_dasar':
      if (!s.tanggal) return t('wf.syaratNote.belumPelatihan');
      return s.acara === undefined ? formatDate(s.tanggal) : t('wf.syaratNote.pelatihanAcara', { tanggal: formatDate(s.tanggal), acara: s.acara });
    case 'bukan_ketua_rt_rw':
      return s.terpenuhi ? '' : t('wf.syaratNote.ketua');
    case 'sk_berlaku':
      return s.nomor ? t('wf.syaratNote.sk', { nomor: s.nomor, mulai: formatDate(s.mulai), selesai: formatDate(s.selesai) }) : t('wf.syaratNote.tanpaSk');
    case 'penugasan':
      return s.terpenuhi ? '' : t('wf.syaratNote.belumTugas');
    default:
      return s.catatan;
  }
}
