// The home panels' data loaders, in the main bundle so the home fetches each panel's numbers at
// the same time as its chunk (components/prepare.ts), not one round trip after it. The panels
// call the same loader to reload.
import { ApiError } from '../api/client';
import type { Me } from '../api/types';
import { ringkasan } from '../api/usulan';
import { getWilayah } from '../api/wilayah';
import { getRekap, myPilar, thisMonth, type RekapBaris } from '../api/workforce';
import { rwName } from '../labels';
import { keepAnswer, keptAnswer } from '../offline/cache';

/** What the PSM's home shows of their month: kept on the phone after each fetch. */
interface Month {
  /** Their roster record's id, current RWs and SK end; null: the roster does not list this account yet. */
  p: { id: number; rw: string[]; sk_selesai: string | null } | null;
  row?: RekapBaris;
}

export interface PsmBulan extends Month {
  /** The RWs by name ("RW 001 · Kelurahan Sukarasa"; the code when the name is not known). */
  rw: string[];
  /** Without signal: when the month shown (the last one fetched) was fetched. */
  offline_at?: string;
}

const KEPT = 'psm-bulan';

/** The PSM's record and this month's recap row; without signal, the last ones kept on the phone. */
export async function psmBulan({ me }: { me: Me }, signal?: AbortSignal): Promise<PsmBulan> {
  // The kelurahan names, fetched with the numbers rather than after them (rwName reuses them).
  for (const k of me.wilayah) void getWilayah(k.slice(0, 13)).catch(() => {});
  let month: Month;
  let offline_at: string | undefined;
  try {
    const [p, r] = await Promise.all([myPilar(signal), getRekap({ bulan: thisMonth() }, signal)]);
    month = {
      p: p && { id: p.id, rw: p.penugasan.filter((x) => !x.selesai).map((x) => x.kode_wilayah), sk_selesai: p.sk?.selesai ?? null },
      row: r.items[0],
    };
    void keepAnswer(me.username, KEPT, month).catch(() => {});
  } catch (e) {
    const kept = e instanceof ApiError && e.isNetwork ? await keptAnswer<Month>(me.username, KEPT).catch(() => null) : null;
    if (!kept) throw e;
    month = kept.value;
    offline_at = kept.fetched_at;
  }
  return { ...month, rw: await Promise.all((month.p?.rw ?? []).map(rwName)), offline_at };
}

/** Proposals per state in the caller's area (/usulan/ringkasan). */
export const usulanRingkasan = (_: unknown, signal?: AbortSignal) => ringkasan(undefined, signal);
