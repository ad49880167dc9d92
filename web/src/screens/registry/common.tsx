// Pieces the registry, proposal and check-list screens share: code-list labels, the role rules
// the UI mirrors, a keyset "load more" list, a region filter within the user's scope, the change
// history with a before/after diff, and the versioned edit form with its conflict screen.
import '../../styles/registry.css';
import { useState } from 'preact/hooks';
import { childrenOf } from '../../api/wilayah';
import { StaleEdit, type Changes, type Kosakata, type Riwayat } from '../../api/registry';
import type { Me, Role, Wilayah } from '../../api/types';
import { EmptyState, ErrorState, Loading, Notice, TextArea, describeError, useFieldId } from '../../components/ui';
import { useKept } from '../../components/kept';
import { useAsync } from '../../components/useAsync';
import { formatDateTime, lang, t, type MessageKey } from '../../i18n';
import { roleLabel, useWilayahNames, wilayahName } from '../../labels';
import { Link } from '../../router/Link';

// ---- role rules (the server enforces the same: src/access/policy.cpp, registry/service.cpp)
const WRITERS: readonly Role[] = ['psm', 'tksk', 'operator'];
export const canWrite = (me: Me) => WRITERS.includes(me.role);
/** Opening NIK / No. KK and special data: field workers and the office, not kepala. */
export const canUnmask = (me: Me) => WRITERS.includes(me.role);
/** Making proposals: PSM and operator (POST /api/v1/usulan). */
export const canPropose = (me: Me) => me.role === 'psm' || me.role === 'operator';

// ---- code lists and labels (values.ts)
import { actionLabel } from '../audit/actions';
import { DiffItem, META, fieldLabel, showValue, useKosakata } from './values';
export { codeLabel, fieldLabel, ppksName, showValue, useKosakata } from './values';

export function ageOf(tanggal: string | null): number | null {
  if (!tanggal) return null;
  const b = new Date(`${tanggal}T00:00:00`);
  if (Number.isNaN(b.getTime())) return null;
  const now = new Date();
  let a = now.getFullYear() - b.getFullYear();
  if (now.getMonth() < b.getMonth() || (now.getMonth() === b.getMonth() && now.getDate() < b.getDate())) a--;
  return a;
}

export const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

