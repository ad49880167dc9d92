// How roles and regions are named on screen.
import { useEffect, useState } from 'preact/hooks';
import { getWilayah } from './api/wilayah';
import type { Role, Tingkat, Wilayah } from './api/types';
import { t, type MessageKey } from './i18n';

export const roleLabel = (r: Role): string => t(`role.${r}` as MessageKey);

export const tingkatLabel = (tk: Tingkat): string => t(`tingkat.${tk}` as MessageKey);

/** "36.71.01.1001.004" -> "RW 004 (36.71.01.1001)": an RW named from its code alone, where no name
 *  lookup is wanted or none is known; any other code as it is. */
export const rwLabel = (kode: string): string =>
  tingkatOfCode(kode) === 'rw' ? `RW ${kode.slice(14)} (${kode.slice(0, 13)})` : kode;

/** "RW 004 · Kelurahan Sukarasa": an RW with its kelurahan's name (kept on the device for a field
 *  user's own area, api/wilayah.ts), or `rwLabel`'s "RW 004 (36.71.01.1001)" when the name is not
 *  known; any other code as it is. */
export async function rwName(kode: string): Promise<string> {
  if (tingkatOfCode(kode) !== 'rw') return kode;
  try {
    return `RW ${kode.slice(14)} · ${wilayahName(await getWilayah(kode.slice(0, 13)))}`;
  } catch {
    return rwLabel(kode);
  }
}

/** What kind of region this is: "Kota", "Kabupaten", "Kecamatan", "Kelurahan", "Desa", "RW", "RT". */
export function levelLabel(w: Wilayah): string {
  if (w.tingkat === 'kelurahan' && w.jenis) return w.jenis === 'desa' ? t('jenis.desa') : t('jenis.kelurahan');
  if (w.tingkat === 'kota' && w.jenis) return w.jenis === 'kabupaten' ? 'Kabupaten' : 'Kota';
  return tingkatLabel(w.tingkat);
}

/** The level below this one, or null below RT. */
export function childTingkat(tk: Tingkat): Tingkat | null {
  const order: Tingkat[] = ['provinsi', 'kota', 'kecamatan', 'kelurahan', 'rw', 'rt'];
  const i = order.indexOf(tk);
  return i >= 0 && i < order.length - 1 ? order[i + 1] : null;
}

/** Tingkat from the shape of a code: 36 / 36.71 / 36.71.01 / 36.71.01.1001 / +.001 / +.001.012 */
export function tingkatOfCode(kode: string): Tingkat {
  const levels: Tingkat[] = ['provinsi', 'kota', 'kecamatan', 'kelurahan', 'rw', 'rt'];
  return levels[Math.min(kode.split('.').length, 6) - 1];
}

/** The number an RW or RT code ends in, without leading zeros' padding lost: "004". */
const nomorOf = (kode: string) => kode.slice(kode.lastIndexOf('.') + 1);

/** "Kota Tangerang", "Kecamatan Cipondoh", "Kelurahan Sukarasa", "RW 004", "RW 004 (Melati)". */
export function wilayahName(w: Wilayah): string {
  switch (w.tingkat) {
    case 'provinsi':
      return `${t('tingkat.provinsi')} ${w.nama}`;
    case 'kota':
      return w.nama; // already "Kota Tangerang" / "Kabupaten Tangerang"
    case 'kecamatan':
      return `${t('tingkat.kecamatan')} ${w.nama}`;
    case 'kelurahan':
      return `${w.jenis === 'desa' ? t('jenis.desa') : t('jenis.kelurahan')} ${w.nama}`;
    case 'rw':
    case 'rt': {
      const base = `${w.tingkat.toUpperCase()} ${nomorOf(w.kode)}`;
      return w.nama && w.nama !== base ? `${base} (${w.nama})` : base;
    }
  }
}

/** Names already fetched (`long` ones keyed with a "|long" suffix): drawn at once, no second render. */
const known = new Map<string, string>();

/** A region with the kelurahan it sits in, for RW/RT: "RW 004, Kelurahan Sukarasa". */
export async function wilayahLongName(kode: string): Promise<string> {
  const tk = tingkatOfCode(kode);
  if (tk !== 'rw' && tk !== 'rt') return remember(kode + '|long', wilayahName(await getWilayah(kode)));
  // The code names its kelurahan (and RW): all fetched at once, not one after the other.
  const seg = kode.split('.');
  const all = await Promise.all([kode, ...(tk === 'rt' ? [seg.slice(0, 5).join('.')] : []), seg.slice(0, 4).join('.')].map((k) => getWilayah(k)));
  return remember(kode + '|long', all.map(wilayahName).join(', '));
}

export function remember(key: string, name: string): string {
  known.set(key, name);
  return name;
}

/** Names for a list of codes; each falls back to its code while loading or if it fails.
 *  `long` adds the kelurahan (and RW) to RW/RT names, for places with no other context. */
export const useWilayahNames = (codes: string[], { long = true } = {}): string[] =>
  useNames(codes, long ? '|long' : '', long ? wilayahLongName : (c) => getWilayah(c).then((w) => remember(c, wilayahName(w))));

/** Names for `codes`, kept in `known` under code + `suffix` and drawn from there at once where they
 *  are; the rest read by `lookup`, all in one render when they arrive; `fallback` until then. */
export function useNames(codes: string[], suffix: string, lookup: (kode: string) => Promise<string>, fallback = (kode: string) => kode): string[] {
  const key = codes.join('|') + suffix;
  const [names, setNames] = useState<Record<string, string>>(() => {
    const m: Record<string, string> = {};
    for (const c of codes) {
      const n = known.get(c + suffix);
      if (n !== undefined) m[c] = n;
    }
    return m;
  });
  useEffect(() => {
    let live = true;
    // All names in one update: one render, not one per region.
    void Promise.all(
      codes.map((c) =>
        lookup(c).then(
          (n): [string, string] => [c, n],
          () => null,
        ),
      ),
    ).then((pairs) => {
      if (!live) return;
      const got = pairs.filter((p): p is [string, string] => p !== null);
      // Unchanged (drawn from `known` already): the same object, so no render.
      setNames((m) => (got.some(([c, n]) => m[c] !== n) ? { ...m, ...Object.fromEntries(got) } : m));
    });
    return () => {
      live = false;
    };
  }, [key]);
  return codes.map((c) => names[c] ?? fallback(c));
}
