import { test, expect } from '@playwright/test';
import { readFileSync } from 'fs';
import { AppPage, ChecksPage, IndicatorPage, IndicatorsPage } from './pages';

test('数据核对 lists every finding of the sample: the stated 170 % fails with 69.7 %, and the rest by severity', async ({ page }) => {
  const app = new AppPage(page);
  const checks = new ChecksPage(page);
  await app.open('#/');
  await expect(page.getByTestId('dashboard-findings-summary')).toHaveText('错误 2 项,提醒 2 项');
  await expect(page.getByTestId('nav-checks-count')).toHaveText('4');
  await page.getByTestId('nav-checks').click();

  await expect(checks.summary).toHaveText('错误 2 项,提醒 2 项,无法核对 29 项,已核实 18 项');
  const growth = checks.finding('rel-fai-growth-2016-vs-2012');
  await expect(growth).toHaveAttribute('data-severity', 'error');
  await expect(growth.getByTestId('finding-message')).toContainText('表述为 170%,按台账计算为 69.7%');
  await expect(growth.getByTestId('finding-supported')).toHaveText('数据支持的表述: 增长69.7% / 是2012年的1.7倍');
  await expect(growth.getByTestId('finding-figure')).toHaveText(['2016年固定资产投资额', '2012年固定资产投资额']);
  const approvals = checks.finding('rel-approvals-count-parts');
  await expect(approvals.getByTestId('finding-message')).toHaveText(
    '不符:表述为 941个,按台账计算为 914个,相差 -27个(允许误差 ±2个)',
  );
  await expect(checks.findings('error')).toHaveCount(2);
  await expect(checks.findings('warning')).toHaveCount(2);
  // A statement whose base the seed does not give says so rather than disappearing.
  await expect(checks.finding('rel-service-va-share-of-gdp-2015').getByTestId('finding-message')).toHaveText(
    '无法核对:比较的基数不在台账中(见备注)',
  );
  // A figure links to its indicator.
  await growth.getByTestId('finding-figure').first().click();
  await expect(new IndicatorPage(page).title).toHaveText('固定资产投资额');
});

test('an edit that breaks a relation shows a new finding at once, and undo takes it away', async ({ page }) => {
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  const checks = new ChecksPage(page);
  await app.open('#/indicators/area-key-projects');
  // "2016年安排重点建设项目97个,其中市重点项目21个,省重点项目8个": 95 + 8 exceeds 97.
  await ledger.typeInto(ledger.cell('ind-key-projects-municipal', '2016'), '95');
  await expect(ledger.cell('ind-key-projects-municipal', '2016')).toHaveText('95');
  await expect(page.getByTestId('nav-checks-count')).toHaveText('5');
  await page.getByTestId('nav-checks').click();
  const parts = checks.finding('rel-key-projects-2016-parts');
  await expect(parts).toHaveAttribute('data-severity', 'error');
  await expect(parts.getByTestId('finding-message')).toHaveText('所列分项合计 103个,超过了总数 97个(多 6个)');
  await expect(checks.summary).toContainText('错误 3 项');

  await page.keyboard.press('Control+z');
  await expect(checks.finding('rel-key-projects-2016-parts')).toHaveAttribute('data-severity', 'confirmed');
  await expect(checks.summary).toContainText('错误 2 项');

  // The jump alert is a setting: at 10 times, 16 → 97 key projects is no longer flagged.
  await page.getByTestId('jump-factor').fill('10');
  await page.getByTestId('jump-factor').press('Enter');
  await expect(checks.findings('warning')).toHaveCount(1);
  await app.reload();
  await expect(page.getByTestId('jump-factor')).toHaveValue('10');
  await expect(checks.findings('warning')).toHaveCount(1);
});

