// Drawing a group of panels in one go. Each panel that answers separately costs the phone one
// render, style and layout pass per answer (12-20 of them on the home screen and the dashboard,
// each 60-220 ms on a slow phone); fetching every panel's chunk and data first and drawing them
// together costs one. A panel's chunk may export `data`, which the group calls before drawing;
// the component gets the outcome as its `data` prop and hands it to useAsync as `initial`, so it
// draws at once and still reloads on its own (retry). Used by the home screen and the dashboard.
import type { ComponentType } from 'preact';

export type Settled<T> = { ok: true; value: T } | { ok: false; error: Error };

export const settle = <T>(p: Promise<T>): Promise<Settled<T>> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (e: unknown) => ({ ok: false as const, error: e instanceof Error ? e : new Error(String(e)) }),
  );

/** What a panel's chunk exports: the component and, optionally, the data it shows. */
export interface PanelModule<P> {
  default: ComponentType<P & { data?: Settled<any> }>;
  data?: (props: P, signal: AbortSignal) => Promise<unknown>;
}

/** A panel ready to draw: its component and its data's outcome (when it has a loader). */
export interface Prepared<P> {
  C: ComponentType<P & { data?: Settled<any> }>;
  data?: Settled<unknown>;
}

/** Loads the chunk and the data; rejects only when the chunk cannot be loaded. `data`, when the
 *  panel's row names its loader (so the request need not wait for the chunk), is fetched at the
 *  same time as the chunk; otherwise the chunk's own `data` export after it. */
export async function prepare<P>(
  mod: PanelModule<P> | Promise<PanelModule<P>>,
  props: P,
  signal: AbortSignal,
  data?: (props: P, signal: AbortSignal) => Promise<unknown>,
): Promise<Prepared<P>> {
  const early = data ? settle(data(props, signal)) : undefined;
  const m = await mod;
  return { C: m.default, data: early ? await early : m.data ? await settle(m.data(props, signal)) : undefined };
}

/** One slot of a group: drawn with the group when it was ready in time, else on its own later. */
export interface Slot<P> {
  ready?: Settled<Prepared<P>>;
  later: Promise<Settled<Prepared<P>>>;
}

/**
 * Prepares every panel, waits until all are ready or `capMs` has passed (a request stuck on a
 * weak signal must not hold back the others), and returns one slot per panel.
 */
export async function prepareGroup<P>(jobs: (() => Promise<Prepared<P>>)[], capMs: number): Promise<Slot<P>[]> {
  const slots: Slot<P>[] = jobs.map((job) => {
    const slot: Slot<P> = { later: settle(job()) };
    void slot.later.then((r) => (slot.ready = r));
    return slot;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([Promise.all(slots.map((s) => s.later)), new Promise((r) => (timer = setTimeout(r, capMs)))]);
  clearTimeout(timer);
  // The `ready` callbacks above ran before Promise.all resolved (registered first).
  return slots;
}
