import { test, expect } from '@playwright/test';
import { AppPage, IndicatorPage, IndicatorsPage } from './pages';

test('an edit survives a reload', async ({ page }) => {
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  await app.open('#/indicators/area-investment');

  const cell = ledger.cell('ind-fai-total', '2016');
  await expect(cell).toHaveText('370');
  await ledger.typeInto(cell, '371.5亿元');
  await expect(ledger.cell('ind-fai-total', '2016')).toHaveText('371.5');
  await app.waitSaved();

  await app.reload();
  await expect(ledger.cell('ind-fai-total', '2016')).toHaveText('371.5');

  // The indicator page computes from the edited figure: (371.5 − 218) / 218 = 70.41 %.
  await page.goto('./index.html#/indicator/ind-fai-total');
  const indicator = new IndicatorPage(page);
  await expect(indicator.derived).toContainText('70.41%');
  // The source sentence stays with the value.
  await expect(indicator.valueItem('2012').getByTestId('value-source')).toContainText('从2012年的218亿元到2016年的370亿元');
});

test('a new period column takes values in 万元 converted exactly to the indicator unit 亿元, and an emptied cell deletes its value', async ({ page }) => {
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  await app.open('#/indicators/area-investment');

  await ledger.addPeriod('2017年');
  await expect(ledger.periodError).toHaveCount(0);
  const cell = ledger.cell('ind-fai-total', '2017');
  await expect(cell).toHaveText('');
  await ledger.typeInto(cell, '2500000万元');
  await expect(ledger.cell('ind-fai-total', '2017')).toHaveText('250');
  await ledger.typeInto(ledger.cell('ind-central-subsidy', '2017'), '约6000');
  await expect(ledger.cell('ind-central-subsidy', '2017')).toHaveText('约6,000');
  await app.waitSaved();

  await app.reload();
  await expect(ledger.cell('ind-fai-total', '2017')).toHaveText('250');

  await ledger.typeInto(ledger.cell('ind-fai-total', '2017'), '');
  await app.waitSaved();
  await app.reload();
  // The 2017 column stays because the other indicator still has a 2017 figure.
  await expect(ledger.cell('ind-fai-total', '2017')).toHaveText('');
  await expect(ledger.cell('ind-central-subsidy', '2017')).toHaveText('约6,000');
});

test('an indicator can be added with a new unit and deleted again', async ({ page }) => {
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  await app.open('#/indicators/area-planning');

  await ledger.addIndicator('新建测试指标', '公里');
  await expect(ledger.addIndicatorError).toContainText('单位“公里”不在单位表中');
  await page.getByTestId('add-unit-and-indicator').click();
  const row = ledger.rowByName('新建测试指标');
  await expect(row).toHaveCount(1);
  await expect(row.locator('td.unit')).toHaveText('公里');
  await app.waitSaved();

  await app.reload();
  await expect(ledger.rowByName('新建测试指标')).toHaveCount(1);
  page.once('dialog', (dialog) => dialog.accept());
  await ledger.rowByName('新建测试指标').getByTestId('delete-indicator').click();
  await expect(ledger.rowByName('新建测试指标')).toHaveCount(0);
  await app.waitSaved();
  await app.reload();
  await expect(ledger.rowByName('新建测试指标')).toHaveCount(0);

  // Deleting an indicator with figures is one undoable step: undo brings the row and its
  // figures back, and they are stored.
  const total = ledger.rowByName('新建测试指标');
  await app.open('#/indicators/area-investment');
  const row2 = ledger.rowByName('获中央预算内补助项目数');
  await expect(row2).toHaveCount(1);
  await expect(ledger.cell('ind-central-subsidy-projects', '2013')).toHaveText('5');
  page.once('dialog', (dialog) => dialog.accept());
  await row2.getByTestId('delete-indicator').click();
  await expect(row2).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect(row2).toHaveCount(1);
  await expect(ledger.cell('ind-central-subsidy-projects', '2013')).toHaveText('5');
  await app.waitSaved();
  await app.reload();
  await expect(ledger.cell('ind-central-subsidy-projects', '2013')).toHaveText('5');
  await expect(total).toHaveCount(0);
});

test('undo and redo go through the same door and are persisted', async ({ page }) => {
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  await app.open('#/indicators/area-investment');
  await expect(page.getByTestId('undo')).toBeDisabled();

  await ledger.typeInto(ledger.cell('ind-fai-total', '2016'), '371');
  await expect(ledger.cell('ind-fai-total', '2016')).toHaveText('371');
  await page.getByTestId('undo').click();
  await expect(ledger.cell('ind-central-subsidy-projects', '2013')).toHaveText('5');
  await app.waitSaved();
  await app.reload();
  await expect(ledger.cell('ind-central-subsidy-projects', '2013')).toHaveText('5');

  // Keyboard: the history is per session, so make a new edit, then Ctrl+Z and Ctrl+Y.
  await ledger.typeInto(ledger.cell('ind-fai-total', '2012'), '219');
  await page.locator('h1, body').first().click();
  await page.keyboard.press('Control+z');
  await expect(ledger.cell('ind-fai-total', '2012')).toHaveText('218');
  await page.keyboard.press('Control+y');
  await expect(ledger.cell('ind-fai-total', '2012')).toHaveText('219');
  await app.waitSaved();
  await app.reload();
  await expect(ledger.cell('ind-fai-total', '2012')).toHaveText('219');
});

test('leaving a cell saves a changed figure, and Escape throws the change away', async ({ page }) => {
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  await app.open('#/indicators/area-key-projects');

  const cell = ledger.cell('ind-key-projects-count', '2015');
  await cell.click();
  await ledger.editor.fill('17');
  await page.getByTestId('indicators-page').locator('p.muted').first().click();
  await expect(cell).toHaveText('17');

  const other = ledger.cell('ind-key-projects-count', '2014');
  await other.click();
  await ledger.editor.fill('99');
  await ledger.editor.press('Escape');
  await expect(other).toHaveText('19');

  await app.waitSaved();
  await app.reload();
  await expect(ledger.cell('ind-key-projects-count', '2015')).toHaveText('17');
  await expect(ledger.cell('ind-key-projects-count', '2014')).toHaveText('19');
});
