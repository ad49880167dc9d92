// The audit details the server writes as "key=value" pairs or as a JSON object — exports
// (registry.export, pilar_sosial.ekspor, usulan.ekspor_unggah, audit.export), backups and restores
// (db.backup, db.restore), imports (keluarga.import, anggota.import), the dashboard's recount — in
// words: each part by its label in the reader's language and its value as the screens show it
// ("Isi: Daftar BNBA · Format: XLSX · NIK/No. KK: disamarkan · Baris: 300 · Saringan: Wilayah 36.71").
// A key no table knows keeps its name, so nothing is hidden. Lives with the audit screen's chunk
// (see actions.ts), so the eagerly loaded catalogue does not grow.
import type { Kosakata } from '../../api/registry';
import { formatDate, formatMonth, formatNumber, lang, t, type MessageKey } from '../../i18n';
import { id as messagesId } from '../../i18n/messages';
import { roleLabel } from '../../labels';
import { fieldLabel, showValue } from '../registry/values';
import { actionLabel, entityLabel } from './actions';

type Words = { id: string; en: string };

/** Labels only these details need; the rest are the screens' own messages. */
const LABELS: Record<string, Words> = {
  jenis: { id: 'Isi', en: 'Contents' },
  format: { id: 'Format', en: 'Format' },
  tersamar: { id: 'NIK/No. KK', en: 'NIK/No. KK' },
  baris: { id: 'Baris', en: 'Rows' },
  saringan: { id: 'Saringan', en: 'Filter' },
  wilayah: { id: 'Wilayah', en: 'Area' },
  kode_wilayah: { id: 'Wilayah', en: 'Area' },
  keluarga_id: { id: 'Keluarga', en: 'Household' },
  desil_min: { id: 'Desil dari', en: 'Decile from' },
  desil_max: { id: 'Desil sampai', en: 'Decile to' },
  bulan: { id: 'Bulan', en: 'Month' },
  periode: { id: 'Periode', en: 'Period' },
  berkas: { id: 'Berkas', en: 'File' },
  file: { id: 'Berkas', en: 'File' },
  usulan: { id: 'Usulan', en: 'Proposals' },
  ditandai: { id: 'Ditandai diekspor', en: 'Marked exported' },
  bytes: { id: 'Ukuran', en: 'Size' },
  schema: { id: 'Skema', en: 'Schema' },
  keluarga: { id: 'Keluarga', en: 'Households' },
  anggota: { id: 'Anggota', en: 'Persons' },
  audit_head: { id: 'Ujung jejak audit', en: 'Audit trail head' },
  kept_old: { id: 'Data lama disimpan di', en: 'Old data kept at' },
  sha256: { id: 'SHA-256', en: 'SHA-256' },
};

/** Per action, keys that mean something else there. */
const ACTION_LABELS: Record<string, Record<string, Words>> = {
  'pilar_sosial.ekspor': { jenis: { id: 'Jenis', en: 'Kind' } },
  'db.restore': { from: { id: 'Dari berkas', en: 'From file' } },
};

/** Labels that are the screens' own messages. */
const MESSAGE_LABELS: Record<string, MessageKey> = {
  from: 'audit.from',
  to: 'audit.to',
  actor: 'audit.actor',
  action: 'audit.action',
  entity: 'audit.entity',
  entity_id: 'audit.entityId',
  baru: 'impor.sum.baru',
  berubah: 'impor.sum.berubah',
  sama: 'impor.sum.sama',
  ditolak: 'impor.sum.ditolak',
};

const VALUES: Record<string, Words> = {
  masked: { id: 'disamarkan', en: 'masked' },
  full: { id: 'lengkap', en: 'in full' },
  none: { id: 'tidak ada', en: 'none' },
  all: { id: 'Semua entri', en: 'All entries' },
  anyArea: { id: 'seluruh wilayah pengguna', en: "the user's whole area" },
  yes: { id: 'ya', en: 'yes' },
  entry: { id: 'entri', en: 'entry' },
  no: { id: 'tidak', en: 'no' },
};
const say = (w: Words): string => w[lang()];

