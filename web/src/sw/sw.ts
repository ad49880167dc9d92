// Pilar's service worker: keeps the app shell (index.html, hashed JS/CSS, icons, manifest) on
// the device so the app opens with no signal, and lets the page decide when a new version takes
// over. Built into dist/sw.js by tools/vite-plugin-sw.mjs, which fills in the precache list.
//
// Never cached here: /api/* (personal data; the server sends `no-store` and the IndexedDB offline
// queue, not this cache, will keep field data), /healthz and /metrics.
//
// Type-checked with tsconfig.sw.json (WebWorker lib); a classic worker script, not a module.
const sw = self as unknown as ServiceWorkerGlobalScope;

const VERSION = '__VERSION__';
const PRECACHE: string[] = JSON.parse('__PRECACHE__');
const CACHE = `pilar-shell-${VERSION}`;
const SHELL = '/index.html';

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })))),
  );
  // No skipWaiting() here: a running page may still need this version's lazily loaded chunks.
  // The page shows "new version" and posts SKIP_WAITING when the user agrees (src/pwa.ts).
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('pilar-shell-') && key !== CACHE) await caches.delete(key);
      }
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') void sw.skipWaiting();
});

function bypass(url: URL): boolean {
  return (
    url.origin !== sw.location.origin ||
    url.pathname.startsWith('/api/') ||
    url.pathname === '/healthz' ||
    url.pathname === '/metrics' ||
    url.pathname === '/sw.js'
  );
}

sw.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (bypass(url)) return;

  if (req.mode === 'navigate') {
    // App shell first: every client-side route is the same index.html, and a cheap phone on a
    // weak signal should not wait for the network to show it. Updates arrive with a new worker.
    event.respondWith(
      (async () => {
        const cached = await caches.match(SHELL, { cacheName: CACHE });
        if (cached) return cached;
        return fetch(req);
      })(),
    );
    return;
  }

  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(req, { ignoreSearch: url.pathname.startsWith('/assets/') });
      if (hit) return hit;
      const res = await fetch(req);
      // Hashed assets never change: keep any we did not precache (none today; safe later).
      if (res.ok && url.pathname.startsWith('/assets/')) void cache.put(req, res.clone());
      return res;
    })(),
  );
});
