// Registers the service worker (public/sw.js) and tells the app when a new version waits.
//
// A plain file, not an inline script (the page's CSP allows no inline script but trunk's own).
// Service workers need a secure context (https, or localhost): elsewhere this does nothing and
// the app says that it cannot work offline there. The app (Rust) reads `window.taizhangUpdate`
// and listens for the `taizhang-update-ready` event; it dispatches `taizhang-apply-update` when
// the user accepts, and the page reloads once the new worker has taken over.
(function () {
  'use strict';
  window.taizhangUpdate = { ready: false, registered: false };
  if (!('serviceWorker' in navigator)) return;
  var announce = function () {
    window.taizhangUpdate.ready = true;
    window.dispatchEvent(new Event('taizhang-update-ready'));
  };
  navigator.serviceWorker
    .register('sw.js', { scope: './' })
    .then(function (registration) {
      window.taizhangUpdate.registered = true;
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
      window.addEventListener('taizhang-apply-update', function () {
        if (registration.waiting) registration.waiting.postMessage('taizhang-apply-update');
      });
    })
    .catch(function (error) {
      window.taizhangUpdate.error = String(error);
    });
  var reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', function () {
    // Only when the user accepted an update (not on the very first install's claim).
    if (!window.taizhangUpdate.applying || reloading) return;
    reloading = true;
    window.location.reload();
  });
  window.addEventListener('taizhang-apply-update', function () {
    window.taizhangUpdate.applying = true;
  });
})();
