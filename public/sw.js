// Taizhang's service worker: the app works with no network once it has been opened.
//
// Every file of the build is cached when the worker installs (the list and the version below are
// written into this file by scripts/precache.py after each build, so a new build is a new worker
// and a stale mix of old and new files is never served). Requests for the app's own files are
// answered from the cache first; a page opened at the app's address (any #/ page) gets the cached
// index.html. A new version installs in the background and waits: the page shows "新版本可用 —
// 重新加载" and the new code only takes over when the user says so (never under an open form).
// Nothing here sends anything anywhere; requests to other origins are not touched.

const VERSION = '__TAIZHANG_VERSION__';
const ASSETS = /* __TAIZHANG_ASSETS__ */ [];
const CACHE = `taizhang-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // `reload` skips the HTTP cache, so the files cached are exactly this build's.
      cache.addAll(ASSETS.map((asset) => new Request(asset, { cache: 'reload' }))),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith('taizhang-') && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

// The page asks the waiting worker to take over when the user accepted the update.
self.addEventListener('message', (event) => {
  if (event.data === 'taizhang-apply-update') self.skipWaiting();
  if (event.data === 'taizhang-version' && event.source) {
    event.source.postMessage({ type: 'taizhang-version', version: VERSION });
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const cached = await cache.match(request, { ignoreSearch: true });
      if (cached) return cached;
      if (request.mode === 'navigate') {
        const shell = await cache.match(new URL('index.html', self.registration.scope).href);
        if (shell) return shell;
      }
      return fetch(request);
    })(),
  );
});
