// Admin audit trail: filter, browse newest first with "load older" (keyset cursor), each entry's
// change in words (changes.ts: "Keberadaan: Ada → Meninggal") with its raw before/after JSON behind
// a toggle, verify the hash chain, export the filtered range as CSV.
import '../../styles/audit.css';
import { useState } from 'preact/hooks';
import { dayStartUtc } from '../../calendar';
import { auditExportUrl, listAudit, verifyAudit, type AuditEntry, type AuditFilter, type AuditVerify } from '../../api/audit';
import { DownloadLink } from '../../components/DownloadLink';
import { Disclosure, EmptyState, ErrorState, Field, Loading, Notice, PageTitle, describeError } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { formatDateTime, formatNumber, t, tn } from '../../i18n';
import type { Kosakata } from '../../api/registry';
import type { Role } from '../../api/types';
import { roleLabel } from '../../labels';
import type { ScreenProps } from '../../routes';
import { DiffItem, useKosakata } from '../registry/values';
import { Select } from '../lapangan/parts';
import { actionLabel, entityLabel, entityOptions } from './actions';
import { describeChanges, detailText, word } from './changes';

const EMPTY: AuditFilter = { actor: '', action: '', entity: '', entity_id: '', from: '', to: '' };

/** The form's dates are days of the admin's own calendar (WIB ...) and "to" is inclusive; the
 *  server compares UTC times with `to` exclusive, so send the local day starts: `from`'s, and the
 *  day after `to`'s (calendar.ts). A bare date would be read as a UTC day, 7 hours off in WIB. */
function toServer(f: AuditFilter): AuditFilter {
  const out: AuditFilter = {};
  for (const [k, v] of Object.entries(f) as [keyof AuditFilter, string | undefined][]) {
    const s = v?.trim();
    if (s) out[k] = s;
  }
  if (out.from) out.from = dayStartUtc(out.from) ?? out.from;
  if (out.to) out.to = dayStartUtc(out.to, 1) ?? out.to;
  return out;
}

export default function AuditScreen(_props: ScreenProps) {
  const [draft, setDraft] = useState<AuditFilter>(EMPTY);
  const [applied, setApplied] = useState<AuditFilter>({});
  const res = useAsync((signal) => listAudit(applied, undefined, signal), [applied]);
  // The registry's code lists, so a changed code reads as its label ("meninggal" → "Meninggal").
  const vocab = useKosakata();
  const [older, setOlder] = useState<{ items: AuditEntry[]; next?: string } | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  const set = (k: keyof AuditFilter) => (v: string) => setDraft({ ...draft, [k]: v });
  const apply = (e: Event) => {
    e.preventDefault();
    setOlder(null);
    setMoreError(null);
    setApplied(toServer(draft));
  };
  const clear = () => {
    setDraft(EMPTY);
    setOlder(null);
    setMoreError(null);
    setApplied({});
  };

  const first = res.state === 'ok' ? res.data : null;
  const items = first ? [...first.items, ...(older?.items ?? [])] : [];
  const next = older ? older.next : first?.next;

  const loadOlder = async () => {
    if (!next) return;
    setMoreBusy(true);
    setMoreError(null);
    try {
      const page = await listAudit(applied, next);
      setOlder({ items: [...(older?.items ?? []), ...page.items], next: page.next });
    } catch (err) {
      setMoreError(describeError(err).message);
    } finally {
      setMoreBusy(false);
    }
  };

  return (
    <section>
      <PageTitle title={t('audit.title')}>{t('audit.title')}</PageTitle>
      <p class="subtitle">{t('audit.lede')}</p>

      <VerifyPanel />

      <form class="form form-inline-card audit-filter" onSubmit={apply} noValidate aria-labelledby="audit-filter-heading">
        <h2 id="audit-filter-heading">{t('audit.filterHeading')}</h2>
        <Field label={t('audit.actor')} value={draft.actor ?? ''} onValue={set('actor')} autocomplete="off" autocapitalize="none" spellcheck={false} />
        <Field
          label={t('audit.action')}
          hint={t('audit.actionHint')}
          value={draft.action ?? ''}
          onValue={set('action')}
          autocomplete="off"
          autocapitalize="none"
          spellcheck={false}
        />
        {/* The kinds in words (the cards name them so); the server filters by the key. */}
        <Select label={t('audit.entity')} value={draft.entity ?? ''} onValue={set('entity')} options={entityOptions()} />
        <Field label={t('audit.entityId')} value={draft.entity_id ?? ''} onValue={set('entity_id')} autocomplete="off" spellcheck={false} />
        <div class="audit-dates">
          <Field label={t('audit.from')} type="date" value={draft.from ?? ''} onValue={set('from')} />
          <Field label={t('audit.to')} type="date" value={draft.to ?? ''} onValue={set('to')} />
        </div>
        <div class="btn-row">
          <button type="submit" class="btn btn-primary">
            {t('audit.apply')}
          </button>
          <button type="button" class="btn btn-secondary" onClick={clear}>
            {t('audit.clear')}
          </button>
        </div>
      </form>

      <div>
        <DownloadLink class="btn btn-secondary" href={auditExportUrl(applied)}>
          {t('audit.export')}
        </DownloadLink>
      </div>

      {res.state === 'loading' ? (
        <Loading />
      ) : res.state === 'error' ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : (
        <section aria-labelledby="audit-list-heading">
          <h2 id="audit-list-heading">{t('audit.listHeading', { n: formatNumber(items.length) })}</h2>
          {items.length === 0 ? (
            <EmptyState title={t('audit.none')}>{t('audit.noneHint')}</EmptyState>
          ) : (
            <ul class="cards audit-list" aria-label={t('audit.title')}>
              {items.map((e) => (
                <AuditCard key={e.seq} entry={e} vocab={vocab} />
              ))}
            </ul>
          )}
          {moreError && <Notice tone="error">{moreError}</Notice>}
          {next ? (
            <button type="button" class="btn btn-secondary" disabled={moreBusy} onClick={loadOlder}>
              {moreBusy ? t('state.loading') : t('audit.older')}
            </button>
          ) : (
            items.length > 0 && <p class="subtitle">{t('audit.end')}</p>
          )}
        </section>
      )}
    </section>
  );
}

