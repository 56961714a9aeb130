// Storage that never loses a day's work: 已保存 is said only once the write is committed, and a
// write the browser refuses (storage full) keeps the stored ledger intact and the change in
// memory, to be written again on retry.
import { test, expect } from '@playwright/test';
import { installFailingWrites, overwriteStored, setWritesFail } from './support';
import { AppPage, DataPage, IndicatorsPage } from './pages';

const AREA = '#/indicators/area-investment';
const FAI = 'ind-fai-total';

test('a tab closed right after 已保存 loses nothing', async ({ context }) => {
  const page = await context.newPage();
  const app = new AppPage(page);
  await app.open(AREA);
  const ledger = new IndicatorsPage(page);
  await ledger.typeInto(ledger.cell(FAI, '2016'), '371');
  await expect(app.saveStatus).toHaveText('已保存');
  await page.close();

  const again = await context.newPage();
  await new AppPage(again).open(AREA);
  await expect(new IndicatorsPage(again).cell(FAI, '2016')).toHaveText('371');
});

test('a write the browser refuses keeps the stored ledger and the change, and a retry saves it', async ({ context }) => {
  // Storage that fails on demand: IndexedDB's put throws QuotaExceededError while the flag is
  // set, as a full disk makes it do. The app's own store code runs unchanged.
  await installFailingWrites(context);
  const page = await context.newPage();
  const app = new AppPage(page);
  await app.open(AREA);
  const ledger = new IndicatorsPage(page);
  await setWritesFail(page, true);

  await ledger.typeInto(ledger.cell(FAI, '2016'), '380');
  await expect(app.saveStatus).toHaveAttribute('data-state', 'failed');
  await expect(app.saveStatus).toContainText('未保存');
  await expect(page.getByTestId('error-banner')).toContainText('浏览器的存储空间已满');
  // The change is still on screen (in memory) ...
  await expect(ledger.cell(FAI, '2016')).toHaveText('380');
  // ... and what is stored is as before: another tab reads the stored ledger.
  const other = await context.newPage();
  await new AppPage(other).open(AREA);
  await expect(new IndicatorsPage(other).cell(FAI, '2016')).toHaveText('370');
  await other.close();

  // Space freed: a retry writes the change.
  await setWritesFail(page, false);
  await page.getByTestId('retry-save').click();
  await expect(app.saveStatus).toHaveText('已保存');
  await app.reload();
  await expect(ledger.cell(FAI, '2016')).toHaveText('380');
});

test('a whole-ledger write the browser refuses leaves the stored ledger as it was, every value of it', async ({ context }) => {
  // Starting an empty ledger replaces everything stored in one transaction that first clears
  // the store: a put refused half-way must take the clear back with it.
  await installFailingWrites(context);
  const page = await context.newPage();
  const app = new AppPage(page);
  await app.open(AREA);
  const ledger = new IndicatorsPage(page);
  await ledger.typeInto(ledger.cell(FAI, '2016'), '371');
  await app.waitSaved();
  await page.goto('./index.html#/data');
  await app.waitReady();
  const data = new DataPage(page);
  const values = (await data.count('values').textContent()) ?? '';
  expect(Number(values)).toBeGreaterThan(100);

  await setWritesFail(page, true);
  app.acceptNextDialog();
  await data.startEmpty.click();
  await expect(data.count('values')).toHaveText('0');
  await expect(app.saveStatus).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('error-banner')).toContainText('浏览器的存储空间已满');
  await page.close();

  // What is stored is the ledger from before, whole: not an empty store (which would open the
  // sample, 370) nor a half-written one.
  const again = await context.newPage();
  const reopened = new AppPage(again);
  await reopened.open('#/data');
  await expect(new DataPage(again).count('values')).toHaveText(values);
  await again.goto(`./index.html${AREA}`);
  await reopened.waitReady();
  await expect(new IndicatorsPage(again).cell(FAI, '2016')).toHaveText('371');
});

test('where the browser refuses site storage, the page says what is missing and what to do', async ({ page }) => {
  // As in a private window of some browsers, or with site data switched off: opening the
  // database is refused.
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function () {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    } as IDBFactory['open'];
  });
  await page.goto('./index.html#/');
  const error = page.getByTestId('load-error');
  await expect(error).toContainText('不允许本页面在本机保存数据');
  await expect(error).toContainText('请不要使用无痕/隐私窗口');
  // In English too, on the same screen: the user may not be able to switch the language.
  await expect(error.locator('p[lang="en"]')).toContainText('do not use a private window');
  // With English chosen, English comes first.
  await page.evaluate(() => localStorage.setItem('taizhang.lang', JSON.stringify('en')));
  await page.reload();
  await expect(error.locator('p').first()).toContainText('do not use a private window');
  await expect(error.locator('p').nth(1)).toContainText('请不要使用无痕/隐私窗口');
});

test('where WebAssembly is switched off, the page says so instead of staying blank', async ({ page }) => {
  await page.addInitScript(() => {
    // @ts-expect-error: taking WebAssembly away, as a policy can
    delete window.WebAssembly;
  });
  await page.goto('./index.html#/');
  const message = page.getByTestId('unsupported');
  await expect(message).toContainText('WebAssembly 不可用');
  await expect(message).toContainText('WebAssembly is unavailable');
});

