// Registers the service worker (dist/sw.js, built from src/sw/sw.ts) and tells the UI when a new
// version is waiting. The new version takes over only when the user presses "reload", so a form
// being filled in is never swapped out from under them.
import { Store } from './state/store';

export const updateReady = new Store<ServiceWorker | null>(null);

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  window.addEventListener('load', () => {
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