function pretty(json: string | null): string {
  if (json === null || json === '') return '-';
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

const ROLES: readonly string[] = ['psm', 'tksk', 'operator', 'kepala', 'admin'];

function AuditCard({ entry: e, vocab }: { entry: AuditEntry; vocab: Kosakata | null }) {
  const [open, setOpen] = useState(false);
  const [raw, setRaw] = useState(false);
  const label = actionLabel(e.action);
  const entity = entityLabel(e.entity);
  const changes = describeChanges(e, vocab);
  const hasPayload = !!(e.before_json || e.after_json);
  return (
    <li class="card audit-entry">
      <h3 class="card-title">
        {label ? (
          <>
            {label} <span class="code card-sub">{e.action}</span>
          </>
        ) : (
          <span class="code">{e.action}</span>
        )}
        <span class="card-sub"> · #{e.seq}</span>
      </h3>
      <p class="card-meta">
        <time dateTime={e.at}>{formatDateTime(e.at)}</time>
        {' · '}
        {e.actor_username || t('audit.system')}
        {e.actor_role && (
          <span class="card-sub">
            {' '}
            ({ROLES.includes(e.actor_role) ? roleLabel(e.actor_role as Role) : e.actor_role === 'system' ? t('audit.system') : e.actor_role})
          </span>
        )}
      </p>
      <p class="card-meta">
        <span class="vh">{t('audit.entity')}: </span>
        {entity ?? e.entity} <span class="code">{e.entity_id}</span>
      </p>
      {e.detail && <p class="audit-detail">{detailText(e.action, e.detail, vocab)}</p>}
      {changes && changes.length > 0 && (
        <ul class="diff audit-changes" aria-label={word('changes')}>
          {changes.map((c) => (
            <DiffItem key={c.key} label={c.label} before={c.before} after={c.after} />
          ))}
        </ul>
      )}
      <Disclosure label={t('audit.details', { seq: e.seq })} open={open} onToggle={setOpen} class="audit-more">
        <dl class="details audit-meta">
          <dt>{t('audit.client')}</dt>
          <dd class="code">{e.client_address || '-'}</dd>
          <dt>{t('audit.requestId')}</dt>
          <dd class="code">{e.request_id || '-'}</dd>
          <dt>{t('audit.hash')}</dt>
          <dd class="code hash">{e.hash}</dd>
          <dt>{t('audit.prevHash')}</dt>
          <dd class="code hash">{e.prev_hash}</dd>
        </dl>
        {hasPayload && (
          <Disclosure label={`${word('raw')} #${e.seq}`} open={raw || changes === null} onToggle={setRaw} class="audit-raw">
            <h4>{t('audit.before')}</h4>
            <pre class="audit-json" tabIndex={0} aria-label={t('audit.before')}>
              {pretty(e.before_json)}
            </pre>
            <h4>{t('audit.after')}</h4>
            <pre class="audit-json" tabIndex={0} aria-label={t('audit.after')}>
              {pretty(e.after_json)}
            </pre>
          </Disclosure>
        )}
      </Disclosure>
    </li>
  );
}

function VerifyPanel() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditVerify | null>(null);
  const [error, setError] = useState<{ text: string } | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await verifyAudit());
    } catch (err) {
      setError({ text: describeError(err).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="audit-verify">
      <button type="button" class="btn btn-secondary" disabled={busy} onClick={run}>
        {busy ? t('audit.verifying') : t('audit.verify')}
      </button>
      {error && (
        <Notice tone="error" focus={error}>
          {error.text}
        </Notice>
      )}
      {result &&
        (result.ok ? (
          <Notice tone="ok" focus={result}>
            <p>{tn('audit.verifyOk', result.count, { seq: result.head_seq })}</p>
            <p>
              {t('audit.headHash')}: <span class="code hash">{result.head_hash}</span>
            </p>
          </Notice>
        ) : (
          <Notice tone="error" focus={result}>
            <p>{t('audit.verifyBad', { seq: result.bad_seq ?? '?', problem: result.problem })}</p>
            <p>{result.message}</p>
          </Notice>
        ))}
    </div>
  );
}
