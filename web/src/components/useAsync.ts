// Loads data for a screen and tracks loading / loaded / failed, with reload().
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';

export type Async<T> =
  | { state: 'loading'; reload: () => void }
  | { state: 'ok'; data: T; reload: () => void; set: (v: T) => void }
  | { state: 'error'; error: ApiError | Error; reload: () => void };

export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Async<T> {
  const [rev, setRev] = useState(0);
  const [s, setS] = useState<{ state: 'loading' } | { state: 'ok'; data: T } | { state: 'error'; error: Error }>({
    state: 'loading',
  });
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
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
