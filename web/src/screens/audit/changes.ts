// An audit entry's before/after in words: the fields that changed, each with its label in the
// reader's language and its old and new value as the screens show them (codes by their label,
// dates formatted, masked numbers as they are), nested answers flattened into "Jawaban › Catatan",
// bookkeeping (versions, timestamps, who: the entry itself says when and who) left out. A field no
// table knows keeps its key, so nothing is hidden; the raw JSON stays behind the screen's toggle.
//
// The labels are the screens' own (the registry's `f.*` fields and code lists, the workforce's,
// the proposal and ground-check screens' messages); only the few words the audit alone needs live
// here, with the screen's chunk, so the eagerly loaded catalogue does not grow (as in actions.ts).
import type { Kosakata } from '../../api/registry';
import { formatDate, formatDateTime, lang, t, type MessageKey } from '../../i18n';
import { id as messagesId } from '../../i18n/messages';
import { roleLabel } from '../../labels';
import { META, fieldLabel, showValue } from '../registry/values';
import { filterText, partsText } from './parts';

/** The words only the audit screen uses, in both languages. */
const WORDS = {
  changes: { id: 'Yang berubah', en: 'What changed' },
  raw: { id: 'Tampilkan JSON mentah', en: 'Show raw JSON' },
  erased: { id: 'dihapus (penghapusan data pribadi atau pembersihan)', en: 'removed (personal-data erasure or clean-up)' },
  special: { id: 'data khusus (terenkripsi)', en: 'special data (encrypted)' },
  no: { id: 'Tidak', en: 'No' },
  reason: { id: 'Alasan', en: 'Reason' },
  'periksa.belum': { id: 'Belum diperiksa', en: 'Not checked yet' },
  'periksa.selesai': { id: 'Selesai diperiksa', en: 'Checked' },
  jawaban: { id: 'Jawaban', en: 'Answers' },
  penghuni: { id: 'Penghuni', en: 'Occupants' },
  umur: { id: 'Umur', en: 'Age' },
  catatan: { id: 'Catatan', en: 'Note' },
  aktif: { id: 'Aktif', en: 'Active' },
  wajib_ganti_sandi: { id: 'Wajib ganti kata sandi', en: 'Must change password' },
  gagal_masuk: { id: 'Gagal masuk', en: 'Failed sign-ins' },
  sesi_berakhir: { id: 'Sesi berakhir', en: 'Session ends' },
  'pilar.jenis': { id: 'Jenis', en: 'Kind' },
  data_khusus: { id: 'data khusus', en: 'special data' },
  device: { id: 'Perangkat', en: 'Device' },
  until: { id: 'sampai', en: 'until' },
  loaded: { id: '{n} pilar sosial dimuat', en: '{n} pilar sosial loaded' },
  kode_ktp: { id: 'Wilayah KTP', en: 'ID card address' },
  ketua_rt_rw: { id: 'Ketua RT/RW', en: 'RT/RW head' },
  pelatihan_sumber: { id: 'Sumber pelatihan dasar', en: 'Basic training source' },
  'daftar.sumber': { id: 'Disusun', en: 'Built' },
  'daftar.keterangan': { id: 'Saringan', en: 'Filter' },
  'daftar.total': { id: 'Jumlah keluarga', en: 'Households' },
  'daftar.selesai': { id: 'Selesai diperiksa', en: 'Checked' },
  'daftar.tanpa_petugas': { id: 'Belum ditugaskan', en: 'Not assigned yet' },
} satisfies Record<string, { id: string; en: string }>;
export type Word = keyof typeof WORDS;

export const word = (w: Word): string => WORDS[w][lang()];

/** Fields of a record that bear on no change anyone made: ids, versions, who and when (the entry
 *  names its actor and time), values derived from another field. */
const HIDDEN = new Set([...META, 'updated_at', 'created_at', 'created_by', 'checked_by', 'checked_at', 'tahun_lahir', 'pilar_nama']);

