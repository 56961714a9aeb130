import { test, expect } from '@playwright/test';
import { AppPage, DashboardPage, DataPage } from './pages';

test('the English switch translates the interface and is remembered', async ({ page }) => {
  const app = new AppPage(page);
  const dashboard = new DashboardPage(page);
  await app.open('#/');
  await expect(app.nav('dashboard')).toHaveText('总览');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  await app.langSwitch.click();
  await expect(app.nav('dashboard')).toHaveText('Dashboard');
  await expect(app.nav('indicators')).toHaveText('Indicators');
  await expect(app.sampleBadge).toHaveText('Sample data');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const investment = dashboard.headline('Fixed-asset investment');
  await expect(investment.getByTestId('headline-period')).toHaveText('2016');
  await expect(dashboard.headline('Service').getByTestId('headline-period')).toHaveText('Jan–Sep 2016');

  await app.reload();
  await expect(app.nav('dashboard')).toHaveText('Dashboard');
  await app.langSwitch.click();
  await expect(app.nav('dashboard')).toHaveText('总览');
});

test('starting an empty ledger replaces the sample, survives a reload, and the sample can come back', async ({ page }) => {
  const app = new AppPage(page);
  const data = new DataPage(page);
  const dashboard = new DashboardPage(page);
  await app.open('#/data');
  await expect(data.count('values')).not.toHaveText('0');

  app.acceptNextDialog();
  await data.startEmpty.click();
  await expect(data.count('values')).toHaveText('0');
  await expect(data.count('indicators')).toHaveText('0');
  // Work areas and units are kept so entry can start at once.
  await expect(data.count('areas')).toHaveText('8');
  await expect(app.sampleBadge).toHaveCount(0);

  await app.reload();
  await expect(data.count('values')).toHaveText('0');
  await app.nav('dashboard').click();
  await expect(dashboard.empty).toBeVisible();

  await app.nav('data').click();
  app.acceptNextDialog();
  await data.reloadSample.click();
  await expect(app.sampleBadge).toBeVisible();
  await expect(data.count('values')).not.toHaveText('0');
});

test('opening the app without a page returns to the last page visited', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/indicators/area-prices');
  await page.goto('./index.html');
  await app.waitReady();
  await expect(page).toHaveURL(/#\/indicators\/area-prices$/);
  await expect(page.getByTestId('area-tab').filter({ hasText: '价格管理' })).toHaveClass(/active/);
});

test('the ledger exports as a named, checksummed file that opens again as the same ledger', async ({ page }) => {
  const app = new AppPage(page);
  const data = new DataPage(page);
  await app.open('#/data');
  await page.getByTestId('author-name').fill('王五');
  await page.getByTestId('author-name').press('Enter');

  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^台账-鹿城区发改局 2012—2016 年工作台账\(示例数据\)-\d{4}-\d{2}-\d{2}\.json$/);
  const text = require('fs').readFileSync(await file.path(), 'utf8');
  const json = JSON.parse(text);
  expect(json.type).toBe('taizhang');
  expect(json.format_version).toBe(1);
  expect(json.export.exported_by).toBe('王五');
  expect(json.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(json.values.length).toBe(Number(await data.count('values').textContent()));

  // Start empty, then open the exported file: the same ledger comes back.
  app.acceptNextDialog();
  await data.startEmpty.click();
  await expect(data.count('values')).toHaveText('0');
  page.once('dialog', (dialog) => dialog.accept());
  await data.openFile.setInputFiles({ name: file.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(data.count('values')).toHaveText(String(json.values.length));
  await expect(app.sampleBadge).toBeVisible();
});
