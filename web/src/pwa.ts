// Registers the service worker (dist/sw.js, built from src/sw/sw.ts) and tells the UI when a new
// version is waiting. The new version takes over only when the user presses "reload", so a form
// being filled in is never swapped out from under them.
//
// Registration waits until the first screen is done (see afterFirstScreen): installing the
// worker downloads and stores the whole app (about 70 files, 1 MB) on the worker's thread and in
// the browser process: on the bench's 2-core host 200-370 ms of CPU in the first 3.5 s, as much
// as the page's own main thread (180-320 ms on the PSM home; bench/RESULTS.md, Lighthouse), and
// every task of the first screen took longer while it ran. Its only use on a first visit is the
// next one, offline.
import { requestsInFlight } from './api/client';
import { Store } from './state/store';

export const updateReady = new Store<ServiceWorker | null>(null);

/** How long no resource (chunk, API answer, image) may have finished before the page counts as
 *  quiet, and the latest moment to go ahead anyway (a screen that keeps polling). */
const QUIET_MS = 1500;
const CAP_MS = 15000;

/**
 * Runs `fn` once the page has loaded and then gone quiet: no API request in flight and no
 * resource (chunk, answer, image) finished for QUIET_MS (PerformanceObserver on resource timing,
 * which sees fetch() too), then an idle period; at the latest CAP_MS after load.
 */
export function afterFirstScreen(fn: () => void, quietMs = QUIET_MS, capMs = CAP_MS): void {
  const start = () => {
    let done = false;
    let observer: PerformanceObserver | undefined;
    let capped = false;
    let quiet = setTimeout(go, quietMs);
    const cap = setTimeout(() => {
      capped = true;
      go();
    }, capMs);
    function go() {
      if (done) return;
      if (requestsInFlight() > 0 && !capped) {
        quiet = setTimeout(go, quietMs);
        return;
      }
      done = true;
      clearTimeout(quiet);
      clearTimeout(cap);
      observer?.disconnect();
      if (typeof requestIdleCallback === 'function') requestIdleCallback(() => fn(), { timeout: 2000 });
      else fn();
    }
    try {
      observer = new PerformanceObserver(() => {
        clearTimeout(quiet);
        quiet = setTimeout(go, quietMs);
      });
      observer.observe({ type: 'resource' });
    } catch {
      /* no resource timing: the first timer alone decides */
    }
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  afterFirstScreen(() => {
    navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then((reg) => {
        if (reg.waiting && navigator.serviceWorker.controller) updateReady.set(reg.waiting);
        reg.addEventListener('updatefound', () => {
          const w = reg.installing;
          w?.addEventListener('statechange', () => {
            if (w.state === 'installed' && navigator.serviceWorker.controller) updateReady.set(w);
          });
        });
      })
      .catch(() => {
        /* no service worker (private mode, old browser): the app still works online */
      });
    let reloading = false;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (reloading || !updateReady.get()) return;
      reloading = true;
      window.location.reload();
    });
  });
}

export function applyUpdate(): void {
  updateReady.get()?.postMessage({ type: 'SKIP_WAITING' });
}
