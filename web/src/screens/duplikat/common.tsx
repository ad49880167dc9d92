// Pieces the duplicate screens share: the score as a percentage, the label of a field and its
// level, and one member's summary (the side-by-side cards and the entry warning both show it).
import type { AlasanKolom } from '../../api/duplikat';
import type { Anggota } from '../../api/registry';
import { formatDate, t, type MessageKey } from '../../i18n';

export const pctSkor = (s: number) => `${Math.round(s * 100)}%`;

const KOLOM = ['nik', 'nama', 'ayah', 'tanggal_lahir', 'jenis_kelamin', 'tempat_lahir', 'alamat', 'wilayah'] as const;
export const kolomLabel = (k: string) => ((KOLOM as readonly string[]).includes(k) ? t(`dup.kolom.${k}` as MessageKey) : k);
/** A comparison level (src/linkage/compare.cpp level_name; "-": a side has no value) in words;
 *  an unknown one as it came. */
export const levelLabel = (l: string) => {
  const key = `dup.level.${l === '-' ? 'missing' : l}` as MessageKey;
  const s = t(key);
  return s === key ? l : s;
};

/** "cocok" (positive weight), "beda" (negative), "kosong" (missing on one side: no evidence). */
export function arah(r: AlasanKolom): 'cocok' | 'beda' | 'kosong' {
  if (r.tingkat === 'missing' || r.bobot === 0) return 'kosong';
  return r.bobot > 0 ? 'cocok' : 'beda';
}

/** The reasons as a short sentence: which fields agree, which disagree. */
export function ringkasAlasan(rs: AlasanKolom[]): string {
  const cocok = rs.filter((r) => arah(r) === 'cocok').map((r) => kolomLabel(r.kolom));
  const beda = rs.filter((r) => arah(r) === 'beda').map((r) => kolomLabel(r.kolom));
  const parts: string[] = [];
  if (cocok.length) parts.push(t('dup.agree', { list: cocok.join(', ') }));
  if (beda.length) parts.push(t('dup.disagree', { list: beda.join(', ') }));
  return parts.join(' · ');
}

export function MemberLine({ a }: { a: Anggota }) {
  return (
    <>
      {t('f.nik')} <span class="code">{a.nik ?? '-'}</span>
      {a.tanggal_lahir && <> · {formatDate(a.tanggal_lahir)}</>} · <span class="code">{a.kode_wilayah_lengkap}</span>
    </>
  );
}
