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

/** `fetch`'s answer, kept on the phone for `me` after each fetch; without signal the last one kept,
 * with when it was fetched. Another error (and no signal with nothing kept) is thrown. */
async function orKept<T>(me: Me, key: string, fetch: () => Promise<T>): Promise<{ value: T; offline_at?: string }> {
  try {
    const value = await fetch();
    void keepAnswer(me.username, key, value).catch(() => {});
    return { value };
  } catch (e) {
    const kept = e instanceof ApiError && e.isNetwork ? await keptAnswer<T>(me.username, key).catch(() => null) : null;
    if (!kept) throw e;
    return { value: kept.value, offline_at: kept.fetched_at };
  }
}

/** The PSM's record and this month's recap row; without signal, the last ones kept on the phone. */
export async function psmBulan({ me }: { me: Me }, signal?: AbortSignal): Promise<PsmBulan> {
  // The kelurahan names, fetched with the numbers rather than after them (rwName reuses them).
  for (const k of me.wilayah) void getWilayah(k.slice(0, 13)).catch(() => {});
  const { value: month, offline_at } = await orKept<Month>(me, 'psm-bulan', async () => {
    const [p, r] = await Promise.all([myPilar(signal), getRekap({ bulan: thisMonth() }, signal)]);
    return {
      p: p && { id: p.id, rw: p.penugasan.filter((x) => !x.selesai).map((x) => x.kode_wilayah), sk_selesai: p.sk?.selesai ?? null },
      row: r.items[0],
    };
  });
  return { ...month, rw: await Promise.all((month.p?.rw ?? []).map(rwName)), offline_at };
}

export type UsulanRingkasan = Awaited<ReturnType<typeof ringkasan>> & { offline_at?: string };

/** Proposals per state in the caller's area (/usulan/ringkasan); without signal, the last counts kept. */
export async function usulanRingkasan({ me }: { me: Me }, signal?: AbortSignal): Promise<UsulanRingkasan> {
  const { value, offline_at } = await orKept(me, 'usulan-ringkasan', () => ringkasan(undefined, signal));
  return { ...value, offline_at };
}