test('a statement is added, checked, edited and deleted from the indicator page, and survives a reload', async ({ page }) => {
  const app = new AppPage(page);
  const indicator = new IndicatorPage(page);
  await app.open('#/indicator/ind-fai-total');
  await page.getByTestId('relation-add').click();
  const form = page.getByTestId('relation-form');
  await form.getByTestId('relation-kind').selectOption('stated_multiple');
  await form.getByTestId('relation-subject-period').fill('2016年');
  await form.getByTestId('relation-base-indicator').first().selectOption('ind-fai-total');
  await form.getByTestId('relation-base-period').first().fill('2012');
  await form.getByTestId('relation-base-period').first().dispatchEvent('change');
  await form.getByTestId('relation-stated').fill('2');
  await form.getByTestId('relation-source').fill('2016年投资是2012年的2倍');
  await form.getByTestId('relation-save').click();
  await expect(form).toHaveCount(0);
  // "2倍" stands for 1.5 … 2.5: 370 / 218 = 1.70 holds at that precision.
  const added = indicator.findings.filter({ hasText: '2016年投资是2012年的2倍' });
  await expect(added.getByTestId('finding-message')).toContainText('表述为 2倍,按台账计算为 1.7倍');
  await expect(added).toHaveAttribute('data-severity', 'confirmed');
  await app.waitSaved();
  await app.reload();
  await expect(added).toHaveAttribute('data-severity', 'confirmed');

  // Edited to 2.5 times it fails, with the wording the data supports.
  const block = page.locator('.indicator-finding').filter({ hasText: '2016年投资是2012年的2倍' });
  await block.getByTestId('relation-edit').click();
  await page.getByTestId('relation-stated').fill('2.5');
  await page.getByTestId('relation-save').click();
  await expect(added).toHaveAttribute('data-severity', 'error');
  await expect(added.getByTestId('finding-supported')).toHaveText('数据支持的表述: 是2012年的1.7倍 / 增长69.7%');

  // A rank of 0 is refused at its field, and nothing is stored.
  await block.getByTestId('relation-edit').click();
  await page.getByTestId('relation-kind').selectOption('stated_rank');
  await page.getByTestId('relation-stated').fill('0');
  await page.getByTestId('relation-save').click();
  await expect(page.getByTestId('relation-error')).toHaveText('排名应为从 1 开始的整数');
  await page.getByTestId('relation-form').getByRole('button', { name: '取消' }).click();

  await block.getByTestId('relation-delete').click();
  await expect(added).toHaveCount(0);
  await app.waitSaved();
  await app.reload();
  await expect(indicator.findings.filter({ hasText: '2016年投资是2012年的2倍' })).toHaveCount(0);
});

test('a pasted seed paragraph is marked up against the ledger, and a draft is checked against itself', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/checks');
  const paragraph =
    '有效投资有突破。从2012年的218亿元到2016年的370亿元,投资增长了170%,五年累计实现投资1485亿元,接近我区“十一五”期间累计完成投资的三倍。';
  await page.getByTestId('draft-input').fill(paragraph);
  await page.getByTestId('draft-check-button').click();
  const figures = page.getByTestId('draft-figure');
  await expect(figures.first()).toHaveText('218亿元');
  await expect(figures.filter({ hasText: '370亿元' })).toHaveAttribute('data-mark', 'agrees');
  await expect(figures.filter({ hasText: '1485亿元' })).toHaveAttribute('data-mark', 'agrees');
  await expect(figures.filter({ hasText: '170%' })).toHaveAttribute('data-mark', 'differs');
  const issue = page.getByTestId('draft-issue').filter({ hasText: '170%' });
  await expect(issue.getByTestId('draft-issue-message')).toContainText('69.7%');
  await expect(page.getByTestId('draft-tally')).toContainText('不一致 1');

  // Without the ledger: a rate after its two counts, stated wrong.
  await page.getByTestId('draft-against-ledger').uncheck();
  await page
    .getByTestId('draft-input')
    .fill('今年安排重点项目120个,截至10月底已开工78个,开工率70%,未开工42个。');
  await page.getByTestId('draft-check-button').click();
  const own = (words: string) =>
    page.getByTestId('draft-own').filter({ has: page.getByTestId('draft-own-message').filter({ hasText: words }) });
  await expect(own('开工率')).toHaveAttribute('data-holds', 'false');
  await expect(own('开工率').getByTestId('draft-own-message')).toHaveText('开工率应为65.0%(78个÷120个),文中为70%');
  await expect(own('120个−78个')).toHaveAttribute('data-holds', 'true');
});

