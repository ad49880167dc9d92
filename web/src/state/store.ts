// A minimal observable value and the hook that re-renders a component when it changes.
// Enough for the few pieces of app-wide state (session, location, language, connectivity);
// screens keep their own state in hooks.
import { useEffect, useReducer } from 'preact/hooks';

export type Listener = () => void;

export class Store<T> {
  private value: T;
  private readonly listeners = new Set<Listener>();

  constructor(initial: T) {
    this.value = initial;
  }

  get(): T {
    return this.value;
  }

  set(next: T): void {
    if (Object.is(next, this.value)) return;
    this.value = next;
    for (const l of [...this.listeners]) l();
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  }
}

export function useStore<T>(store: Store<T>): T {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const seen = store.get();
  useEffect(() => {
    const off = store.subscribe(() => bump(0));
    // A change between this render and the subscription (effects run a frame later) would
    // otherwise be missed: compare with the value drawn, not the value at subscription time.
    // (The app's boot screen stayed up now and then when /auth/me answered in between.)
    if (store.get() !== seen) bump(0);
    return off;
  }, [store]);
  return seen;
}
