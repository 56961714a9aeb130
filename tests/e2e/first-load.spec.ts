import { test, expect } from '@playwright/test';
import { AppPage, ChartWidget, DashboardPage } from './pages';
import { collectExternalRequests } from './support';

test('the first load shows the Lucheng sample, labelled, with headline figures and drawn charts', async ({ page }) => {
  const external = collectExternalRequests(page);
  const app = new AppPage(page);
  const dashboard = new DashboardPage(page);
  await app.open('#/');

  await expect(app.sampleBadge).toHaveText('示例数据');
  // Investment 2016: 370亿元, with the period it belongs to.
  const investment = dashboard.headline('固定资产投资额');
  await expect(investment.getByTestId('headline-figure')).toHaveText('370');
  await expect(investment.getByTestId('headline-period')).toHaveText('2016年');
  // Service value added is a year-to-date figure and says so.
  await expect(dashboard.headline('服务业增加值').getByTestId('headline-period')).toHaveText('2016年1—9月');
  await expect(dashboard.headlines).toHaveCount(8);

  await expect(dashboard.charts).toHaveCount(4);
  const first = new ChartWidget(page, dashboard.charts.first());
  await expect(first.canvas).toBeVisible();
  await expect.poll(() => first.paintedPixels(), { timeout: 10_000 }).toBeGreaterThan(2_000);
  // Full-year bars are drawn in the app's red (#c23531). They grow in with an animation, so the
  // count is asked again until the bars have grown (a single read mid-animation found 268).
  await expect.poll(() => first.pixelsNear([0xc2, 0x35, 0x31]), { timeout: 10_000 }).toBeGreaterThan(500);

  await page.waitForLoadState('networkidle');
  expect(external, 'requests leaving the origin').toEqual([]);
});

test('the spreadsheet module is not part of the page\'s first load, only of its first use', async ({ page }) => {
  // The page's own requests (the service worker precaches in the background on its own).
  const asked: string[] = [];
  page.on('request', (request) => asked.push(new URL(request.url()).pathname));
  const app = new AppPage(page);
  await app.open('#/');
  await page.goto('./index.html#/data');
  await app.waitReady();
  await page.waitForLoadState('networkidle');
  expect(asked.filter((path) => path.includes('/sheets/'))).toEqual([]);
  // The first workbook export loads it.
  const download = page.waitForEvent('download');
  await page.getByTestId('sheet-export-xlsx').click();
  await download;
  expect(asked.some((path) => /\/sheets\/.*\.wasm$/.test(path))).toBe(true);
});

test('every chart can be shown as a table and exported as PNG', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/');
  const chart = new ChartWidget(page, new DashboardPage(page).charts.first());
  await expect.poll(() => chart.paintedPixels()).toBeGreaterThan(2_000);

  const download = page.waitForEvent('download');
  await chart.exportPng.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.png$/);
  const path = await file.path();
  const bytes = require('fs').readFileSync(path);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');

  await chart.toggleTable.click();
  await expect(chart.table).toBeVisible();
  // The first dashboard chart is the central-budget subsidies: 2012 → 2550万元.
  await expect(chart.table.locator('tbody tr').first()).toContainText('2012年');
  await expect(chart.table.locator('tbody tr').first()).toContainText('2,550');
  await expect(chart.table.locator('tbody tr')).toHaveCount(5);
});

test('clicking a dashboard chart opens its indicator', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/');
  const chart = new ChartWidget(page, new DashboardPage(page).charts.first());
  await expect.poll(() => chart.paintedPixels()).toBeGreaterThan(2_000);
  // The tallest bar (2016, 8300万元) is near the right end of the plot, just above the axis;
  // bars grow in with an animation, so the click is retried until it lands on one.
  await chart.canvas.scrollIntoViewIfNeeded();
  const box = await chart.canvas.boundingBox();
  if (!box) throw new Error('chart canvas has no box');
  await expect(async () => {
    await page.mouse.click(box.x + box.width * 0.84, box.y + box.height * 0.7);
    await expect(page).toHaveURL(/#\/indicator\/ind-central-subsidy$/, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await expect(page.getByTestId('indicator-title')).toHaveText('获中央预算内投资补助');
});
