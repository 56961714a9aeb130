import { test, expect } from '@playwright/test';
import { installFailingWrites, setWritesFail } from './support';
import { AppPage, IndicatorPage } from './pages';

test('the indicator page shows the stated 170% beside the 69.7% the data gives', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/indicator/ind-fai-total');
  const indicator = new IndicatorPage(page);
  await expect(indicator.title).toHaveText('固定资产投资额');
  const stated = indicator.findings.and(page.locator('[data-relation="rel-fai-growth-2016-vs-2012"]'));
  await expect(stated).toHaveAttribute('data-severity', 'error');
  await expect(stated.getByTestId('finding-message')).toHaveText(
    '不符:表述为 170%,按台账计算为 69.7%,相差 -100.3%(允许误差 ±1.14%)',
  );
  await expect(stated.getByTestId('finding-supported')).toHaveText('数据支持的表述: 增长69.7% / 是2012年的1.7倍');
  // Open findings of this indicator: the 170 % growth (the other findings about it hold or
  // cannot be checked).
  await expect(page.getByTestId('indicator-open-findings')).toHaveText('1');
  await expect(indicator.derived).toContainText('年均增长 2012年 → 2016年: 14.14%');
  await expect.poll(() => indicator.chart.paintedPixels()).toBeGreaterThan(500);
});

test('growth into a year counted differently is flagged, and partial periods too', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/indicator/ind-central-subsidy');
  const indicator = new IndicatorPage(page);
  await expect(indicator.derived.getByTestId('derived-growth').first()).toContainText('口径不同');
  await app.open('#/indicator/ind-service-value-added');
  await expect(indicator.derived).toContainText('2015年 → 2016年1—9月');
  await expect(indicator.derived).toContainText('期间不完整');
});

test('indicator details and a value provenance can be edited and survive a reload', async ({ page }) => {
  const app = new AppPage(page);
  const indicator = new IndicatorPage(page);
  await app.open('#/indicator/ind-fai-total');

  await page.getByTestId('edit-indicator').click();
  await page.getByTestId('indicator-scope-note').fill('全社会固定资产投资,含房地产');
  await page.getByTestId('indicator-save').click();
  await expect(page.getByTestId('indicator-scope')).toContainText('全社会固定资产投资,含房地产');

  const value2016 = indicator.valueItem('2016');
  await value2016.getByTestId('edit-value').click();
  await value2016.getByTestId('value-note-input').fill('年底核实为全年数');
  await value2016.getByTestId('value-qualifier').selectOption('about');
  await value2016.getByTestId('value-save').click();
  await expect(indicator.valueItem('2016')).toContainText('年底核实为全年数');
  await expect(indicator.valueItem('2016').getByTestId('value-amount')).toHaveText('约370');
  await app.waitSaved();

  await app.reload();
  await expect(page.getByTestId('indicator-scope')).toContainText('全社会固定资产投资,含房地产');
  await expect(indicator.valueItem('2016')).toContainText('年底核实为全年数');
  await expect(indicator.valueItem('2016').getByTestId('value-amount')).toHaveText('约370');

  // An empty name is refused at the form and nothing changes.
  await page.getByTestId('edit-indicator').click();
  await page.getByTestId('indicator-name').fill('');
  await page.getByTestId('indicator-save').click();
  await expect(page.getByTestId('indicator-form-error')).toHaveText('名称不能为空');
  await expect(indicator.title).toHaveText('固定资产投资额');
});

test('work areas and units are editable records', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/data');

  await page.getByTestId('new-area-name').fill('社会信用');
  await page.getByTestId('new-area-submit').click();
  await expect(page.getByTestId('area-row')).toHaveCount(9);

  await page.getByTestId('new-unit-symbol').fill('公顷');
  await page.getByTestId('new-unit-dimension').fill('land');
  await page.getByTestId('new-unit-factor').fill('abc');
  await page.getByTestId('new-unit-submit').click();
  await expect(page.getByTestId('new-unit-error')).toHaveText('“abc”不是数值');
  await page.getByTestId('new-unit-factor').fill('10000');
  await page.getByTestId('new-unit-submit').click();
  await expect(page.getByTestId('new-unit-error')).toHaveCount(0);

  // An area still holding indicators cannot be deleted.
  const investment = page.getByTestId('area-row').filter({ has: page.locator('input[data-testid="area-name"]') }).nth(1);
  await investment.getByTestId('area-delete').click();
  await expect(investment.getByTestId('area-error')).toContainText('不能删除');
  await app.waitSaved();

  await app.reload();
  await expect(page.getByTestId('area-row')).toHaveCount(9);
  const units = page.getByTestId('unit-row');
  await expect(units.filter({ has: page.locator('input[data-testid="unit-symbol"][value="公顷"]') })).toHaveCount(0);
  const symbols = await page.getByTestId('unit-symbol').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(symbols).toContain('公顷');

  await page.goto('./index.html#/indicators');
  await expect(page.getByTestId('area-tab').last()).toHaveText('社会信用');
});

test('a storage failure is shown to the user, not swallowed', async ({ page }) => {
  // Chromium here ignores the DevTools quota override for IndexedDB, so the test makes the
  // browser's own put() fail the way a full disk does: it throws QuotaExceededError. The app's
  // store and UI code under test are the real ones.
  await installFailingWrites(page);
  const app = new AppPage(page);
  await app.open('#/indicators/area-investment');
  await setWritesFail(page, true);

  const cell = page.locator('td[data-testid="cell"][data-indicator="ind-fai-total"][data-period="2016"]');
  await cell.click();
  const editor = page.getByTestId('cell-input');
  await editor.fill('380');
  await editor.press('Enter');
  await expect(page.getByTestId('error-banner')).toContainText('存储失败');
  await expect(page.getByTestId('error-banner')).toContainText('QuotaExceededError');

  // What was stored before is intact: a reload shows the last saved figure. (The page warns
  // that the change is not saved; leaving is accepted here.)
  await setWritesFail(page, false);
  page.once('dialog', (dialog) => void dialog.accept());
  await app.reload();
  await expect(cell).toHaveText('370');
});

test('a target is added by period and amount as typed, drawn, kept over a reload and removable', async ({ page }) => {
  const app = new AppPage(page);
  const indicator = new IndicatorPage(page);
  await app.open('#/indicator/ind-fai-total');

  await page.getByTestId('target-period').fill('2017年13月');
  await page.getByTestId('target-amount').fill('400');
  await page.getByTestId('target-submit').click();
  await expect(page.getByTestId('target-error')).toContainText('月份 13 不存在');

  await page.getByTestId('target-period').fill('2017');
  await page.getByTestId('target-amount').fill('400亿');
  await page.getByTestId('target-submit').click();
  await expect(page.getByTestId('target')).toHaveText(/2017年: 400 亿元/);
  await indicator.chart.toggleTable.click();
  await expect(indicator.chart.table.locator('thead')).toContainText('目标');
  await expect(indicator.chart.table.locator('tbody tr').last()).toContainText('400');
  await app.waitSaved();

  await app.reload();
  await expect(page.getByTestId('target')).toHaveCount(1);
  await page.getByTestId('target-delete').click();
  await expect(page.getByTestId('target')).toHaveCount(0);
});
