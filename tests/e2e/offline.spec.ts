// Offline on a laptop: the built app, served from a sub-path by a real static server process,
// is opened once; then the server is stopped (Playwright's offline switch does not cover the
// service worker's fetches, so the process really goes away) and the app still starts, shows the
// stored ledger, draws a chart and keeps edits. A newer build served later is offered as an
// update, and once accepted runs with the data intact.
import { test, expect, type Page } from '@playwright/test';
import { spawn, execFileSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AppPage, ChartWidget, IndicatorsPage } from './pages';

const DIST = path.resolve(process.env.E2E_DIST ?? 'dist');

/** A static server on a free port over `root`, as a child process we can stop. */
async function serve(root: string, port: number): Promise<ChildProcess> {
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', root], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i += 1) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`);
      if (response.ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill();
  throw new Error('the static server did not start');
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

function freePort(): number {
  return Number(
    execFileSync('python3', ['-c', 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'])
      .toString()
      .trim(),
  );
}

/** Waits until the service worker controls the page (the first visit installs it). */
async function waitControlled(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker?.controller?.state ?? 'none'), { timeout: 20_000 })
    .toBe('activated');
}

/** The version of the worker controlling the page (it answers a message). */
async function workerVersion(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        navigator.serviceWorker.addEventListener('message', (event) => {
          if (event.data?.type === 'taizhang-version') resolve(event.data.version);
        });
        navigator.serviceWorker.controller?.postMessage('taizhang-version');
      }),
  );
}

test('opened once, the app starts, shows its ledger, draws and keeps edits with the server gone; a newer build is offered and runs with the data', async ({
  context,
}) => {
  // The app under a sub-path of its own server, which the test can stop.
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-offline-'));
  const app = path.join(site, 'apps', 'taizhang');
  fs.mkdirSync(path.dirname(app), { recursive: true });
  fs.cpSync(DIST, app, { recursive: true });
  const port = freePort();
  const url = `http://127.0.0.1:${port}/apps/taizhang/`;
  let server = await serve(site, port);
  const page = await context.newPage();
  const shell = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  try {
    await page.goto(`${url}index.html#/indicators/area-investment`);
    await shell.waitReady();
    await waitControlled(page);
    const firstVersion = await workerVersion(page);
    await ledger.typeInto(ledger.cell('ind-fai-total', '2016'), '371');
    await shell.waitSaved();

    // No server at all now.
    await stop(server);
    await expect(fetch(url)).rejects.toThrow();
    await page.reload();
    await shell.waitReady();
    await expect(ledger.cell('ind-fai-total', '2016')).toHaveText('371');
    await ledger.typeInto(ledger.cell('ind-fai-total', '2015'), '311');
    await shell.waitSaved();
    await page.goto(`${url}#/`);
    await shell.waitReady();
    const chart = new ChartWidget(page, page.getByTestId('dashboard-chart').first());
    await expect.poll(() => chart.paintedPixels(), { timeout: 10_000 }).toBeGreaterThan(500);
    await page.goto(`${url}index.html#/indicators/area-investment`);
    await shell.waitReady();
    await expect(ledger.cell('ind-fai-total', '2015')).toHaveText('311');
    await expect(page.getByTestId('update-banner')).toHaveCount(0);
    // The spreadsheet module, never loaded while online, comes from the worker's cache too.
    await page.goto(`${url}index.html#/data`);
    await shell.waitReady();
    await page.getByTestId('sheet-open').setInputFiles({
      name: '固定资产投资.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('指标,单位,2014年\r\n固定资产投资额,亿元,1200\r\n', 'utf8'),
    });
    await expect(page.getByTestId('sheet-summary')).toHaveText('没有问题:将新增 1 条、补充 0 条,0 条与台账不一致待您决定');
    await page.getByTestId('sheet-cancel').click();
    await page.goto(`${url}index.html#/indicators/area-investment`);
    await shell.waitReady();

    // A newer build on the server: its page says so (another title), it has another file, and
    // the worker is rewritten for it, as a build does.
    await expect(page).toHaveTitle('台账 Taizhang');
    const indexFile = path.join(app, 'index.html');
    const builtIndex = fs.readFileSync(indexFile, 'utf8');
    expect(builtIndex).toContain('<title>台账 Taizhang</title>');
    fs.writeFileSync(indexFile, builtIndex.replace('<title>台账 Taizhang</title>', '<title>台账 Taizhang · newer build</title>'));
    fs.writeFileSync(path.join(app, 'build-note.txt'), 'a newer build\n');
    fs.copyFileSync(path.resolve('public/sw.js'), path.join(app, 'sw.js'));
    execFileSync('python3', [path.resolve('scripts/precache.py'), app]);
    server = await serve(site, port);
    await page.reload();
    await shell.waitReady();
    // Offered, not swapped in: the page keeps running the old version until the user says so.
    await expect(page.getByTestId('update-banner')).toContainText('新版本可用', { timeout: 20_000 });
    expect(await workerVersion(page)).toBe(firstVersion);
    await expect(page).toHaveTitle('台账 Taizhang');
    await page.getByTestId('apply-update').click();
    await page.waitForLoadState('load');
    await shell.waitReady();
    await expect.poll(() => workerVersion(page), { timeout: 20_000 }).not.toBe(firstVersion);
    await expect(page.getByTestId('update-banner')).toHaveCount(0);
    // The new version's page runs.
    await expect(page).toHaveTitle('台账 Taizhang · newer build');
    await expect(ledger.cell('ind-fai-total', '2016')).toHaveText('371');
    await expect(ledger.cell('ind-fai-total', '2015')).toHaveText('311');
    // The old version's cache is gone; the new one holds the new file.
    const caches = await page.evaluate(() => caches.keys());
    expect(caches).toHaveLength(1);
    expect(await page.evaluate(() => fetch('build-note.txt').then((r) => r.text()))).toBe('a newer build\n');
  } finally {
    await stop(server);
    fs.rmSync(site, { recursive: true, force: true });
  }
});

test('the app is installable: a manifest with its name, icons and a relative scope', async ({ page }) => {
  const shell = new AppPage(page);
  await shell.open('#/');
  const manifestUrl = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(manifestUrl).toBe('manifest.webmanifest');
  const manifest = await page.evaluate(async (href) => (await fetch(href)).json(), manifestUrl);
  expect(manifest.name).toBe('台账 Taizhang');
  expect(manifest.start_url).toBe('./');
  expect(manifest.scope).toBe('./');
  const sizes = manifest.icons.map((icon: { sizes: string }) => icon.sizes);
  expect(sizes).toContain('192x192');
  expect(sizes).toContain('512x512');
  for (const icon of manifest.icons) {
    const response = await page.request.get(icon.src);
    expect(response.ok(), icon.src).toBe(true);
  }
});
