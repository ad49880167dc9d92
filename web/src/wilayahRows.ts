// Regions named in the rows of a list (users, the roster, activity reports, proposals): many codes,
// few requests. Not in labels.ts, which the first screen loads: only lazy screens need this.
import type { Wilayah } from './api/types';
import { childrenOf, getWilayah } from './api/wilayah';
import { remember, useNames, wilayahName } from './labels';

/** Each parent's children, fetched once for all the codes under it that a list asks about. Only
 *  kelurahan and the levels above are asked for, whose names come from Kemendagri and are not
 *  changed in the app (the office renames RWs and RTs only), so they are kept for the page's life. */
const siblings = new Map<string, Promise<Map<string, Wilayah>>>();

/**
 * One region for a list that names many: it comes with its siblings, in one request for their parent
 * (`GET .../{parent}/children`). A list of users or pilar sosial across a kecamatan's kelurahan costs
 * one request, not one per row. A code its parent's list does not hold (retired) or one with no
 * parent (a provinsi) is read on its own.
 */
function withSiblings(kode: string): Promise<Wilayah> {
  const dot = kode.lastIndexOf('.');
  if (dot < 0) return getWilayah(kode);
  const parent = kode.slice(0, dot);
  let list = siblings.get(parent);
  if (!list) {
    list = childrenOf(parent).then((items) => new Map(items.map((w) => [w.kode, w])));
    siblings.set(parent, list);
    list.catch(() => siblings.delete(parent));
  }
  // A failed list (offline) fails its codes too: the rows show their codes, and a single request
  // per code would fail the same way.
  return list.then((m) => m.get(kode) ?? getWilayah(kode));
}

/** The RW/RT part of a code, read from the code alone: "RW 004", "RT 012 / RW 004"; null above RW. */
export function rtRwOfCode(kode: string): string | null {
  const seg = kode.split('.');
  if (seg.length === 5) return `RW ${seg[4]}`;
  if (seg.length === 6) return `RT ${seg[5]} / RW ${seg[4]}`;
  return null;
}

/**
 * Where a row of a list sits: "RW 004, Kelurahan Sukarasa", "RT 012 / RW 004, Kelurahan Sukarasa",
 * "Kecamatan Cipondoh". The RW/RT part is read from the code; only the kelurahan and the levels above
 * are looked up, each with its siblings (`withSiblings`), so a list of a thousand RWs across
 * a kota costs a request per kecamatan at most, none per row.
 */
export async function wilayahRowName(kode: string): Promise<string> {
  const part = rtRwOfCode(kode);
  const named = part ? kode.split('.').slice(0, 4).join('.') : kode;
  const name = wilayahName(await withSiblings(named));
  return remember(kode + '|row', part ? `${part}, ${name}` : name);
}

/** Before the names arrive (or offline) an RW or RT is named from its code, so a field worker's list
 *  reads at once; anything else shows its code. */
const rowFallback = (kode: string) => rtRwOfCode(kode) ?? kode;

/** Row names (`wilayahRowName`) for every code a list shows, fetched together: one render when they
 *  arrive, not one per row. Returns the name of a code (its RW/RT part, or the code, until then). */
export function useWilayahRowNames(codes: string[]): (kode: string) => string {
  const unique = [...new Set(codes)];
  const names = useNames(unique, '|row', wilayahRowName, rowFallback);
  const byCode = new Map(unique.map((c, i) => [c, names[i]]));
  return (kode) => byCode.get(kode) ?? rowFallback(kode);
}

