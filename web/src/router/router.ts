// Client-side routing on the History API. The server answers every extension-less path with
// index.html, so any route here is also a URL a user can bookmark or reload.
import { Store } from '../state/store';

export interface Location {
  path: string;
  query: URLSearchParams;
}

function read(): Location {
  return { path: window.location.pathname || '/', query: new URLSearchParams(window.location.search) };
}

export const locationStore = new Store<Location>(read());

window.addEventListener('popstate', () => {
  focusTitleOnRender = true;
  locationStore.set(read());
});

/** Set by navigation; the next page title to render takes focus (screen readers announce it). */
let focusTitleOnRender = false;
export function consumeTitleFocus(): boolean {
  const f = focusTitleOnRender;
  focusTitleOnRender = false;
  return f;
}

export function navigate(to: string, { replace = false } = {}): void {
  const here = window.location.pathname + window.location.search;
  if (to === here && !replace) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  focusTitleOnRender = true;
  locationStore.set(read());
  window.scrollTo(0, 0);
}

export type Params = Record<string, string>;

interface Compiled {
  regex: RegExp;
  keys: string[];
}

const compiled = new Map<string, Compiled>();

/** '/wilayah/:kode' style patterns; a trailing '?' makes a segment optional. */
function compile(pattern: string): Compiled {
  let c = compiled.get(pattern);
  if (c) return c;
  const keys: string[] = [];
  let src = '';
  for (const part of pattern.split('/').filter(Boolean)) {
    if (part.startsWith(':')) {
      const optional = part.endsWith('?');
      keys.push(part.slice(1, optional ? -1 : undefined));
      src += optional ? '(?:/([^/]+))?' : '/([^/]+)';
    } else {
      src += '/' + part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  c = { regex: new RegExp(`^${src || '/'}/?$`), keys };
  compiled.set(pattern, c);
  return c;
}

export function matchPath(pattern: string, path: string): Params | null {
  const { regex, keys } = compile(pattern);
  const m = regex.exec(path);
  if (!m) return null;
  const params: Params = {};
  keys.forEach((k, i) => {
    if (m[i + 1] !== undefined) params[k] = decodeURIComponent(m[i + 1]);
  });
  return params;
}
