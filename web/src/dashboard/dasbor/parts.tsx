// Pieces the dashboard panels share: a table whose rows carry a bar (a CSS rule per percent, not an
// inline style: the CSP forbids those), the drill-down link of an area, and the loading of a panel's data.
import type { ComponentChildren } from 'preact';
import { panel } from '../../api/dasbor';
import { getKosakata } from '../../api/registry';
import type { Settled } from '../../components/prepare';
import { ErrorState, Loading } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { formatNumber } from '../../i18n';
import { Link } from '../../router/Link';

export const dasborHref = (kode: string) => `/dasbor?kode=${encodeURIComponent(kode)}`;

/** A horizontal bar, `value` of `max`, hidden from screen readers (the number is in the table):
 *  one element whose fill width is a CSS rule per whole percent (app.css, .dbar; the CSP forbids
 *  inline styles). A value above 0 shows at least 1 %. */
export function Bar({ value, max, tone = 'primary' }: { value: number; max: number; tone?: 'primary' | 'ok' | 'warn' }) {
  const pct = max > 0 && value > 0 ? Math.max(1, Math.min(100, Math.round((value / max) * 100))) : 0;
  return <span class={`dbar dbar-${tone}`} data-w={pct || undefined} aria-hidden="true" />;
}

export interface BarRow {
  key: string;
  label: ComponentChildren;
  value: number;
  /** Extra cells after the number. */
  extra?: ComponentChildren[];
}

/** A data table with one bar per row: what a chart shows, readable by screen readers too. */
export function BarTable({
  caption,
  head,
  rows,
  max,
  tone,
}: {
  caption: string;
  head: string[];
  rows: BarRow[];
  max?: number;
  tone?: 'primary' | 'ok' | 'warn';
}) {
  const top = max ?? Math.max(1, ...rows.map((r) => r.value));
  return (
    <div class="dasbor-table-wrap">
      <table class="dasbor-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h, i) => (
              // The number columns' headings stand over their numbers (right), as the numbers do.
              <th scope="col" key={i} class={i > 0 ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">
                {r.label}
                <Bar value={r.value} max={top} tone={tone} />
              </th>
              <td class="num">{formatNumber(r.value)}</td>
              {r.extra?.map((c, i) => (
                <td class="num" key={i}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** An area's name linking to its own dashboard (kelurahan is the finest level). */
export function AreaLink({ kode, nama }: { kode: string; nama: string | null }) {
  const label = nama ?? kode;
  return kode.length < 13 ? <Link href={dasborHref(kode)}>{label}</Link> : <span>{label}</span>;
}

/** A panel row's `data` (dasbor.ts): panel `id` for the area shown, fetched with its chunk and the
 *  other near panels' data before they are drawn together (components/prepare.ts). */
export const panelData =
  (id: string) =>
  ({ kode }: { kode: string }, signal?: AbortSignal) =>
    panel(id, kode, undefined, signal);

/** The wilayah panel's numbers and the PPKS names it shows, fetched together (one render). */
export async function wilayahData(p: { kode: string }, signal?: AbortSignal) {
  const [d] = await Promise.all([panelData('wilayah')(p, signal), getKosakata().catch(() => null)]);
  return d;
}

/** Loads panel `id` for `kode` and renders `children(data)` once it is there; `initial`: already
 *  fetched by the screen (the panel's `data` export), drawn at once. */
export function PanelData<T>({
  id,
  kode,
  query,
  initial,
  children,
}: {
  id: string;
  kode: string;
  query?: Record<string, string | number | undefined>;
  initial?: Settled<any>;
  children: (data: T) => ComponentChildren;
}) {
  const res = useAsync((signal) => panel<T>(id, kode, query, signal), [id, kode, JSON.stringify(query ?? {})], initial);
  if (res.state === 'loading') return <Loading />;
  if (res.state === 'error') return <ErrorState error={res.error} onRetry={res.reload} />;
  return <>{children(res.data)}</>;
}

export const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

export interface ProgressRow {
  key: string | number;
  label: ComponentChildren;
  done: number;
  total: number;
}

/** Done of total per row (ground checks per list or area, RWs with a PSM per area), with a bar. */
export function ProgressTable({ caption, head, rows, percent }: { caption: string; head: [string, string]; rows: ProgressRow[]; percent?: boolean }) {
  return (
    <div class="dasbor-table-wrap">
      <table class="dasbor-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head[0]}</th>
            <th scope="col" class="num">
              {head[1]}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">
                {r.label}
                <Bar value={r.done} max={r.total} tone="ok" />
              </th>
              <td class="num">
                {formatNumber(r.done)}/{formatNumber(r.total)}
                {percent && ` (${pct(r.done, r.total)}%)`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