test('the data page shows whether the ledger is kept for good, the usage, and that it works offline here', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/data');
  await expect(page.getByTestId('storage-persistent')).toContainText('浏览器');
  await expect(page.getByTestId('storage-usage')).toContainText(/本网站已用 [\d.]+ (KB|MB)/);
  await expect(page.getByTestId('storage-offline')).toContainText('可离线使用');
  await expect(page.getByTestId('insecure-notice')).toHaveCount(0);
});

test('opened over plain http from another address, the app says offline use and keeping data need HTTPS', async ({
  playwright,
}, testInfo) => {
  // A name that is not this computer's (the browser resolves it to the test server): no secure
  // context, so no service worker and no persistent storage.
  const launchOptions = testInfo.project.use.launchOptions ?? {};
  const browser = await playwright.chromium.launch({
    ...launchOptions,
    args: [...(launchOptions.args ?? []), '--host-resolver-rules=MAP taizhang.test 127.0.0.1'],
  });
  try {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`http://taizhang.test:${process.env.E2E_PORT ?? 4173}/index.html#/`);
    const app = new AppPage(page);
    await app.waitReady();
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    // On every page, not only the data page.
    const notice = page.getByTestId('insecure-notice');
    await expect(notice).toContainText('不是通过 HTTPS 或本机地址(localhost)打开的');
    await expect(notice).toContainText('不允许它离线使用');
    await page.goto(`http://taizhang.test:${process.env.E2E_PORT ?? 4173}/index.html#/data`);
    await app.waitReady();
    await expect(page.getByTestId('storage-offline')).toContainText('不能离线使用');
    await expect(page.getByTestId('storage-persistent')).toContainText('不答应长期保存本机的台账');
    // And in English.
    await page.getByTestId('lang-switch').click();
    await expect(notice).toContainText('was not opened over HTTPS or from this computer (localhost)');
    await expect(page.getByTestId('storage-offline')).toContainText('Not available offline');
  } finally {
    await browser.close();
  }
});

test('a snapshot kept before the day\'s first change is restored in one step that undo takes back', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AREA);
  const ledger = new IndicatorsPage(page);
  await ledger.typeInto(ledger.cell(FAI, '2016'), '371');
  await app.waitSaved();

  await page.goto('./index.html#/data');
  await app.waitReady();
  const snapshots = page.getByTestId('snapshot');
  await expect(snapshots).toHaveCount(1);
  await expect(snapshots.first()).toContainText('当天第一次修改前');
  await expect(page.getByTestId('snapshot-total')).toContainText('共 1 份快照');
  app.acceptNextDialog();
  await snapshots.first().getByTestId('snapshot-restore').click();
  await expect(page.getByTestId('snapshot-restored')).toBeVisible();
  await page.goto(`./index.html${AREA}`);
  await app.waitReady();
  await expect(ledger.cell(FAI, '2016')).toHaveText('370');
  await page.getByTestId('undo').click();
  await expect(ledger.cell(FAI, '2016')).toHaveText('371');
  await app.waitSaved();
  await app.reload();
  await expect(ledger.cell(FAI, '2016')).toHaveText('371');
});

