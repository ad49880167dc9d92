// UI language: Bahasa Indonesia by default, English on request; the choice is kept on the
// device. t() looks a key up in the catalogue (messages.ts) and fills {name} placeholders.
import { Store } from '../state/store';
import { en, id, type MessageKey } from './messages';

export type Lang = 'id' | 'en';
export type { MessageKey };

const STORAGE_KEY = 'pilar.lang';

function initial(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export const langStore = new Store<Lang>(initial());

export function setLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  document.documentElement.lang = lang;
  langStore.set(lang);
}

export const lang = (): Lang => langStore.get();

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const table = langStore.get() === 'en' ? en : id;
  let s: string = table[key] ?? id[key] ?? key;
  if (params) s = s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
  return s;
}

const locale = () => (langStore.get() === 'en' ? 'en-GB' : 'id-ID');

export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}