function label(action: string, key: string): string {
  const w = ACTION_LABELS[action]?.[key] ?? LABELS[key];
  if (w) return say(w);
  const m = MESSAGE_LABELS[key];
  if (m) return t(m);
  return fieldLabel(key); // the registry's label (NIK, Nama, PPKS …), or the key itself
}

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${formatNumber(bytes / (1024 * 1024), 1)} MB`;
  if (bytes >= 1024) return `${formatNumber(bytes / 1024, 1)} KB`;
  return `${formatNumber(bytes)} B`;
}

function value(action: string, key: string, v: string, vocab: Kosakata | null): string {
  if (v === '' || v === '-') return say(key === 'wilayah' || key === 'kode_wilayah' ? VALUES.anyArea : VALUES.none);
  const n = /^\d+$/.test(v) ? Number(v) : null;
  switch (key) {
    case 'jenis':
      if (action === 'registry.export' && ['keluarga', 'anggota', 'bnba'].includes(v)) return t(`reg.export.jenis.${v}` as MessageKey);
      if (action === 'pilar_sosial.ekspor' && (v === 'psm' || v === 'tksk')) return roleLabel(v);
      return v;
    case 'format':
      return v.toUpperCase();
    case 'tersamar':
      return say(v === 'ya' ? VALUES.masked : v === 'tidak' ? VALUES.full : { id: v, en: v });
    case 'ditandai':
      return say(v === 'true' ? VALUES.yes : v === 'false' ? VALUES.no : { id: v, en: v });
    case 'bytes':
      return n === null ? v : size(n);
    case 'bulan':
      return /^\d{4}-\d{2}$/.test(v) ? formatMonth(v) : v;
    case 'from':
    case 'to':
      return /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : v;
    case 'status':
      return `usulan.status.${v}` in messagesId ? t(`usulan.status.${v}` as MessageKey) : v;
    case 'action':
      return actionLabel(v) ?? v;
    case 'entity':
      return entityLabel(v) ?? v;
    case 'ppks':
      return n === null ? v : showValue(vocab, 'ppks', [n]);
    case 'keluarga_id':
      return `#${v}`;
    case 'audit_head': {
      // "46:cac8…": the entry the backup's chain ends at, and its hash.
      const m = /^(\d+):([0-9a-f]+)$/.exec(v);
      return m ? `${say(VALUES.entry)} #${m[1]}, hash ${m[2]}` : v;
    }
    case 'status_keberadaan':
    case 'status_padan':
      return showValue(vocab, key, v);
  }
  return n === null ? v : formatNumber(n);
}

/** "a=1 b=two words c=3" → pairs; a value runs to the next " key=" (a name may hold spaces). */
function keyValues(s: string): [string, string][] | null {
  if (!/^[a-z_0-9]+=/.test(s)) return null;
  return s.split(/ (?=[a-z_0-9]+=)/).map((p) => {
    const i = p.indexOf('=');
    return [p.slice(0, i), p.slice(i + 1)];
  });
}

function jsonPairs(s: string): [string, string][] | null {
  try {
    const o = JSON.parse(s) as unknown;
    if (o === null || typeof o !== 'object' || Array.isArray(o)) return null;
    return Object.entries(o as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
  } catch {
    return null;
  }
}

/** Actions whose detail is one word naming a file format. */
const FORMAT_ONLY = new Set(['anggota.ekspor_subjek']);

/**
 * The detail in words when it is made of parts ("key=value …", a JSON object, "all" for a whole
 * audit export, a format); null when it is not (a sentence or a reason, worded elsewhere).
 */
export function partsText(action: string, detail: string, vocab: Kosakata | null = null): string | null {
  const d = detail.trim();
  if (action === 'audit.export' && d === 'all') return say(VALUES.all);
  if (FORMAT_ONLY.has(action) && /^[a-z]+$/.test(d)) return `${label(action, 'format')}: ${d.toUpperCase()}`;
  // registry.export: "jenis=… baris=300 saringan: kode_wilayah=36.71 nama=…"
  const [head, filter] = d.split(/ saringan: /, 2);
  const pairs = head.startsWith('{') ? jsonPairs(head) : keyValues(head);
  if (!pairs) return null;
  const words = pairs
    .filter(([k, v]) => !(k === 'sha256' && v === '')) // imports from the console carry no digest
    .map(([k, v]) => `${label(action, k)}: ${value(action, k, v, vocab)}`);
  if (filter !== undefined) words.push(`${say(LABELS.saringan)}: ${filterText(action, filter, vocab)}`);
  return words.join(' · ');
}

/** A list's filter as the server notes it ("kode_wilayah=36.71.01 desil>=1 desil<=4", "-" for
 *  none) in words: "Wilayah 36.71.01, Desil dari 1, Desil sampai 4". */
export function filterText(action: string, filter: string, vocab: Kosakata | null = null): string {
  const f = filter === '-' ? null : keyValues(filter.replace(/\bdesil>=/g, 'desil_min=').replace(/\bdesil<=/g, 'desil_max='));
  return f ? f.map(([k, v]) => `${label(action, k)} ${value(action, k, v, vocab)}`).join(', ') : say(VALUES.none);
}
