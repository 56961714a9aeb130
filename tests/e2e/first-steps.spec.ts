// A first-time user's steps: the dashboard says what the sample is and offers a ledger of one's
// own or a colleague's file; a new ledger lives in today's date, which "今年" and the project
// judgements follow; a project form with unsaved input asks before it is left.
import { test, expect, type Page } from '@playwright/test';
import { AppPage, IndicatorsPage, ProjectsPage } from './pages';

/** The dashboard's label of a reporting date, as the app writes it ("截至2026年11月底"). */
function asOfLabel(date: Date): string {
  const lastDay = new Date(date.getFullYear(), date.getMonth() + 1, 0).getDate();
  const year = date.getFullYear();
  const month = date.getMonth() + 1;
  return date.getDate() === lastDay ? `截至${year}年${month}月底` : `截至${year}年${month}月${date.getDate()}日`;
}

async function setReportingDate(page: Page, iso: string): Promise<void> {
  await page.goto('./index.html#/data');
  await new AppPage(page).waitReady();
  await page.getByTestId('document-date').fill(iso);
  await page.getByTestId('document-date').dispatchEvent('change');
}

test('the dashboard says what the sample is and starts an empty ledger dated today', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/');
  const welcome = page.getByTestId('welcome');
  await expect(welcome).toContainText('鹿城区发改局 2012—2016 年工作总结');
  await expect(page.getByTestId('dashboard-as-of-date')).toHaveText('截至2016年10月底');

  app.acceptNextDialog();
  await page.getByTestId('welcome-start-empty').click();
  await expect(welcome).toHaveCount(0);
  const today = new Date();
  await expect(page.getByTestId('dashboard-as-of-date')).toHaveText(asOfLabel(today));
  await app.reload();
  await expect(page.getByTestId('dashboard-as-of-date')).toHaveText(asOfLabel(today));

  // "今年" and "今年1-9月" are this year's columns, not 2016's.
  const ledger = new IndicatorsPage(page);
  await page.goto('./index.html#/indicators/area-investment');
  await app.waitReady();
  await ledger.addIndicator('测试指标', '亿元');
  await ledger.addPeriod('今年');
  await expect(page.locator(`th[data-period="${today.getFullYear()}"]`)).toHaveCount(1);
  await ledger.addPeriod('今年1-9月');
  await expect(page.locator(`th[data-period="${today.getFullYear()}-YTD9"]`)).toHaveCount(1);

  // The reporting date is set on the data page; "今年" follows it, and undo takes it back.
  await setReportingDate(page, '2025-06-30');
  await page.goto('./index.html#/');
  await expect(page.getByTestId('dashboard-as-of-date')).toHaveText('截至2025年6月底');
  await page.goto('./index.html#/indicators/area-investment');
  await ledger.addPeriod('今年');
  await expect(page.locator('th[data-period="2025"]')).toHaveCount(1);
  await page.goto('./index.html#/');
  await page.getByTestId('undo').click(); // the column
  await page.getByTestId('undo').click(); // the date
  await expect(page.getByTestId('dashboard-as-of-date')).toHaveText(asOfLabel(today));
});

