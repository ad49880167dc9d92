// Words and small parts the proposal screens share: state and kind labels, the proposal card,
// what a proposal proposes (isi) in words, the content fields of a proposal form, file upload.
import { useState } from 'preact/hooks';
import type { Kosakata } from '../../api/registry';
import type { Jenis, Status, Usulan } from '../../api/usulan';
import { ALASAN_HAPUS } from '../../api/usulan';
import { useFieldId } from '../../components/ui';
import { Named } from '../../components/WilayahName';
import { formatDateTime, t, type MessageKey } from '../../i18n';
import { Link } from '../../router/Link';
import { Checks, Select, codeOptions, fieldLabel, ppksName, showValue, useKosakata } from '../registry/common';

export const statusLabel = (s: Status | string) => t(`usulan.status.${s}` as MessageKey);
export const jenisLabel = (j: Jenis | string) => t(`usulan.jenis.${j}` as MessageKey);
export const alasanLabel = (a: string) => t(`usulan.alasan.${a}` as MessageKey);

export function StatusBadge({ s }: { s: Status }) {
  const tone = s === 'ditolak' || s === 'dibatalkan' || s === 'tidak_padan' ? 'badge-off' : s === 'dikembalikan' ? 'badge-warn' : s === 'disetujui' || s === 'diterima' || s === 'padan' ? 'badge-ok' : 'badge-status';
  return <span class={`badge ${tone}`}>{statusLabel(s)}</span>;
}

/** A proposal in a list; `wilayah` is where it sits, named by the list (`useWilayahRowNames`). */
export function UsulanCard({ u, wilayah }: { u: Usulan; wilayah: string }) {
  return (
    <li>
      <Link href={`/usulan/${u.id}`} class="list-link">
        <span class="list-main">
          {t('usulan.item', { id: u.id })} · {jenisLabel(u.jenis)}
          {u.alasan && <> ({alasanLabel(u.alasan)})</>}
        </span>
        <span class="list-sub">
          <StatusBadge s={u.status} /> · <Named kode={u.kode_wilayah} nama={wilayah} /> · {t('usulan.byAt', { who: u.created_by, when: formatDateTime(u.updated_at) })}
        </span>
      </Link>
    </li>
  );
}

/** What a proposal proposes, in words: PPKS names, or each changed field with its new value. */
export function IsiText({ u, vocab }: { u: Pick<Usulan, 'jenis' | 'isi'>; vocab: Kosakata | null }) {
  const isi = u.isi ?? {};
  const entries = Object.entries(isi);
  if (entries.length === 0) return <>{t('reg.none')}</>;
  if (u.jenis === 'ppks' && Array.isArray(isi.ppks)) return <>{(isi.ppks as number[]).map((k) => ppksName(vocab, k)).join(', ')}</>;
  return (
    <ul class="plain">
      {entries.map(([k, v]) => (
        <li key={k}>
          {fieldLabel(k)}: {showValue(vocab, k, v)}
        </li>
      ))}
    </ul>
  );
}

// ---- the content of a proposal (create and edit share it)
export interface Content {
  alasan: string;
  ppks: string[];
  rows: { field: string; value: string }[];
}

export const emptyContent = (): Content => ({ alasan: '', ppks: [], rows: [{ field: '', value: '' }] });

export function contentOf(u: Pick<Usulan, 'alasan' | 'isi' | 'jenis'>): Content {
  const isi = u.isi ?? {};
  const ppks = Array.isArray(isi.ppks) ? (isi.ppks as number[]).map(String) : [];
  const rows = u.jenis === 'perubahan' ? Object.entries(isi).map(([field, v]) => ({ field, value: Array.isArray(v) ? v.join(';') : String(v ?? '') })) : [];
  return { alasan: u.alasan ?? '', ppks, rows: rows.length ? rows : [{ field: '', value: '' }] };
}

/** Checks a content for its kind; returns the API fields or the errors to show. */
export function payloadOf(jenis: Jenis, c: Content, anggota: string): { ok: true; alasan?: string; isi?: Record<string, unknown> } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (jenis === 'penghapusan') {
    if (!c.alasan) errors.alasan = t('usulan.new.alasanRequired');
    return Object.keys(errors).length ? { ok: false, errors } : { ok: true, alasan: c.alasan };
  }
  if (jenis === 'ppks') {
    if (!anggota) errors.anggota = t('usulan.new.memberRequired');
    if (c.ppks.length === 0) errors.ppks = t('usulan.new.ppksRequired');
    return Object.keys(errors).length ? { ok: false, errors } : { ok: true, isi: { ppks: c.ppks.map(Number).sort((a, b) => a - b) } };
  }
  if (jenis === 'perubahan') {
    const rows = c.rows.filter((r) => r.field && r.value.trim());
    if (rows.length === 0) return { ok: false, errors: { isi: t('usulan.new.changesRequired') } };
    return { ok: true, isi: Object.fromEntries(rows.map((r) => [r.field, r.value.trim()])) };
  }
  return { ok: true };
}

