// The sync status for field roles, always in the header next to the offline banner: how many
// changes wait on this device, how many need the user's decision, and a link to the queue.
import { formatDateTime, t, tn } from '../i18n';
import { Link } from '../router/Link';
import { useStore } from '../state/store';
import '../styles/offline.css';
import './cache';
import { syncState } from './queue';

export function SyncStatus() {
  const s = useStore(syncState);
  if (!s.user) return null;
  const text = s.syncing
    ? t('sync.status.syncing')
    : s.pending > 0
      ? tn('sync.status.pending', s.pending)
      : t('sync.status.clean');
  return (
    <p class={`sync-status${s.review > 0 ? ' sync-status-review' : s.pending > 0 ? ' sync-status-pending' : ''}`} role="status">
      <Link href="/sinkron" class="sync-status-link">
        <span class="sync-status-text" data-pending={s.pending}>
          {text}
        </span>
        {s.review > 0 && <span class="sync-status-review-text"> · {tn('sync.status.review', s.review)}</span>}
      </Link>
      {/* Always its own line, from the first paint: the header keeps its height when the first
          sync ends (a line appearing there pushed the whole screen down). */}
      <span class="sync-status-when">{s.lastSync ? t('sync.status.lastLine', { when: formatDateTime(s.lastSync) }) : t('sync.status.notYet')}</span>
    </p>
  );
}
