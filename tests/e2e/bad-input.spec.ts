import { test, expect } from '@playwright/test';
import { AppPage, DataPage, IndicatorsPage } from './pages';

test('invalid values are refused at the cell with a message, and nothing is stored', async ({ page }) => {
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  await app.open('#/indicators/area-investment');
  const cell = ledger.cell('ind-fai-total', '2016');

  await ledger.typeInto(cell, 'abc');
  await expect(ledger.cellError(cell)).toHaveText('“abc”不是数值');

  await ledger.editor.fill('1e999');
  await ledger.editor.press('Enter');
  await expect(ledger.cellError(cell)).toHaveText('“1e999”不是数值');

  await ledger.editor.fill('-5');
  await ledger.editor.press('Enter');
  await expect(ledger.cellError(cell)).toContainText('不能为负数');

  await ledger.editor.fill('12个');
  await ledger.editor.press('Enter');
  await expect(ledger.cellError(cell)).toContainText('该指标的单位是“亿元”');

  await ledger.editor.fill('5公里');
  await ledger.editor.press('Enter');
  await expect(ledger.cellError(cell)).toContainText('单位“公里”不在单位表中');
  await expect(cell.getByTestId('add-unit')).toBeVisible();

  await ledger.editor.press('Escape');
  await expect(cell).toHaveText('370');
  await app.reload();
  await expect(ledger.cell('ind-fai-total', '2016')).toHaveText('370');
});

test('a period that does not exist is refused with a message and adds no column', async ({ page }) => {
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  await app.open('#/indicators/area-investment');
  const columns = await ledger.periodHeaders.count();

  await ledger.addPeriod('2016年13月');
  await expect(ledger.periodError).toContainText('月份 13 不存在');
  await ledger.addPeriod('明后天');
  await expect(ledger.periodError).toContainText('无法识别期间');
  await ledger.addPeriod('2016');
  await expect(ledger.periodError).toContainText('已经存在');
  await expect(ledger.periodHeaders).toHaveCount(columns);

  await ledger.addPeriod('十三五');
  await expect(ledger.periodError).toHaveCount(0);
  await expect(ledger.periodHeaders).toHaveCount(columns + 1);
  await expect(ledger.periodHeaders.last().getByTestId('period-label')).toHaveText('2016—2020年');
});

test('an indicator without a name is refused', async ({ page }) => {
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  await app.open('#/indicators/area-planning');
  const rows = await page.getByTestId('indicator-row').count();
  await ledger.addIndicator('   ', '个');
  await expect(ledger.addIndicatorError).toHaveText('名称不能为空');
  await expect(page.getByTestId('indicator-row')).toHaveCount(rows);
});

test('a file that is not a ledger is refused with what and where, and the stored ledger is unchanged', async ({ page }) => {
  const app = new AppPage(page);
  const data = new DataPage(page);
  await app.open('#/data');
  const values = await data.count('values').textContent();

  await data.openFile.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"a": [1, 2') });
  await expect(data.fileProblems).toContainText('不是 JSON 文件');

  await data.openFile.setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        type: 'taizhang',
        format_version: 1,
        dataset: { id: 'x', name: 'x', document_date: '2016-10-31' },
        areas: [{ id: 'a', name: 'A' }],
        units: [{ id: 'u', symbol: '个' }],
        indicators: [{ id: 'i', area: 'a', name: 'I', unit: 'u' }],
        values: [{ id: 'v', indicator: 'i', period: '2016年13月', amount: 'NaN' }],
      }),
    ),
  });
  await expect(data.fileProblems).toContainText('$.values[0].period');
  await expect(data.fileProblems).toContainText('$.values[0].amount');

  await app.reload();
  await expect(data.count('values')).toHaveText(values ?? '');
  await expect(app.sampleBadge).toBeVisible();
});

test('a 100 MB file is refused at once with its size, and the page stays usable', async ({ page }) => {
  const app = new AppPage(page);
  const data = new DataPage(page);
  await app.open('#/data');
  const fs = require('fs');
  const os = require('os');
  const path = require('path');
  const big = path.join(os.tmpdir(), `taizhang-e2e-100mb-${process.pid}.json`);
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const fd = fs.openSync(big, 'w');
  for (let i = 0; i < 100; i++) fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  try {
    await data.openFile.setInputFiles(big);
    await expect(data.fileProblems).toContainText('文件过大(100.0 MB)');
    // Still responsive: navigation and the ledger work.
    await app.nav('dashboard').click();
    await expect(page.getByTestId('headline').first()).toBeVisible();
  } finally {
    fs.unlinkSync(big);
  }
});

test('text from a file is shown as text, never run as HTML', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/data');
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs++;
    dialog.accept();
  });
  const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const file = {
    type: 'taizhang',
    format_version: 1,
    dataset: { id: 'ds-hostile', name: hostile, document_date: '2016-10-31' },
    areas: [{ id: 'a', name: hostile }],
    units: [{ id: 'u', symbol: '个' }],
    indicators: [{ id: 'i', area: 'a', name: hostile, unit: 'u' }],
    values: [{ id: 'v', indicator: 'i', period: '2016', amount: '1', note: hostile, source: hostile }],
  };
  await new DataPage(page).openFile.setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await expect(page.getByTestId('dataset-name')).toHaveText(hostile);
  await page.goto('./index.html#/indicator/i');
  await app.waitReady();
  await expect(page.getByTestId('indicator-title')).toHaveText(hostile);
  await expect(page.getByTestId('value-source')).toHaveText(hostile);
  await page.goto('./index.html#/');
  await app.waitReady();
  await expect(page.getByTestId('headline').first()).toContainText(hostile);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toBe(1); // only the "replace this ledger?" confirmation
});