test('a store damaged by a crash is detected on load, a damaged newest snapshot is marked, and the newest intact one is offered', async ({ page }) => {
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  const data = new DataPage(page);
  // Three snapshots: the sample before the day's first change (370), the ledger at 371 before
  // the sample is put back, and the ledger at 372 before it is put back again.
  await app.open(AREA);
  await ledger.typeInto(ledger.cell(FAI, '2016'), '371');
  await app.waitSaved();
  await page.goto('./index.html#/data');
  await app.waitReady();
  app.acceptNextDialog();
  await data.reloadSample.click();
  await app.waitSaved();
  await page.goto(`./index.html${AREA}`);
  await app.waitReady();
  await expect(ledger.cell(FAI, '2016')).toHaveText('370');
  await ledger.typeInto(ledger.cell(FAI, '2016'), '372');
  await app.waitSaved();
  await page.goto('./index.html#/data');
  await app.waitReady();
  app.acceptNextDialog();
  await data.reloadSample.click();
  await app.waitSaved();
  await expect(page.getByTestId('snapshot')).toHaveCount(3);

  // A half-written chunk, as a crash in the middle of a write leaves it, and the newest
  // snapshot damaged too (one of its chunks cut short).
  const ids = await page.evaluate(
    () =>
      new Promise<{ newest: string; intact: string }>((resolve, reject) => {
        const open = indexedDB.open('taizhang');
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['chunks', 'snapshots'], 'readwrite');
          const store = tx.objectStore('chunks');
          const keys = store.getAllKeys();
          keys.onsuccess = () => {
            const key = (keys.result as string[]).find((k) => k.startsWith('values/'));
            store.put('{"val-fai-total-2016": {"id": "val-fai', key);
          };
          const kept = tx.objectStore('snapshots');
          let ids = { newest: '', intact: '' };
          const index = kept.get('index');
          index.onsuccess = () => {
            const list = (JSON.parse(index.result as string) as { id: string; at: string }[]).sort((a, b) =>
              a.at < b.at ? 1 : -1,
            );
            ids = { newest: list[0].id, intact: list[1].id };
            const copy = kept.get(ids.newest);
            copy.onsuccess = () => {
              const snapshot = copy.result as { keys: string[]; values: string[] };
              const at = snapshot.keys.findIndex((k) => k.startsWith('values/'));
              snapshot.values[at] = snapshot.values[at].slice(0, 40);
              kept.put(snapshot, ids.newest);
            };
          };
          tx.oncomplete = () => {
            db.close();
            resolve(ids);
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
  await page.reload();
  const recovery = page.getByTestId('recovery');
  await expect(recovery).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('recovery-reason')).toContainText('已存储的数据无法读取');
  // The newest snapshot was tried first and is marked damaged; the next one reads and is offered.
  const newest = recovery.locator(`[data-testid="snapshot"][data-id="${ids.newest}"]`);
  await expect(newest).toHaveAttribute('data-state', 'damaged');
  await expect(newest.getByTestId('snapshot-damaged')).toHaveText('已损坏');
  await expect(newest.getByTestId('snapshot-restore')).toHaveCount(0);
  const offered = page.getByTestId('recovery-newest');
  await expect(offered).toHaveAttribute('data-id', ids.intact);
  await expect(offered).toContainText('最新的完好快照');
  await page.getByTestId('recovery-use-newest').click();
  // The app opens on the snapshot (back on the page that was open: the data page).
  await expect(recovery).toHaveCount(0);
  await expect(page.getByTestId('data-page')).toBeVisible();
  await page.goto(`./index.html${AREA}`);
  await app.waitReady();
  await expect(ledger.cell(FAI, '2016')).toHaveText('371');
  await app.reload();
  await expect(ledger.cell(FAI, '2016')).toHaveText('371');
});

test('a list of snapshots that cannot be read is said, not taken for none', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(AREA);
  const ledger = new IndicatorsPage(page);
  await ledger.typeInto(ledger.cell(FAI, '2016'), '371');
  await app.waitSaved();
  await overwriteStored(page, 'snapshots', 'index', '[{"id": "s-1", "at": "2026-');
  await page.goto('./index.html#/data');
  await app.reload();
  await expect(page.getByTestId('snapshots-problem')).toContainText('快照列表无法读取:已存储的数据无法读取');
});

test('a backup file overdue is reminded on the dashboard, with why, until one is exported', async ({ page }) => {
  // Last export ten days ago, reminders every seven days.
  await page.addInitScript(() => {
    const tenDaysAgo = new Date(Date.now() - 10 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    if (!localStorage.getItem('taizhang.last_export')) {
      localStorage.setItem('taizhang.last_export', JSON.stringify(tenDaysAgo));
    }
  });
  const app = new AppPage(page);
  await app.open('#/');
  const reminder = page.getByTestId('backup-reminder');
  await expect(reminder).toContainText('已经 10 天没有导出备份文件了');
  await expect(reminder).toContainText('清除浏览器数据');
  await page.getByTestId('backup-export-link').click();
  await expect(page.getByTestId('backup-days')).toHaveValue('7');
  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  await download;
  await expect(page.getByTestId('backup-last')).toContainText('上次导出备份');
  await page.goto('./index.html#/');
  await app.waitReady();
  await expect(reminder).toHaveCount(0);
});

test.describe('the sample, fetched from beside the page', () => {
  // page.route sees the app's own fetch only without a service worker in between.
  test.use({ serviceWorkers: 'block' });

  test('the recovery page puts the sample back, and says so when its file cannot be fetched', async ({ page }) => {
    const app = new AppPage(page);
    const ledger = new IndicatorsPage(page);
    await app.open(AREA);
    await ledger.typeInto(ledger.cell(FAI, '2016'), '371');
    await app.waitSaved();
    // A half-written chunk, as a crash leaves it: the store no longer reads.
    await overwriteStored(page, 'chunks', 'values/', '{"val-fai-total-2016": {"id": "val-fai');
    await page.route('**/samples/lucheng-2012-2016.json', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.reload();
    const recovery = page.getByTestId('recovery');
    await expect(recovery).toBeVisible({ timeout: 20_000 });
    await page.getByTestId('recovery-sample').click();
    await expect(page.getByTestId('recovery-problem')).toContainText(
      '示例数据无法载入:无法取得示例数据文件(HTTP 404 samples/lucheng-2012-2016.json)',
    );
    await expect(recovery).toBeVisible();

    await page.unroute('**/samples/lucheng-2012-2016.json');
    await page.getByTestId('recovery-sample').click();
    await expect(recovery).toHaveCount(0);
    await page.goto(`./index.html${AREA}`);
    await app.waitReady();
    await expect(ledger.cell(FAI, '2016')).toHaveText('370');
    await app.reload();
    await expect(ledger.cell(FAI, '2016')).toHaveText('370');
  });
});
