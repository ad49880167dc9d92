// A registry record's values in words: the code lists (kosakata, fetched once and kept on the
// device), field labels, a value shown as text, and a change shown as "Label: old → new". Shared by the registry, proposal, duplicate and
// check-list screens (through common.tsx) and the audit screen, which needs the words without the
// registry's forms and styles.
import '../../styles/diff.css';
import { useEffect, useState } from 'preact/hooks';
import { getKosakata, type Kosakata } from '../../api/registry';
import { formatDate, lang, t, type MessageKey } from '../../i18n';
import { id as messagesId } from '../../i18n/messages';

let vocabCache: Kosakata | null = null;
export function useKosakata(): Kosakata | null {
  const [v, setV] = useState<Kosakata | null>(vocabCache);
  useEffect(() => {
    if (v) return;
    let live = true;
    getKosakata().then(
      (k) => {
        vocabCache = k;
        if (live) setV(k);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, []);
  return v;
}

export function fieldLabel(field: string): string {
  const key = `f.${field}`;
  return key in messagesId ? t(key as MessageKey) : field;
}

export function codeLabel(vocab: Kosakata | null, field: string, code: string): string {
  if (field === 'jenis_kelamin' && (code === 'L' || code === 'P')) return t(`reg.${code}`);
  const c = vocab?.kosakata[field]?.kode.find((x) => x.kode === code);
  if (!c) return code;
  return lang() === 'en' ? c.en : c.id;
}

export function ppksName(vocab: Kosakata | null, kode: number): string {
  const p = vocab?.ppks.find((x) => x.kode === kode);
  return p ? `${p.nama} (${p.singkatan})` : `PPKS ${kode}`;
}

/** A record value as text: codes by their label, lists joined, empty as a dash. */
export function showValue(vocab: Kosakata | null, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return t('reg.none');
  if (Array.isArray(v)) {
    if (v.length === 0) return t('reg.none');
    if (field === 'ppks') return v.map((p) => ppksName(vocab, typeof p === 'object' && p ? (p as { ppks: number }).ppks : Number(p))).join(', ');
    return v.map((x) => codeLabel(vocab, field, String(x))).join(', ');
  }
  if (typeof v === 'object') {
    if (field === 'disabilitas') {
      const d = v as { jenis: string; tingkat: string | null };
      return codeLabel(vocab, 'disabilitas_jenis', d.jenis) + (d.tingkat ? `, ${codeLabel(vocab, 'disabilitas_tingkat', d.tingkat)}` : '');
    }
    return JSON.stringify(v);
  }
  if (typeof v === 'boolean') return v ? t('reg.yes') : t('reg.none');
  if (field === 'tanggal_lahir') return formatDate(String(v));
  return codeLabel(vocab, field, String(v));
}

/** Bookkeeping of a record (ids, versions, who/when, derived fields): not a change anyone made. */
export const META = new Set(['id', 'uid', 'version', 'dibuat_pada', 'dibuat_oleh', 'diubah_pada', 'diubah_oleh', 'jumlah_anggota', 'no_kk_tersamar', 'nik_tersamar', 'data_khusus_disertakan', 'kode_wilayah_lengkap']);

// One changed field as "Label: old → new" (old struck through, new emphasised; a screen reader
// hears "before … after …"), shared by a record's history and the audit trail.
/** `before` null: the field is new (a record created), so only the new value is shown; `after`
 *  null: the field is gone (a record removed), so only the old one. */
export function DiffItem({ label, before, after }: { label: string; before: string | null; after: string | null }) {
  return (
    <li>
      <span class="diff-field">{label}:</span>{' '}
      {before !== null && (
        <>
          <span class="vh">{t('reg.history.before')} </span>
          <del>{before}</del> <span aria-hidden="true">→</span>{' '}
        </>
      )}
      {after !== null && (
        <>
          {before !== null && <span class="vh">{t('reg.history.after')} </span>}
          <ins>{after}</ins>
        </>
      )}
    </li>
  );
}