test('a .docx draft is opened from the file picker and checked', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/checks');
  await page.getByTestId('draft-file').setInputFiles('tests/fixtures/draft/lucheng-approvals.docx');
  await expect(page.getByTestId('draft-input')).toHaveValue(/总投资1338.71亿元/);
  const figures = page.getByTestId('draft-figure');
  await expect(figures.filter({ hasText: '1338.71亿元' })).toHaveAttribute('data-mark', 'agrees');
  const parts = page
    .getByTestId('draft-own')
    .filter({ has: page.getByTestId('draft-own-message').filter({ hasText: '941' }) });
  await expect(parts).toHaveAttribute('data-holds', 'false');
  await expect(parts.getByTestId('draft-own-message')).toContainText('914个(641 + 250 + 23)');

  // What is not a Word document is refused with its name.
  await page.getByTestId('draft-file').setInputFiles({ name: '总结.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a zip') });
  await expect(page.getByTestId('draft-error')).toContainText('“总结.docx”不是可以读取的 Word 文档(.docx)');
});

test('a 1 MB draft is checked in slices and the page answers meanwhile', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/checks');
  const seed = readFileSync('tests/fixtures/seed-lucheng-2012-2016.txt', 'utf8');
  const copies = Math.ceil(1_000_000 / Buffer.byteLength(seed));
  const draft = Array(copies).fill(seed).join('\n');
  await page.getByTestId('draft-input').fill(draft);
  // Long tasks while checking: the slices keep each under the 100 ms a user notices.
  await page.evaluate(() => {
    (window as unknown as { longTasks: number[] }).longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) (window as unknown as { longTasks: number[] }).longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
  await page.getByTestId('draft-check-button').click();
  await expect(page.getByTestId('draft-tally')).toContainText(`共 ${185 * copies} 个数字`, { timeout: 60_000 });
  await expect(page.getByTestId('draft-marked')).toBeVisible();
  await expect(page.getByText('文中只标出了前 3000 个数字')).toBeVisible();
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  console.log(`1 MB draft: ${copies} copies of the seed, long tasks (ms): ${longTasks.map((t) => Math.round(t)).join(', ')}`);
});

test('数据核对 in English: findings, figures and messages are English; only source sentences and notes are the data', async ({ page }) => {
  const app = new AppPage(page);
  const checks = new ChecksPage(page);
  await app.open('#/checks');
  await app.langSwitch.click();
  await expect(page.getByTestId('nav-checks')).toContainText('Checks');
  await expect(checks.summary).toHaveText('2 errors, 2 warnings, 29 cannot be checked, 18 confirmed');
  const growth = checks.finding('rel-fai-growth-2016-vs-2012');
  await expect(growth.getByTestId('finding-message')).toHaveText(
    'Does not hold: stated 170 %, the ledger gives 69.7 %, a difference of -100.3 % (tolerance ±1.14 %)',
  );
  await expect(growth.getByTestId('finding-supported')).toHaveText('The data supports: up 69.7 % / 1.7 times the figure of 2012');
  await expect(growth.getByTestId('finding-figure').first()).toHaveText('Fixed-asset investment, 2016');
  // Every finding's head, message and suggestion: no Chinese (the sample's names have English).
  const texts = await page
    .locator('[data-testid="finding"] .finding-head, [data-testid="finding-message"], [data-testid="finding-supported"]')
    .allInnerTexts();
  expect(texts.length).toBeGreaterThan(40);
  const chinese = texts.filter((t) => /[\u4e00-\u9fff]/.test(t));
  expect(chinese).toEqual([]);
});