const KELUARGA_FIELDS = ['alamat', 'rw', 'rt', 'status_bangunan', 'status_lahan', 'luas_lantai', 'jenis_lantai', 'jenis_dinding', 'kondisi_dinding', 'jenis_atap', 'kondisi_atap', 'jumlah_kamar', 'sumber_air', 'sumber_penerangan', 'daya_listrik', 'bahan_bakar', 'fasilitas_bab', 'aset'];
const ANGGOTA_FIELDS = ['nama', 'jenis_kelamin', 'tempat_lahir', 'tanggal_lahir', 'hubungan', 'status_kawin', 'pendidikan', 'pekerjaan', 'status_keberadaan', 'nisn', 'sekolah'];

export function ContentFields({
  jenis,
  member,
  value,
  onValue,
  errors,
}: {
  jenis: Jenis;
  member: boolean;
  value: Content;
  onValue: (c: Content) => void;
  errors: Record<string, string>;
}) {
  const vocab = useKosakata();
  if (jenis === 'penghapusan')
    return (
      <Select
        label={t('usulan.alasan')}
        value={value.alasan}
        onValue={(alasan) => onValue({ ...value, alasan })}
        blank="—"
        error={errors.alasan}
        options={ALASAN_HAPUS.map((a) => ({ value: a, label: alasanLabel(a) }))}
      />
    );
  if (jenis === 'ppks')
    return (
      <Checks
        legend={t('usulan.new.ppks')}
        value={value.ppks}
        onValue={(ppks) => onValue({ ...value, ppks })}
        error={errors.ppks ?? errors['isi.ppks']}
        options={(vocab?.ppks ?? []).map((p) => ({ value: String(p.kode), label: `${p.kode}. ${p.nama} (${p.singkatan})` }))}
      />
    );
  if (jenis !== 'perubahan') return null;
  const fields = member ? ANGGOTA_FIELDS : KELUARGA_FIELDS;
  const setRow = (i: number, r: { field: string; value: string }) => onValue({ ...value, rows: value.rows.map((x, j) => (j === i ? r : x)) });
  return (
    <fieldset class={`field${errors.isi ? ' field-invalid' : ''}`}>
      <legend>{t('usulan.new.changes')}</legend>
      {errors.isi && <p class="field-error">{errors.isi}</p>}
      {value.rows.map((r, i) => {
        const codes = r.field && r.field !== 'aset' ? codeOptions(vocab, r.field) : [];
        return (
          <div class="change-row" key={i}>
            <Select
              label={`${t('usulan.new.field')} ${i + 1}`}
              value={r.field}
              onValue={(field) => setRow(i, { field, value: '' })}
              blank="—"
              // A field this list does not offer (one the proposal was made with elsewhere, say by the
              // API: desil) is still named, not shown blank beside its value.
              options={(r.field && !fields.includes(r.field) ? [...fields, r.field] : fields).map((f) => ({ value: f, label: fieldLabel(f) }))}
            />
            {codes.length ? (
              <Select label={`${t('usulan.new.value')} ${i + 1}`} value={r.value} onValue={(v) => setRow(i, { ...r, value: v })} blank="—" options={codes} />
            ) : (
              <TextInput label={`${t('usulan.new.value')} ${i + 1}`} value={r.value} onValue={(v) => setRow(i, { ...r, value: v })} />
            )}
            {value.rows.length > 1 && (
              <button type="button" class="btn btn-quiet btn-small" onClick={() => onValue({ ...value, rows: value.rows.filter((_, j) => j !== i) })}>
                {t('usulan.new.removeRow', { n: i + 1 })}
              </button>
            )}
          </div>
        );
      })}
      <button type="button" class="btn btn-secondary btn-small" onClick={() => onValue({ ...value, rows: [...value.rows, { field: '', value: '' }] })}>
        {t('usulan.new.addRow')}
      </button>
    </fieldset>
  );
}

function TextInput({ label, value, onValue }: { label: string; value: string; onValue: (v: string) => void }) {
  const id = useFieldId('v');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type="text" value={value} onInput={(e) => onValue((e.target as HTMLInputElement).value)} autocomplete="off" />
    </div>
  );
}

export const MAX_UPLOAD = 2 * 1024 * 1024;

/** A labelled file input for attachments (photos or PDF). */
export function FileField({ label, onFile, error }: { label: string; onFile: (f: File | null) => void; error?: string }) {
  const id = useFieldId('file');
  const [, bump] = useState(0);
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept="application/pdf,image/jpeg,image/png,image/webp"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => {
          onFile((e.target as HTMLInputElement).files?.[0] ?? null);
          bump((n) => n + 1);
        }}
      />
      {error && (
        <p id={`${id}-err`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