/** Per entity, fields whose label a screen of that module already has (a message key). */
const LABELS: Record<string, Record<string, MessageKey>> = {
  pilar_sosial: {
    status: 'f.status',
    status_alasan: 'wf.alasan',
    telepon: 'wf.telepon',
    tanggal_lahir: 'wf.tanggalLahir',
    username: 'wf.username',
    pelatihan_dasar: 'wf.pelatihan',
    kode_wilayah: 'wf.wilayah',
  },
  periksa: { hasil: 'field.ph.hasil', catatan: 'field.ph.catatan' },
  usulan: {
    status: 'f.status',
    alasan: 'usulan.alasan',
    jenis: 'usulan.jenis',
    isi: 'usulan.isi',
    keluarga_id: 'usulan.keluarga',
    anggota_id: 'usulan.anggota',
    kode_wilayah: 'usulan.wilayah',
    catatan: 'usulan.catatan',
  },
  daftar_periksa: { nama: 'periksa.nama', kode_wilayah: 'periksa.wilayah', petugas: 'periksa.petugas' },
  user: { username: 'user.username', nama: 'user.nama', role: 'user.role', wilayah: 'user.wilayah' },
};

/** Per entity, fields whose label is one of this file's words. */
const WORD_LABELS: Record<string, Record<string, Word>> = {
  pilar_sosial: { jenis: 'pilar.jenis' },
  user: { aktif: 'aktif' },
  daftar_periksa: {
    sumber: 'daftar.sumber',
    keterangan: 'daftar.keterangan',
    total: 'daftar.total',
    selesai: 'daftar.selesai',
    tanpa_petugas: 'daftar.tanpa_petugas',
  },
  // Any record's.
  '*': {
    jawaban: 'jawaban',
    penghuni: 'penghuni',
    umur: 'umur',
    catatan: 'catatan',
    wajib_ganti_sandi: 'wajib_ganti_sandi',
    gagal_masuk: 'gagal_masuk',
    sesi_berakhir: 'sesi_berakhir',
    kode_ktp: 'kode_ktp',
    ketua_rt_rw: 'ketua_rt_rw',
    pelatihan_sumber: 'pelatihan_sumber',
    data_khusus: 'data_khusus',
  },
};

function label(entity: string, key: string): string {
  const m = LABELS[entity]?.[key];
  if (m && m in messagesId) return t(m);
  const w = WORD_LABELS[entity]?.[key] ?? WORD_LABELS['*'][key];
  if (w) return word(w);
  // Special data is stored encrypted ("disabilitas_enc"): the field it holds.
  if (key.endsWith('_enc')) return fieldLabel(key.slice(0, -4));
  return fieldLabel(key); // the registry's label, or the key itself
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const msg = (key: string): string | null => (key in messagesId ? t(key as MessageKey) : null);

/** One value in words. `entity` and `key` pick the enumeration it belongs to. */
export function valueText(entity: string, key: string, v: unknown, vocab: Kosakata | null): string {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return t('reg.none');
  if (v === '[dihapus]') return word('erased');
  if (key.endsWith('_enc')) return word('special');
  if (v === '(data khusus)') return t('reg.history.special');
  if (typeof v === 'boolean') return v ? t('reg.yes') : word('no');
  if (Array.isArray(v)) return v.map((x) => valueText(entity, key, x, vocab)).join(', ');
  if (typeof v === 'number') {
    if (key === 'hasil') return msg(`field.hasil.${v}`) ? `${v}. ${t(`field.hasil.${v}` as MessageKey)}` : String(v);
    if (key === 'ppks') return showValue(vocab, 'ppks', [v]);
    return String(v);
  }
  if (typeof v !== 'string') return JSON.stringify(v);
  if (key === 'status') {
    // Each module's states, in its screens' words.
    const s =
      entity === 'pilar_sosial'
        ? msg(`wf.status.${v}`)
        : entity === 'usulan'
          ? msg(`usulan.status.${v}`)
          : entity === 'keluarga'
            ? msg(`reg.kstatus.${v}`)
            : entity === 'periksa' && `periksa.${v}` in WORDS
              ? word(`periksa.${v}` as Word)
              : null;
    if (s) return s;
  }
  // A ground-check list built from a filter notes it as "kode_wilayah=… desil>=…".
  if (entity === 'daftar_periksa' && key === 'keterangan') return filterText('daftar_periksa.buat', v, vocab);
  if (entity === 'daftar_periksa' && key === 'sumber') return msg(`periksa.source.${v}`) ?? v;
  if (entity === 'usulan' && (key === 'jenis' || key === 'alasan')) return msg(`usulan.${key}.${v}`) ?? v;
  if (key === 'role' && ['psm', 'tksk', 'operator', 'kepala', 'admin'].includes(v)) return roleLabel(v as 'psm');
  if (DATE.test(v)) return formatDate(v);
  if (DATE_TIME.test(v)) return formatDateTime(v);
  // A registry code ("meninggal" → "Meninggal"), or the text as it is (masked numbers stay masked).
  return showValue(vocab, key, v);
}

export interface ChangeRow {
  /** The path of keys ("jawaban.catatan"), for tests and as a React key. */
  key: string;
  label: string;
  /** null: the field is absent on that side (a record created, a field removed). */
  before: string | null;
  after: string | null;
}

type Leaves = Map<string, { labels: string[]; key: string; value: unknown }>;

/** Nested objects and lists of objects become one leaf per scalar (or list of scalars). */
function flatten(entity: string, v: unknown, path: string[], labels: string[], out: Leaves): void {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (path.length === 0 && HIDDEN.has(k)) continue;
      flatten(entity, x, [...path, k], [...labels, label(entity, k)], out);
    }
    return;
  }
  if (Array.isArray(v) && v.some((x) => x !== null && typeof x === 'object')) {
    v.forEach((x, i) => flatten(entity, x, [...path, String(i + 1)], [...labels, String(i + 1)], out));
    return;
  }
  out.set(path.join('.'), { labels, key: [...path].reverse().find((p) => !/^\d+$/.test(p)) ?? '', value: v });
}