test('changing the reporting date re-judges the month reports are due for, the lights and overdue items', async ({ page }) => {
  const app = new AppPage(page);
  const projects = new ProjectsPage(page);
  // A project reporting for October, with an item due at the end of the year.
  await app.open('#/projects/new');
  await projects.fillAndSave({
    name: '测试大桥工程', class: '重点建设', owner: '鹿城区交通局', investment: '22.5亿',
    start: '2016-03-01', planned: '2018-12-31', status: 'newly_started', plans: [['2016', '60000']],
  });
  await expect(page.getByTestId('project-title')).toHaveText('测试大桥工程');
  const bridge = page.url();
  await projects.addReport('2016-10', '50000', '50000', '主桥桩基完成', '');
  await expect(page.getByTestId('report-row')).toHaveCount(1);
  await projects.addSupervision('管线迁改滞后', '鹿城区住建局', '2016-09-01', '2016-12-31');
  await expect(page.getByTestId('supervision-row')).toHaveCount(1);
  await expect(page.getByTestId('supervision-row').getByTestId('overdue')).toHaveCount(0);
  await expect(page.getByTestId('project-summary').getByTestId('light')).toHaveAttribute('data-light', 'green');

  await app.open('#/');
  const missing = page.getByTestId('summary-missing');
  await expect(missing.locator('.card-period')).toHaveText('2016-10');
  await expect(missing.locator('strong')).toHaveText('1');
  await expect(page.getByTestId('summary-red').locator('strong')).toHaveText('1');
  await expect(page.getByTestId('summary-overdue').locator('strong')).toHaveText('0');
  // Mid-month, the month before is the one due.
  await setReportingDate(page, '2016-12-15');
  await page.goto('./index.html#/');
  await expect(missing.locator('.card-period')).toHaveText('2016-11');
  await expect(page.getByTestId('summary-projects')).toContainText('截至 2016-12-15');
  await app.reload();
  await expect(missing.locator('.card-period')).toHaveText('2016-11');
  // November is not reported yet: the bridge is missing its report, but not yet for two months.
  await expect(missing.locator('strong')).toHaveText('2');
  await expect(page.getByTestId('summary-red').locator('strong')).toHaveText('1');
  await expect(page.getByTestId('summary-overdue').locator('strong')).toHaveText('0');

  // Into the next year: two months unreported (red) and the item's deadline passed (overdue).
  await setReportingDate(page, '2017-01-15');
  await page.goto('./index.html#/');
  await expect(missing.locator('.card-period')).toHaveText('2016-12');
  await expect(page.getByTestId('summary-red').locator('strong')).toHaveText('2');
  await expect(page.getByTestId('summary-overdue').locator('strong')).toHaveText('1');
  await page.goto(bridge);
  await expect(page.getByTestId('project-summary').getByTestId('light')).toHaveAttribute('data-light', 'red');
  await expect(page.getByTestId('supervision-row').getByTestId('overdue')).toHaveCount(1);
  // The project that is red for missing reports is on the dashboard's count of missing reports.
  await app.open('#/');
  await page.getByTestId('summary-red').click();
  await expect(page.getByTestId('project-row')).toHaveCount(2);
  await expect(page.getByTestId('project-row').first()).toContainText('测试大桥工程');
  await expect(page.getByTestId('project-row').nth(1)).toContainText('温州金融科技文化中心');

  // A date that is not a date is refused at its field, and the ledger keeps its own.
  await page.goto('./index.html#/data');
  await app.waitReady();
  await page.getByTestId('document-date').fill('');
  await page.getByTestId('document-date').dispatchEvent('change');
  await expect(page.getByTestId('document-date-error')).toHaveText('截至日期不能为空,请选择或输入一个日期(如 2016-10-31)');
  await page.goto('./index.html#/');
  await expect(page.getByTestId('summary-projects')).toContainText('截至 2017-01-15');
});

test('a colleague\'s file opened from the dashboard through the file picker goes to the import preview', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/data');
  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const file = await download;
  const path = await file.path();

  await page.goto('./index.html#/');
  await app.waitReady();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('welcome-open-file-label').click();
  await (await chooser).setFiles(path);
  await expect(page.getByTestId('data-page')).toBeVisible();
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await expect(page.getByTestId('conflict')).toHaveCount(0);
});

test('a project form with unsaved input asks before it is left, and its code help is in the UI language', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/projects/new');
  const name = page.getByTestId('project-name');
  await expect(page.getByTestId('project-code')).toHaveAttribute('placeholder', '2106-330302-04-01-00001X');
  // The placeholder is a code the form accepts.
  await page.getByTestId('project-code').fill('2106-330302-04-01-00001X');
  await expect(page.getByTestId('project-code-hint')).toHaveText('国家统一项目代码格式正确(校验位未核验)');
  await page.getByTestId('project-code').fill('1606-33030-48-01-00001X');
  await expect(page.getByTestId('project-code-hint')).toContainText('国家统一项目代码为 24 位');

  await name.fill('未保存的项目');
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByTestId('nav-dashboard').click();
  await expect.poll(() => asked).toContain('尚未保存');
  // Stayed: the input is still there.
  await expect(page.getByTestId('new-project-page')).toBeVisible();
  await expect(name).toHaveValue('未保存的项目');

  // Reloading asks too (the browser's own dialog).
  let reloadDialog = '';
  page.once('dialog', (dialog) => {
    reloadDialog = dialog.type();
    void dialog.accept();
  });
  await page.reload();
  await app.waitReady();
  expect(reloadDialog).toBe('beforeunload');

  // Leaving when accepted; a saved form leaves without asking.
  await page.getByTestId('project-name').fill('要离开的项目');
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('dashboard')).toBeVisible();

  // In English, the code's message is English.
  await page.goto('./index.html#/projects/new');
  await app.waitReady();
  await app.langSwitch.click();
  await page.getByTestId('project-code').fill('1606-33030-48-01-00001X');
  await expect(page.getByTestId('project-code-hint')).toHaveText(
    'Invalid project code "1606-33030-48-01-00001X": a national code has 24 characters in five groups: YYMM-RRRRRR-DD-TT-SSSSSC',
  );
  await app.langSwitch.click();
});
