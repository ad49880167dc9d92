// UI language: Bahasa Indonesia by default, English on request; the choice is kept on the
// device. t() looks a key up in the catalogue (messages.ts) and fills {name} placeholders; tn() does
// the same for a message that shows a count, in the plural form the count takes.
import { Store } from '../state/store';
import { id, type EnCatalogue, type MessageKey, type PluralForms, type PluralKey } from './messages';

export type Lang = 'id' | 'en';
export type { MessageKey, PluralKey };

const STORAGE_KEY = 'pilar.lang';

function initial(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export const langStore = new Store<Lang>(initial());

let en: EnCatalogue | null = null;

/** Fetches the English catalogue (a lazy chunk); main.tsx awaits it when English was chosen. */
export async function loadEnglish(): Promise<void> {
  en ??= (await import('./messages-en')).en;
}

export function setLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  const apply = () => {
    document.documentElement.lang = lang;
    langStore.set(lang);
  };
  if (lang === 'en' && !en) loadEnglish().then(apply, apply);
  else apply();
}

export const lang = (): Lang => langStore.get();

function fill(s: string, params?: Record<string, string | number>): string {
  return params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const table = langStore.get() === 'en' && en ? en : id;
  return fill((table[key] as string | undefined) ?? id[key] ?? key, params);
}

/** PluralRules per language (and decimals shown), each built on first use: building one loads the
 *  locale's plural data. */
const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * A message that shows a count, in the form the language uses for that count:
 * tn('wf.kegiatan.fotoN', 1) is "1 photo" in English, tn('wf.kegiatan.fotoN', 2) "2 photos", and
 * both are "… foto" in Indonesian. {n} is the count as formatNumber(count, fixed) writes it; with
 * `fixed` decimals the form follows the digits shown ("1.0 seconds", not "1.0 second"). The form is
 * chosen by the browser's Intl.PluralRules (CLDR's rules), not by hand. A message with one form
 * (every Indonesian one: the language does not inflect for number) is used as it is, without
 * building a PluralRules.
 */
export function tn(key: PluralKey, count: number, params?: Record<string, string | number>, fixed?: number): string {
  const l: Lang = langStore.get() === 'en' && en ? 'en' : 'id';
  const forms: PluralForms = (l === 'en' && en ? en[key] : undefined) ?? id[key];
  let s = forms.other;
  if (Object.keys(forms).length > 1) {
    const cacheKey = `${l}|${fixed ?? ''}`;
    let rules = pluralRules.get(cacheKey);
    if (!rules) {
      const options = fixed === undefined ? {} : { minimumFractionDigits: fixed, maximumFractionDigits: fixed };
      rules = new Intl.PluralRules(l === 'en' ? 'en-GB' : 'id-ID', options);
      pluralRules.set(cacheKey, rules);
    }
    s = forms[rules.select(count) as keyof PluralForms] ?? forms.other;
  }
  return fill(s, { n: formatNumber(count, fixed), ...params });
}

// Dates and numbers are formatted here by hand, not with Intl: building the first
// Intl.DateTimeFormat or Intl.NumberFormat loads the locale's ICU data, which cost 140–250 ms of
// main-thread time on Lighthouse's emulated phone at first paint (measured on the PSM home).
// Both languages need only what this does: the medium date with a short time and grouped
// numbers, in the shapes id-ID and en-GB give ("5 Sep 2026, 07.03" / "5 Sept 2026, 07:03";
// "1.234,5" / "1,234.5").
const MONTHS: Record<Lang, readonly string[]> = {
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'],
};
const two = (n: number) => (n < 10 ? `0${n}` : String(n));

export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const l = lang();
  const time = `${two(d.getHours())}${l === 'en' ? ':' : '.'}${two(d.getMinutes())}`;
  return `${d.getDate()} ${MONTHS[l][d.getMonth()]} ${d.getFullYear()}, ${time}`;
}

/** A calendar date as the API writes it ("2027-12-31") in the app's language: "31 Des 2027". Read
 *  from its digits, not through Date, so no time zone can move it a day; anything else is shown
 *  as it came. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return iso;
  return `${Number(m[3])} ${MONTHS[lang()][month - 1]} ${m[1]}`;
}

/** A month as the API writes it ("2026-11") in the app's language: "Nov 2026"; anything else as it came. */
export function formatMonth(ym: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  const month = m ? Number(m[2]) : 0;
  return m && month >= 1 && month <= 12 ? `${MONTHS[lang()][month - 1]} ${m[1]}` : ym;
}

/** Grouped thousands and at most three decimals, as Intl.NumberFormat's defaults; with `fixed`,
 *  exactly that many decimals (a score "9,0", seconds "0,4"). */
export function formatNumber(n: number, fixed?: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [group, decimal] = lang() === 'en' ? [',', '.'] : ['.', ','];
  const digits = fixed ?? 3;
  const rounded = Math.round(Math.abs(n) * 10 ** digits) / 10 ** digits;
  const text = rounded.toFixed(digits);
  const [whole, frac] = (fixed === undefined ? text.replace(/\.?0+$/, '') : text).split('.');
  const sign = n < 0 && rounded !== 0 ? '-' : '';
  return sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, group) + (frac ? decimal + frac : '');
}