function parse(json: string | null): Record<string, unknown> | null | undefined {
  if (json === null || json === '') return null;
  try {
    const v = JSON.parse(json) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The fields an entry changed, in words. Fields equal on both sides are left out, and so is a
 * field on one side only that is empty there (a record created with its empty fields, an answer
 * that was null before and is an object now: its parts show instead). Null when the payload is not
 * a JSON object (the screen then shows it raw); an empty list when nothing is left to show.
 */
export function describeChanges(
  e: { entity: string; before_json: string | null; after_json: string | null },
  vocab: Kosakata | null,
): ChangeRow[] | null {
  const before = parse(e.before_json);
  const after = parse(e.after_json);
  if (before === undefined || after === undefined) return null;
  const b: Leaves = new Map();
  const a: Leaves = new Map();
  if (before) flatten(e.entity, before, [], [], b);
  if (after) flatten(e.entity, after, [], [], a);
  const rows: ChangeRow[] = [];
  for (const path of new Set([...b.keys(), ...a.keys()])) {
    const x = b.get(path);
    const y = a.get(path);
    if (x && y && JSON.stringify(x.value) === JSON.stringify(y.value)) continue;
    if ((!x && empty(y!.value)) || (!y && empty(x!.value))) continue;
    const leaf = (y ?? x)!;
    const text = (l: typeof x) => (l ? valueText(e.entity, l.key, l.value, vocab) : before && after ? t('reg.none') : null);
    rows.push({ key: path, label: leaf.labels.join(' › '), before: text(x), after: text(y) });
  }
  return rows;
}

/** Details the server writes in both languages, "Indonesian / English (count)". */
const BILINGUAL = new Set(['auth.login_failed', 'auth.locked', 'user.enable', 'user.disable', 'user.password_reset', 'wilayah.demo_seed']);

/** Sentences the server writes in Indonesian around numbers and names (the services' audit
 *  details), and their English: the pattern, and the English with $1, $2 … for its parts. A reason
 *  typed by a person stays as typed. */
const SENTENCES: [RegExp, string][] = [
  [/^wilayah (\S+) orang (\d+) pasangan (\d+) baru (\d+) diperbarui (\d+) sudah_diputus (\d+)$/, 'area $1: $2 people, $3 pairs, $4 new, $5 updated, $6 already decided'],
  [/^(\d+) kemungkinan duplikat masuk antrean$/, '$1 possible duplicates queued'],
  [/^anggota (\d+) dan (\d+); penyintas (\d+); (.*)$/s, 'members $1 and $2; kept $3; $4'],
  [/^anggota (\d+) dan (\d+); (.*)$/s, 'members $1 and $2; $3'],
  [/^batal (\w+); anggota (\d+) dan (\d+); (.*)$/s, 'undone ($1); members $2 and $3; $4'],
  [/^(\d+) digabung ke (\d+); ppks dipindah \[([\d,]*)\]; (.*)$/s, '$1 merged into $2; PPKS moved [$3]; $4'],
  [/^(\d+) dipisah lagi dari (\d+); ppks kembali \[([\d,]*)\]; (.*)$/s, '$1 separated again from $2; PPKS back [$3]; $4'],
  [/^wilayah (\S+) anggota (\d+)$/, 'area $1, $2 members'],
  [/^anggota (\d+)$/, 'member $1'],
  [/^impor (.+) baris (\d+)$/, 'import $1, row $2'],
  [/^acara (\d+) sesi (\d+) (\S+)$/, 'event $1, session $2, $3'],
  [/^acara (\d+)$/, 'event $1'],
  [/^(.+) \((\d+) baris\)$/, '$1 ($2 rows)'],
  [/^(\d+) sertifikat, minimal (\d+) sesi$/, '$1 certificates, at least $2 sessions'],
  [/^(.+): (\d+) pemenang dari (\d+) calon, seed (\d+)$/, '$1: $2 winners of $3 candidates, seed $4'],
  [/^foto (\d+)$/, 'photo $1'],
  [/^(usulan|musyawarah|periksa) (\d+|-)$/, '$1 $2'],
  [/^data khusus dan NIK\/No\. KK lengkap yang tersimpan sebelum aturan tulis dibersihkan: (\d+) entri audit, (\d+) baris teks bebas$/, 'special data and full NIK/No. KK saved before the write rules cleaned: $1 audit entries, $2 free-text rows'],
  [/^jawaban periksa yang memuat data khusus atau NIK\/No\. KK dibersihkan: (\d+) item, (\d+) usulan$/, 'ground-check answers holding special data or a full NIK/No. KK cleaned: $1 items, $2 proposals'],
];

/** The entry's detail line in words, where the server wrote a code, a reason or its own sentence;
 *  anything else as it is. */
export function detailText(action: string, detail: string, vocab: Kosakata | null = null): string {
  if (detail === '[dihapus]') return word('erased');
  const both = BILINGUAL.has(action) ? /^(.*?) \/ (.*?)( \([^)]*\))?$/.exec(detail) : null;
  if (both) return (lang() === 'en' ? both[2] : both[1]) + (both[3] ?? '');
  const move = /^(\w+) -> (\w+)$/.exec(detail);
  if (move && action.startsWith('usulan.')) {
    const s = (x: string) => msg(`usulan.status.${x}`) ?? x;
    return `${s(move[1])} → ${s(move[2])}`;
  }
  if (action === 'periksa.hasil' && `periksa.${detail}` in WORDS) return word(`periksa.${detail}` as Word);
  // What was opened: "nik,data_khusus" → "NIK, data khusus".
  if (/^(anggota|keluarga)\.(unmask|view_special)$/.test(action) && /^[a-z_,]+$/.test(detail))
    return detail.split(',').map((f) => label('anggota', f)).join(', ');
  const ppks = /^ppks (\d+)(?: sampai (\d{4}-\d{2}-\d{2}))?$/.exec(detail);
  if (ppks && action.startsWith('anggota.ppks_'))
    return `PPKS: ${showValue(vocab, 'ppks', [Number(ppks[1])])}` + (ppks[2] ? ` ${word('until')} ${formatDate(ppks[2])}` : '');
  const loaded = /^(\d+) pilar sosial dimuat$/.exec(detail);
  if (loaded && action === 'pilar_sosial.impor') return word('loaded').replace('{n}', loaded[1]);
  if (action === 'auth.login') return `${word('device')}: ${detail}`;
  if (/\.(update|ubah|status|tugas)$/.test(action)) return `${word('reason')}: ${detail}`;
  // Exports, backups, imports: "key=value" pairs or a JSON object.
  const parts = partsText(action, detail, vocab);
  if (parts !== null) return parts;
  if (lang() === 'en') for (const [re, en] of SENTENCES) if (re.test(detail)) return detail.replace(re, en);
  return detail;
}