// ---- section links styled as tabs (plain links: each section has its own address)
export function Tabs({ items, label }: { items: { href: string; label: string; current: boolean }[]; label: string }) {
  return (
    <nav class="tabs" aria-label={label}>
      <ul>
        {items.map((i) => (
          <li key={i.href}>
            <Link href={i.href} aria-current={i.current ? 'page' : undefined}>
              {i.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

// ---- a labelled <select>
export function Select({
  label,
  value,
  onValue,
  options,
  hint,
  error,
  blank,
}: {
  label: string;
  value: string;
  onValue: (v: string) => void;
  options: { value: string; label: string }[];
  hint?: string;
  error?: string;
  /** Text of an empty first option (none when absent). */
  blank?: string;
}) {
  const id = useFieldId('s');
  const described = [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="field-hint">
          {hint}
        </p>
      )}
      <select id={id} value={value} onChange={(e) => onValue((e.target as HTMLSelectElement).value)} aria-describedby={described} aria-invalid={error ? 'true' : undefined}>
        {blank !== undefined && <option value="">{blank}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-err`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** Tick boxes in a fieldset (multi-valued codes: aset, penyakit_kronis, PPKS). */
export function Checks({
  legend,
  options,
  value,
  onValue,
  error,
  hint,
}: {
  legend: string;
  options: { value: string; label: string }[];
  value: string[];
  onValue: (v: string[]) => void;
  error?: string;
  hint?: string;
}) {
  const id = useFieldId('c');
  return (
    <fieldset class={`field${error ? ' field-invalid' : ''}`} aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} class="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-err`} class="field-error">
          {error}
        </p>
      )}
      <ul class="checks">
        {options.map((o) => (
          <li key={o.value}>
            <label>
              <input
                type="checkbox"
                checked={value.includes(o.value)}
                onChange={(e) => {
                  const on = (e.target as HTMLInputElement).checked;
                  onValue(on ? [...value.filter((x) => x !== o.value), o.value] : value.filter((x) => x !== o.value));
                }}
              />
              {o.label}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function codeOptions(vocab: Kosakata | null, field: string): { value: string; label: string }[] {
  if (field === 'jenis_kelamin') return [{ value: 'L', label: t('reg.L') }, { value: 'P', label: t('reg.P') }];
  return (vocab?.kosakata[field]?.kode ?? []).map((c) => ({ value: c.kode, label: lang() === 'en' ? c.en : c.id }));
}

// ---- region filter: the user's scope, then one level down at a time
export function WilayahFilter({ scope, value, onValue, label }: { scope: string[]; value: string; onValue: (kode: string) => void; label?: string }) {
  const scopeNames = useWilayahNames(scope, { long: false });
  // The chain of chosen codes from a scope region down to `value`.
  const root = scope.find((s) => value === s || value.startsWith(s + '.')) ?? scope[0] ?? '';
  const chain: string[] = [root];
  if (value && value !== root) {
    const extra = value.slice(root.length + 1).split('.');
    let c = root;
    for (const part of extra) {
      c = `${c}.${part}`;
      chain.push(c);
    }
  }
  return (
    <fieldset class="field filters-fieldset">
      <legend>{label ?? t('reg.filter.pick')}</legend>
      <div class="filters">
        {scope.length > 1 && (
          <Select
            label={t('reg.filter.scope')}
            value={root}
            onValue={onValue}
            options={scope.map((s, i) => ({ value: s, label: `${scopeNames[i]} (${s})` }))}
          />
        )}
        {chain.map((c, i) => (
          <ChildSelect key={c} parent={c} value={chain[i + 1] ?? ''} onValue={(v) => onValue(v || c)} />
        ))}
      </div>
    </fieldset>
  );
}

function ChildSelect({ parent, value, onValue }: { parent: string; value: string; onValue: (v: string) => void }) {
  const res = useAsync(() => childrenOf(parent), [parent]);
  const parentNames = useWilayahNames([parent], { long: false });
  if (res.state !== 'ok' || res.data.length === 0) return null;
  const kids: Wilayah[] = res.data;
  const level = kids[0].tingkat;
  return (
    <Select
      label={t(`tingkat.${level}` as MessageKey)}
      value={value}
      onValue={onValue}
      blank={t('reg.filter.all', { name: parentNames[0] })}
      options={kids.map((w) => ({ value: w.kode, label: wilayahName(w) }))}
    />
  );
}

// ---- change history with a diff of the fields that changed
export function diffFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (!before || !after) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !META.has(k) && JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}

function historyValue(vocab: Kosakata | null, field: string, v: unknown): string {
  if (v === '(data khusus)') return t('reg.history.special');
  return showValue(vocab, field, v);
}

export function History({ load, deps }: { load: (signal: AbortSignal) => Promise<Riwayat[]>; deps: unknown[] }) {
  const vocab = useKosakata();
  const res = useAsync(load, deps);
  if (res.state === 'loading') return <Loading />;
  if (res.state === 'error') return <ErrorState error={res.error} onRetry={res.reload} />;
  if (res.data.length === 0) return <EmptyState title={t('reg.history.none')} />;
  const items = [...res.data].reverse(); // newest first
  return (
    <ol class="cards history">
      {items.map((h, i) => {
        const created = !h.sebelum && !!h.sesudah;
        const isView = !h.sebelum && !h.sesudah;
        const fields = diffFields(h.sebelum, h.sesudah);
        return (
          <li key={`${h.at}-${i}`} class="card">
            <h3 class="card-title">
              {/* The action in words (the audit screen's table; it showed "keluarga.update"). */}
              {created ? t('reg.history.created') : isView ? t('reg.history.view') : (actionLabel(h.aksi) ?? <span class="code">{h.aksi}</span>)}
            </h3>
            <p class="card-meta">
              <time dateTime={h.at}>{formatDateTime(h.at)}</time> · {t('reg.history.by', { who: h.oleh, role: roleName(h.peran) })}
            </p>
            {h.alasan && !isView && <p>{t('reg.history.reason', { alasan: h.alasan })}</p>}
            {!created && !isView && (
              fields.length === 0 ? (
                <p class="muted">{t('reg.history.noDiff')}</p>
              ) : (
                <ul class="diff">
                  {fields.map((f) => (
                    <DiffItem key={f} label={fieldLabel(f)} before={historyValue(vocab, f, h.sebelum?.[f])} after={historyValue(vocab, f, h.sesudah?.[f])} />
                  ))}
                </ul>
              )
            )}
          </li>
        );
      })}
    </ol>
  );
}

function roleName(r: string): string {
  return ['psm', 'tksk', 'operator', 'kepala', 'admin'].includes(r) ? roleLabel(r as Role) : r;
}

// ---- versioned edit form: PATCH with version + alasan; 409 shows both sides, never overwrites
export type FieldKind = 'text' | 'date' | 'number' | 'code' | 'codes';
export interface FieldSpec {
  name: string;
  kind: FieldKind;
}

type Draft = Record<string, string | string[]>;

function draftOf(rec: Record<string, unknown>, specs: FieldSpec[]): Draft {
  const d: Draft = {};
  for (const s of specs) {
    const v = rec[s.name];
    d[s.name] = s.kind === 'codes' ? (Array.isArray(v) ? v.map(String) : []) : v === null || v === undefined ? '' : String(v);
  }
  return d;
}

function changesOf(draft: Draft, base: Draft, specs: FieldSpec[]): Changes {
  const out: Changes = {};
  for (const s of specs) {
    const a = draft[s.name];
    const b = base[s.name];
    if (JSON.stringify(s.kind === 'codes' ? [...(a as string[])].sort() : a) === JSON.stringify(s.kind === 'codes' ? [...(b as string[])].sort() : b)) continue;
    if (s.kind === 'codes') out[s.name] = a as string[];
    else out[s.name] = (a as string).trim() === '' ? null : (a as string).trim();
  }
  return out;
}

/**
 * A record's edit form (a household's or a member's data). What is typed is kept in the tab under
 * `keepKey` until saved (components/kept.ts) with the version it was typed on, so a look at another
 * screen, a reload or a PSM's phone dropping the tab loses nothing, and a draft typed on an older
 * version still meets the server's conflict check (it is never applied over a newer record
 * unseen). The screen opens the form again when `hasKept(keepKey)`.
 */
export function EditRecordForm<T extends { version: number; diubah_pada: string; diubah_oleh: string }>({
  record,
  specs,
  save,
  onSaved,
  keepKey,
}: {
  record: T;
  specs: FieldSpec[];
  save: (changes: Changes, version: number, alasan: string) => Promise<T>;
  onSaved: (r: T) => void;
  keepKey: string;
}) {
  const vocab = useKosakata();
  type Kept = { base: T; draft: Draft; alasan: string };
  const [kept, setKept, forget, restored] = useKept<Kept | null>(keepKey, null);
  const base = kept?.base ?? record;
  const draft = kept?.draft ?? draftOf(record as unknown as Record<string, unknown>, specs);
  const alasan = kept?.alasan ?? '';
  // Nothing changed and no reason typed: nothing to keep.
  const put = (next: Kept) =>
    setKept(
      next.alasan === '' && JSON.stringify(next.draft) === JSON.stringify(draftOf(next.base as unknown as Record<string, unknown>, specs)) ? null : next,
    );
  const setBase = (b: T, d: Draft) => put({ base: b, draft: d, alasan });
  const setDraft = (d: Draft) => put({ base, draft: d, alasan });
  const setAlasan = (a: string) => put({ base, draft, alasan: a });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string } | null>(null);
  const [conflict, setConflict] = useState<{ current: T; mine: Changes } | null>(null);
  const [busy, setBusy] = useState(false);

  const baseDraft = draftOf(base as unknown as Record<string, unknown>, specs);

  const submit = async (e?: Event) => {
    e?.preventDefault();
    const changes = changesOf(draft, baseDraft, specs);
    const errs: Record<string, string> = {};
    if (alasan.trim().length < 3) errs.alasan = t('reg.edit.alasanRequired');
    setErrors(errs);
    if (Object.keys(changes).length === 0) {
      setMessage({ text: t('reg.edit.nothing') });
      return;
    }
    if (Object.keys(errs).length) {
      setMessage({ text: t('form.fixErrors') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const saved = await save(changes, base.version, alasan.trim());
      setConflict(null);
      forget();
      onSaved(saved);
    } catch (err) {
      if (err instanceof StaleEdit) {
        setConflict({ current: err.current as T, mine: changes });
      } else {
        const { message: m, field } = describeError(err);
        if (field) setErrors({ [field]: m });
        setMessage({ text: m });
      }
    } finally {
      setBusy(false);
    }
  };

  const set = (name: string) => (v: string | string[]) => setDraft({ ...draft, [name]: v });

  return (
    <form class="form form-inline-card" onSubmit={submit} noValidate>
      {message && (
        <Notice tone="error" focus={message}>
          {message.text}
        </Notice>
      )}
      {restored && !conflict && <Notice tone="info">{t('field.kept')}</Notice>}
      {conflict && (
        <ConflictPanel
          current={conflict.current}
          mine={conflict.mine}
          vocab={vocab}
          onReapply={() => {
            // Re-apply on top of the version now shown: the base becomes the current record and
            // the draft keeps what the user typed. The user presses save again, knowingly.
            const cur = draftOf(conflict.current as unknown as Record<string, unknown>, specs);
            const next = { ...cur };
            for (const [k, v] of Object.entries(conflict.mine)) next[k] = Array.isArray(v) ? v : v === null ? '' : String(v);
            setBase(conflict.current, next);
            setConflict(null);
            setMessage(null);
          }}
          onDiscard={() => {
            forget();
            setConflict(null);
            onSaved(conflict.current);
          }}
        />
      )}
      {specs.map((s) => {
        const err = errors[s.name];
        const label = fieldLabel(s.name);
        if (s.kind === 'code')
          return <Select key={s.name} label={label} value={draft[s.name] as string} onValue={set(s.name)} options={codeOptions(vocab, s.name)} blank={t('reg.edit.blank')} error={err} />;
        if (s.kind === 'codes')
          return <Checks key={s.name} legend={label} hint={t('reg.edit.codesHint')} options={codeOptions(vocab, s.name)} value={draft[s.name] as string[]} onValue={set(s.name)} error={err} />;
        return <PlainField key={s.name} label={label} kind={s.kind} value={draft[s.name] as string} onValue={set(s.name)} error={err} />;
      })}
      <TextArea label={t('reg.edit.alasan')} hint={t('reg.edit.alasanHint')} value={alasan} onValue={setAlasan} error={errors.alasan} required rows={2} />
      <div class="btn-row">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('reg.edit.submit')}
        </button>
      </div>
    </form>
  );
}

function PlainField({ label, kind, value, onValue, error }: { label: string; kind: FieldKind; value: string; onValue: (v: string) => void; error?: string }) {
  const id = useFieldId('e');
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      <input
        id={id}
        type={(kind === 'date' ? 'date' : 'text') as 'text'}
        inputMode={kind === 'number' ? 'decimal' : undefined}
        value={value}
        onInput={(e) => onValue((e.target as HTMLInputElement).value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        autocomplete="off"
      />
      {error && (
        <p id={`${id}-err`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

function ConflictPanel<T extends { version: number; diubah_pada: string; diubah_oleh: string }>({
  current,
  mine,
  vocab,
  onReapply,
  onDiscard,
}: {
  current: T;
  mine: Changes;
  vocab: Kosakata | null;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const cur = current as unknown as Record<string, unknown>;
  return (
    <Notice tone="error" focus={current}>
      <p>
        <strong>{t('reg.conflict.title')}</strong>
      </p>
      <p>{t('reg.conflict.body', { version: current.version, when: formatDateTime(current.diubah_pada), who: current.diubah_oleh })}</p>
      <table class="compare">
        <caption>{t('reg.conflict.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reg.conflict.field')}</th>
            <th scope="col">{t('reg.conflict.mine')}</th>
            <th scope="col">{t('reg.conflict.theirs')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(mine).map(([k, v]) => (
            <tr key={k}>
              <th scope="row">{fieldLabel(k)}</th>
              <td>{showValue(vocab, k, v)}</td>
              <td>{showValue(vocab, k, cur[k])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="btn-row">
        <button type="button" class="btn btn-primary" onClick={onReapply}>
          {t('reg.conflict.reapply')}
        </button>
        <button type="button" class="btn btn-secondary" onClick={onDiscard}>
          {t('reg.conflict.discard')}
        </button>
      </div>
    </Notice>
  );
}
