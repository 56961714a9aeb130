import type { BrowserContext, Page } from '@playwright/test';

type Flagged = { __failWrites?: boolean };

/**
 * Makes the browser's own IndexedDB `put()` fail on demand the way a full disk does (it throws
 * QuotaExceededError) while the page's flag is set; see `setWritesFail`. Chromium here ignores
 * the DevTools quota override for IndexedDB, so this is how a test fills the disk. The app's
 * store and UI code under test run unchanged. Call before the page opens.
 */
export async function installFailingWrites(target: Page | BrowserContext): Promise<void> {
  await target.addInitScript(() => {
    const realPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if ((window as unknown as Flagged).__failWrites) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return realPut.apply(this, args);
    } as IDBObjectStore['put'];
  });
}

/** Turns the failing writes of `installFailingWrites` on or off in this page. */
export async function setWritesFail(page: Page, fail: boolean): Promise<void> {
  await page.evaluate((on) => ((window as unknown as Flagged).__failWrites = on), fail);
}

/**
 * Overwrites one stored value of the app's IndexedDB with `text`, as a crash in the middle of a
 * write leaves it: under `key`, or (a key ending in '/') under the first key with that prefix.
 */
export async function overwriteStored(page: Page, store: string, key: string, text: string): Promise<void> {
  await page.evaluate(
    ({ store, key, text }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('taizhang');
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(store, 'readwrite');
          const objects = tx.objectStore(store);
          if (key.endsWith('/')) {
            const keys = objects.getAllKeys();
            keys.onsuccess = () => {
              const found = (keys.result as string[]).find((k) => k.startsWith(key));
              if (found) objects.put(text, found);
              else reject(new Error(`no key starting with ${key} in ${store}`));
            };
          } else {
            objects.put(text, key);
          }
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
    { store, key, text },
  );
}
