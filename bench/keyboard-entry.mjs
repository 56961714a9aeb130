// How fast figures go in with the keyboard alone, on the sample's 重点项目建设 table: one click on
// the first cell, then for each cell its figure and Tab (Tab wraps to the next row at the row's
// end), with no wait between keys. Reported: cells per minute the app absorbs, and whether every
// cell was stored (read back after a reload). Then the same at a clerk's pace (a key every 150 ms,
// 400 keys a minute) to show no key is lost while the app saves in the background.
//
//   BENCH_ORIGIN=http://127.0.0.1:PORT node bench/keyboard-entry.mjs
//
// Prints Markdown rows; never asserts a time.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARGS as args, CHROMIUM as executablePath } from './chromium.mjs';

const origin = process.env.BENCH_ORIGIN ?? 'http://127.0.0.1:4173';

async function run(cells, keyDelay) {
  const profile = mkdtempSync(join(tmpdir(), 'taizhang-keys-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, args, locale: 'zh-CN' });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${origin}/index.html#/indicators/area-key-projects`);
    const table = page.getByTestId('ledger-table');
    await table.waitFor({ timeout: 60_000 });
    const layout = await page.evaluate(() => {
      const rows = [...document.querySelectorAll('tr[data-testid="indicator-row"]')];
      return rows.map((row) => [...row.querySelectorAll('td[data-testid="cell"]')].map((td) => [td.dataset.indicator, td.dataset.period]));
    });
    const order = layout.flat().slice(0, cells);
    const figures = order.map((_, i) => String(100 + i));
    await page.locator('td[data-testid="cell"]').first().click();
    const started = Date.now();
    for (const figure of figures) {
      await page.keyboard.type(figure, { delay: keyDelay });
      await page.keyboard.press('Tab', { delay: keyDelay });
    }
    // Typed; now wait until the last figure is shown and every save has reached IndexedDB.
    const [lastIndicator, lastPeriod] = order[order.length - 1];
    const last = page.locator(`td[data-testid="cell"][data-indicator="${lastIndicator}"][data-period="${lastPeriod}"] .cell-value`);
    await last.filter({ hasText: figures[figures.length - 1] }).waitFor();
    const shown = Date.now();
    // The app's CSP forbids the eval Playwright's waitForFunction needs: wait on the save
    // indicator's state with a selector instead.
    await page.waitForSelector('[data-testid="save-status"][data-state="saved"], [data-testid="save-status"][data-state="idle"]', { timeout: 60_000 });
    const saved = Date.now();
    await page.reload();
    await table.waitFor();
    const stored = await page.evaluate((order) =>
      order.map(([indicator, period]) =>
        document.querySelector(`td[data-testid="cell"][data-indicator="${indicator}"][data-period="${period}"] .cell-value`)?.textContent ?? ''),
    order);
    const kept = stored.filter((text, i) => text === figures[i]).length;
    return { cells, keys: figures.reduce((n, f) => n + f.length + 1, 0), shownMs: shown - started, savedMs: saved - started, kept };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const rows = [];
for (const [label, delay] of [['no wait between keys', 0], ["a clerk's pace (a key every 150 ms)", 150]]) {
  const r = await run(60, delay);
  const perMinute = Math.round((r.cells / r.savedMs) * 60_000);
  rows.push(`| keyboard entry, ${label} | ${r.cells} cells, ${r.keys} keys in ${(r.savedMs / 1000).toFixed(1)} s (shown after ${(r.shownMs / 1000).toFixed(1)} s) | ${perMinute} cells/min | ${r.kept}/${r.cells} stored after reload |`);
}
console.log('| measure | time | rate | kept |');
console.log('| --- | --- | --- | --- |');
for (const row of rows) console.log(row);
