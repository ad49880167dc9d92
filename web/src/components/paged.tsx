// Keyset pages of a list (the server's `next` cursor): the first page through useAsync, "load more"
// appends the next; shared by the registry, proposal, duplicate and workforce lists.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { ErrorState, Loading, Notice, describeError } from './ui';
import { useAsync } from './useAsync';

export interface Paged<T> {
  state: 'loading' | 'error' | 'ok';
  error?: Error;
  items: T[];
  next?: string;
  more: () => void;
  moreBusy: boolean;
  moreError: string | null;
  reload: () => void;
}

export function usePaged<T>(load: (after: string | undefined, signal?: AbortSignal) => Promise<{ items: T[]; next?: string }>, deps: unknown[]): Paged<T> {
  const first = useAsync((signal) => load(undefined, signal), deps);
  const [extra, setExtra] = useState<{ items: T[]; next?: string } | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  useEffect(() => {
    setExtra(null);
    setMoreError(null);
  }, deps);
  const base = first.state === 'ok' ? first.data : null;
  const items = base ? [...base.items, ...(extra?.items ?? [])] : [];
  const next = extra ? extra.next : base?.next;
  const more = async () => {
    if (!next) return;
    setMoreBusy(true);
    setMoreError(null);
    try {
      const page = await load(next);
      setExtra({ items: [...(extra?.items ?? []), ...page.items], next: page.next });
    } catch (e) {
      setMoreError(describeError(e).message);
    } finally {
      setMoreBusy(false);
    }
  };
  return {
    state: first.state,
    error: first.state === 'error' ? first.error : undefined,
    items,
    next,
    more: () => void more(),
    moreBusy,
    moreError,
    reload: () => {
      setExtra(null);
      first.reload();
    },
  };
}

/** Loading / error / empty / the list, then "load more" while the server has a next page. */
export function PagedList<T>({
  paged,
  empty,
  children,
}: {
  paged: Paged<T>;
  empty: ComponentChildren;
  children: (items: T[]) => ComponentChildren;
}) {
  if (paged.state === 'loading') return <Loading />;
  if (paged.state === 'error') return <ErrorState error={paged.error!} onRetry={paged.reload} />;
  if (paged.items.length === 0) return <>{empty}</>;
  return (
    <>
      {children(paged.items)}
      {paged.moreError && <Notice tone="error">{paged.moreError}</Notice>}
      {paged.next ? (
        <button type="button" class="btn btn-secondary" disabled={paged.moreBusy} onClick={paged.more}>
          {paged.moreBusy ? t('state.loading') : t('reg.more')}
        </button>
      ) : (
        <p class="subtitle">{t('reg.end')}</p>
      )}
    </>
  );
}

