// The device's queue: what waits to be sent, what needs the user's decision ("Perlu ditinjau":
// a conflict shows the user's version next to the server's, a refusal its reason), and what was
// sent. Nothing here happens without the user pressing a button.
import { useState } from 'preact/hooks';
import { EmptyState, Notice, PageTitle } from '../../components/ui';
import { formatDateTime, t } from '../../i18n';
import { discardOp, keepMine, retryOp, storageReason, syncNow, syncState, takeTheirs, type QueuedOp } from '../../offline/queue';
import type { ScreenProps } from '../../routes';
import { onlineStore } from '../../state/connectivity';
import { useStore } from '../../state/store';
import { useOps } from './parts';

function show(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function Differences({ op }: { op: QueuedOp }) {
  const server = op.server ?? {};
  const keys = Object.keys(op.data).filter((k) => !['id', 'uid', 'alasan'].includes(k));
  return (
    <table class="diff">
      <caption class="vh">{t('sync.diff.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('sync.diff.field')}</th>
          <th scope="col">{t('sync.diff.mine')}</th>
          <th scope="col">{t('sync.diff.theirs')}</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k} class={show(op.data[k]) !== show(server[k]) ? 'diff-changed' : undefined}>
            <th scope="row">{k}</th>
            <td>{show(op.data[k])}</td>
            <td>{show(server[k])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReviewItem({ op }: { op: QueuedOp }) {
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [problem, setProblem] = useState<{ text: string } | null>(null);
  const act = (fn: () => Promise<void>) => async () => {
    setBusy(true);
    setProblem(null);
    try {
      await fn();
    } catch (err) {
      // The phone's storage refused the choice (each is one transaction: the queue is as it was).
      // It was an unhandled error: the button came back and nothing said the choice had not held.
      setProblem({ text: t('sync.err.device', { why: storageReason(err) }) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="review-item">
      <h3>{op.label}</h3>
      <p class="list-meta">{t('sync.madeAt', { when: formatDateTime(op.created_at) })}</p>
      {problem && (
        <Notice tone="error" focus={problem}>
          {problem.text}
        </Notice>
      )}
      {op.status === 'konflik' ? (
        <>
          <p>{t('sync.conflict.body', { version: show(op.server?.version) })}</p>
          <Differences op={op} />
          <div class="actions">
            <button type="button" class="btn" disabled={busy} onClick={act(() => keepMine(op))}>
              {t('sync.conflict.keepMine')}
            </button>
            <button type="button" class="btn btn-secondary" disabled={busy} onClick={act(() => takeTheirs(op))}>
              {t('sync.conflict.takeTheirs')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p class="field-error">{op.error?.message ?? t('sync.refused')}</p>
          <div class="actions">
            <button type="button" class="btn" disabled={busy} onClick={act(() => retryOp(op))}>
              {t('sync.refused.retry')}
            </button>
            {confirm ? (
              <button type="button" class="btn btn-danger" disabled={busy} onClick={act(() => discardOp(op))}>
                {t('sync.refused.discardSure')}
              </button>
            ) : (
              <button type="button" class="btn btn-secondary" onClick={() => setConfirm(true)}>
                {t('sync.refused.discard')}
              </button>
            )}
          </div>
        </>
      )}
    </li>
  );
}

export default function SyncScreen(_: ScreenProps) {
  const ops = useOps();
  const s = useStore(syncState);
  const online = useStore(onlineStore);
  const review = ops.filter((o) => o.status === 'konflik' || o.status === 'ditolak');
  const waiting = ops.filter((o) => o.status === 'menunggu');
  const sent = ops.filter((o) => o.status === 'terkirim').reverse().slice(0, 20);
  return (
    <section>
      <PageTitle title={t('sync.title')}>{t('sync.title')}</PageTitle>
      <p class="subtitle">{s.lastSync ? t('sync.status.lastLine', { when: formatDateTime(s.lastSync) }) : t('sync.never')}</p>
      {s.lastError && online && <Notice tone="error">{t('sync.failed', { message: s.lastError })}</Notice>}
      <p>
        <button type="button" class="btn" disabled={!online || s.syncing} onClick={() => void syncNow()}>
          {s.syncing ? t('sync.status.syncing') : t('sync.now')}
        </button>
      </p>
      <h2>{t('sync.review.title', { n: review.length })}</h2>
      {review.length === 0 ? (
        <p>{t('sync.review.none')}</p>
      ) : (
        <ul class="list review-list">
          {review.map((o) => (
            <ReviewItem key={o.op_id} op={o} />
          ))}
        </ul>
      )}
      <h2>{t('sync.waiting.title', { n: waiting.length })}</h2>
      {waiting.length === 0 ? (
        <p>{t('sync.waiting.none')}</p>
      ) : (
        <ul class="list list-rows">
          {waiting.map((o) => (
            <li key={o.op_id}>
              {o.label} <span class="list-meta">· {formatDateTime(o.created_at)}</span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('sync.sent.title')}</h2>
      {sent.length === 0 ? (
        <EmptyState title={t('sync.sent.none')} />
      ) : (
        <ul class="list list-rows">
          {sent.map((o) => (
            <li key={o.op_id}>
              {o.label} <span class="list-meta">· {formatDateTime(o.sent_at)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
