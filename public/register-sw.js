// Registers the service worker (public/sw.js) and tells the app when a new version waits.
//
// A plain file, not an inline script (the page's CSP allows no inline script but trunk's own).
// Service workers need a secure context (https, or localhost): elsewhere this does nothing and
// the app says that it cannot work offline there. The app (Rust) reads `window.taizhangUpdate`
// (`registered`: the worker registered, so the app works offline; `ready`: a new version waits)
// and listens for the `taizhang-sw-registered` and `taizhang-update-ready` events; it dispatches
// `taizhang-apply-update` when the user accepts, and the page reloads once the new worker has
// taken over.
//
// A laptop keeps a tab open for days: the browser only looks for a new worker on navigation, so
// this asks every hour, and whenever the page becomes visible again.
(function () {
  'use strict';
  var CHECK_EVERY_MS = 60 * 60 * 1000;
  window.taizhangUpdate = { ready: false, registered: false };
  if (!('serviceWorker' in navigator)) return;
  var announce = function () {
    window.taizhangUpdate.ready = true;
    window.dispatchEvent(new Event('taizhang-update-ready'));
  };
  var reloading = false;
  var reload = function () {
    if (reloading) return;
    reloading = true;
    window.location.reload();
  };
  navigator.serviceWorker
    .register('sw.js', { scope: './' })
    .then(function (registration) {
      window.taizhangUpdate.registered = true;
      window.dispatchEvent(new Event('taizhang-sw-registered'));
      // A worker already waiting (installed on an earlier visit) while this page has a controller.
      if (registration.waiting && navigator.serviceWorker.controller) announce();
      registration.addEventListener('updatefound', function () {
        var installing = registration.installing;
        if (!installing) return;
        installing.addEventListener('statechange', function () {
          // The first install has no controller: that is not an update.
          if (installing.state === 'installed' && navigator.serviceWorker.controller) announce();
        });
      });
      // Looks for a newer build now and then (a failure — offline, the server down — is quiet).
      var check = function () {
        registration.update().catch(function () {});
      };
      setInterval(check, CHECK_EVERY_MS);
      document.addEventListener('visibilitychange', function () {
        if (document.visibilityState === 'visible') check();
      });
      window.addEventListener('taizhang-apply-update', function () {
        if (registration.waiting) {
          registration.waiting.postMessage('taizhang-apply-update');
        } else {
          // Another tab applied it already: the new worker controls this page too (or will
          // after a reload); the page only has to load the new version.
          reload();
        }
      });
    })
    .catch(function (error) {
      window.taizhangUpdate.error = String(error);
    });
  navigator.serviceWorker.addEventListener('controllerchange', function () {
    // Only when the user accepted an update (not on the very first install's claim).
    if (!window.taizhangUpdate.applying) return;
    reload();
  });
  window.addEventListener('taizhang-apply-update', function () {
    window.taizhangUpdate.applying = true;
  });
})();
