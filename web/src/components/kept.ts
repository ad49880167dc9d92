// A form's unsaved input, kept in sessionStorage (this tab only) so it survives what a phone does to
// a page: a reload, Android discarding a tab in the background, the user leaving the screen to look
// something up, a session that expired and the sign-in in between. Cleared when the form is saved
// and on sign-out; the key names the user, so another account on the phone never sees it.
//
//   const [answer, setAnswer, forget, restored] = useKept(`${me.username}.periksa.${id}`, emptyHasil());
import { useRef, useState } from 'preact/hooks';

const PREFIX = 'pilar.draft.';

function read<T>(key: string): T | undefined {
  try {
    const s = sessionStorage.getItem(PREFIX + key);
    return s === null ? undefined : (JSON.parse(s) as T);
  } catch {
    return undefined;
  }
}

function write(key: string, v: unknown | undefined): void {
  try {
    if (v === undefined) sessionStorage.removeItem(PREFIX + key);
    else sessionStorage.setItem(PREFIX + key, JSON.stringify(v));
  } catch {
    /* storage full or blocked: the form still works, it just is not kept */
  }
}

/**
 * useState that keeps its value under `key` until `forget()` (call it once the form is saved).
 * `restored` is true when the value came back from an earlier visit, so the screen can say so.
 * The setter takes a value or, like useState's, a function of the latest one. With `keep` false it
 * is a plain useState (a hook that keeps only when its caller asks: hooks cannot be called
 * conditionally).
 */
export function useKept<T>(key: string, initial: T, keep = true): [T, (v: T | ((prev: T) => T)) => void, () => void, boolean] {
  const load = () => {
    const kept = keep ? read<T>(key) : undefined;
    return { key, value: kept ?? initial, restored: kept !== undefined };
  };
  const [state, setState] = useState(load);
  // The empty form as first given (a fresh one each render may differ: new ids), to tell typed from empty.
  const [empty] = useState(() => JSON.stringify(initial));
  // Another record on the same screen (a new :id): start from what was kept for that one.
  let current = state;
  if (state.key !== key) {
    current = load();
    setState(current);
  }
  const latest = useRef(current);
  latest.current = current;
  const set = (v: T | ((prev: T) => T)) => {
    const value = typeof v === 'function' ? (v as (prev: T) => T)(latest.current.value) : v;
    if (keep) write(key, JSON.stringify(value) === empty ? undefined : value);
    latest.current = { key, value, restored: latest.current.restored };
    setState(latest.current);
  };
  const forget = () => {
    if (keep) write(key, undefined);
    latest.current = { key, value: initial, restored: false };
    setState(latest.current);
  };
  return [current.value, set, forget, current.restored];
}

/** Setters of single fields of a kept form's object: `const field = fieldSetter(setForm); field('alamat')(v)`. */
export const fieldSetter =
  <F>(set: (u: (f: F) => F) => void) =>
  <K extends keyof F>(k: K) =>
  (v: F[K]) =>
    set((f) => ({ ...f, [k]: v }));

/** Whether a form's input is kept under `key` (a screen opens that form again). */
export function hasKept(key: string): boolean {
  return read(key) !== undefined;
}

/** Drops every kept form (sign-out: what was typed is personal data on a shared phone). */
export function forgetKeptForms(): void {
  try {
    for (let i = sessionStorage.length - 1; i >= 0; i--) {
      const k = sessionStorage.key(i);
      if (k?.startsWith(PREFIX)) sessionStorage.removeItem(k);
    }
  } catch {
    /* nothing kept */
  }
}
