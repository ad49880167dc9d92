// When the sync runner tries again after the server said "try later" (503, 429, an op answered
// `unavailable` / `internal` / `resource_exhausted`, or no answer at all). Each such failure in a
// row doubles the wait — 5 s, 10 s, 20 s … up to 5 minutes — with jitter (each wait drawn from the
// upper half of its step), so hundreds of field phones that lost the same struggling server do
// not come back together; a Retry-After from the server is a floor under the wait (up to an hour).
// Only a pass that sent everything resets it. Before, a pass whose ops were answered "try later"
// reset the wait to zero after scheduling it, so such a server was asked again every 5 s by every
// phone, for ever.
//
// The timers are passed in so tests/web/backoff.test.mjs can run it on a fake clock.

export const BASE_MS = 5_000;
export const CAP_MS = 5 * 60_000;
/** A Retry-After longer than this is taken as this (a misconfigured header must not park a queue for days). */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

export interface RetryDeps {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (t: unknown) => void;
  /** In [0, 1); Math.random in the app. */
  random: () => number;
}

export interface Retry {
  /** A pass failed with a retryable answer: schedules `again` after the next, longer wait (ms returned). */
  failed(retryAfterSec?: number): number;
  /** A pass sent everything: no retry pending, and the next failure starts from the shortest wait. */
  succeeded(): void;
  /** True while a retry is scheduled (the minute's tick and a new op then leave it to the retry). */
  waiting(): boolean;
  /** Signed out, or the connection came back: no retry pending, and the wait starts again. */
  cancel(): void;
}

export function createRetry(again: () => void, deps: RetryDeps): Retry {
  let failures = 0;
  let timer: unknown;
  let pending = false;
  const stop = () => {
    if (pending) deps.clearTimeout(timer);
    pending = false;
  };
  return {
    failed(retryAfterSec) {
      const step = Math.min(BASE_MS * 2 ** Math.min(failures, 30), CAP_MS);
      failures++;
      let ms = Math.round(step / 2 + (deps.random() * step) / 2);
      if (retryAfterSec !== undefined && retryAfterSec > 0) ms = Math.max(ms, Math.min(retryAfterSec * 1000, MAX_RETRY_AFTER_MS));
      stop();
      pending = true;
      timer = deps.setTimeout(() => {
        pending = false;
        again();
      }, ms);
      return ms;
    },
    succeeded() {
      stop();
      failures = 0;
    },
    waiting: () => pending,
    cancel() {
      stop();
      failures = 0;
    },
  };
}
