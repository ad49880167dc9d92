// The home panels' data loaders, in the main bundle so the home fetches each panel's numbers at
// the same time as its chunk (components/prepare.ts), not one round trip after it. The panels
// call the same loader to reload.
import { ringkasan } from '../api/usulan';
import { getRekap, myPilar, thisMonth } from '../api/workforce';

/** The PSM's record (null: the roster does not list this account yet) and this month's recap row. */
export async function psmBulan(_: unknown, signal?: AbortSignal) {
  const [p, r] = await Promise.all([myPilar(signal), getRekap({ bulan: thisMonth() }, signal)]);
  return { p, row: r.items[0] };
}

/** Proposals per state in the caller's area (/usulan/ringkasan). */
export const usulanRingkasan = (_: unknown, signal?: AbortSignal) => ringkasan(undefined, signal);
