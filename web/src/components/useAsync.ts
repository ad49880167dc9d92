// Loads data for a screen and tracks loading / loaded / failed, with reload().
// `initial`: a result already fetched by whoever rendered this (a screen that fetches its
// panels' data together and draws them in one go, see components/prepare.ts); the first load is
// then skipped and the component draws at once. reload() always fetches again.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { Settled } from './prepare';

export type Async<T> =
  | { state: 'loading'; reload: () => void }
  | { state: 'ok'; data: T; reload: () => void; set: (v: T) => void }
  | { state: 'error'; error: ApiError | Error; reload: () => void };

type State<T> = { state: 'loading' } | { state: 'ok'; data: T } | { state: 'error'; error: Error };

const fromSettled = <T>(r: Settled<T>): State<T> => (r.ok ? { state: 'ok', data: r.value } : { state: 'error', error: r.error });

export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[], initial?: Settled<T>): Async<T> {
  const [rev, setRev] = useState(0);
  const [s, setS] = useState<State<T>>(() => (initial ? fromSettled(initial) : { state: 'loading' }));
  const loadRef = useRef(load);
  loadRef.current = load;
  const skip = useRef(initial !== undefined);
  useEffect(() => {
    if (skip.current) {
      skip.current = false;
      return;
    }
    const ac = new AbortController();
    setS({ state: 'loading' });
    loadRef.current(ac.signal).then(
      (data) => {
        if (!ac.signal.aborted) setS({ state: 'ok', data });
      },
      (error: unknown) => {
        if (!ac.signal.aborted) setS({ state: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => ac.abort();
  }, [...deps, rev]);
  const reload = useCallback(() => setRev((r) => r + 1), []);
  const set = useCallback((data: T) => setS({ state: 'ok', data }), []);
  if (s.state === 'ok') return { state: 'ok', data: s.data, reload, set };
  if (s.state === 'error') return { state: 'error', error: s.error, reload };
  return { state: 'loading', reload };
}
