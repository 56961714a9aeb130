import { test, expect, type Page } from '@playwright/test';
import { AppPage, DataPage, IndicatorsPage } from './pages';

/** Exports the ledger from the data page and returns the file's name and text. */
async function exportLedger(page: Page): Promise<{ name: string; text: string }> {
  await page.goto('./index.html#/data');
  await new AppPage(page).waitReady();
  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const file = await download;
  const text = require('fs').readFileSync(await file.path(), 'utf8');
  return { name: file.suggestedFilename(), text };
}

async function openFile(page: Page, file: { name: string; text: string }): Promise<void> {
  await page.goto('./index.html#/data');
  await new AppPage(page).waitReady();
  await new DataPage(page).openFile.setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
}

async function setCell(page: Page, period: string, value: string): Promise<void> {
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  await page.goto('./index.html#/indicators/area-investment');
  await app.waitReady();
  await ledger.typeInto(ledger.cell('ind-fai-total', period), value);
  await expect(ledger.cell('ind-fai-total', period)).toHaveText(value);
  await app.waitSaved();
}

/** Adds a period column to 固定资产投资 (area-investment) and waits for it to be stored. */
async function addColumn(page: Page, text: string): Promise<void> {
  await page.goto('./index.html#/indicators/area-investment');
  await new AppPage(page).waitReady();
  await new IndicatorsPage(page).addPeriod(text);
  await new AppPage(page).waitSaved();
}

async function columnYears(page: Page): Promise<string[]> {
  await page.goto('./index.html#/indicators/area-investment');
  await new AppPage(page).waitReady();
  return page.locator('th[data-testid="period-header"]').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-period') ?? ''));
}

/** Sets the author name written into every change and export (data page, settings). */
async function setAuthor(page: Page, name: string): Promise<void> {
  await page.goto('./index.html#/data');
  await new AppPage(page).waitReady();
  await page.getByTestId('author-name').fill(name);
  await page.getByTestId('author-name').press('Enter');
}

async function cellText(page: Page, period: string): Promise<string> {
  await page.goto('./index.html#/indicators/area-investment');
  await new AppPage(page).waitReady();
  return (await new IndicatorsPage(page).cell('ind-fai-total', period).textContent()) ?? '';
}

test('two colleagues edit apart, one merges the other file, decides the conflict, and can undo', async ({ browser }) => {
  // Two browser profiles: separate storage, like two laptops.
  const alice = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  const bob = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await alice.goto('./index.html#/');
  await new AppPage(alice).waitReady();
  await bob.goto('./index.html#/');
  await new AppPage(bob).waitReady();
  await setAuthor(alice, '王芳');
  await setAuthor(bob, '李强');

  // Alice sends the ledger; Bob opens it (nothing to change: all unchanged).
  const first = await exportLedger(alice);
  await openFile(bob, first);
  await expect(bob.getByTestId('import-preview')).toBeVisible();
  await expect(bob.getByTestId('conflict')).toHaveCount(0);
  await bob.getByTestId('apply-import').click();
  await expect(bob.getByTestId('import-outcome')).toContainText('已导入');

  // Apart: Bob changes 2012 and 2016, Alice changes 2016 differently.
  await setCell(bob, '2012', '219');
  await setCell(bob, '2016', '372');
  // Each adds an empty period column of their own: both are kept by the merge.
  await addColumn(bob, '2017年');
  const reply = await exportLedger(bob);
  expect(JSON.parse(reply.text).export.derived_from).toContain(JSON.parse(first.text).export.id);
  await setCell(alice, '2016', '371');
  await addColumn(alice, '2018年');

  // Alice opens Bob's reply: the base is her own first export.
  await openFile(alice, reply);
  const preview = alice.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  // It scrolls into view, and names the base file by who exported it and when, not by an id.
  await expect(preview).toBeInViewport();
  await expect(alice.getByTestId('import-base')).toContainText('合并基准:王芳 于 ');
  await expect(alice.getByTestId('import-base')).toContainText('导出的文件');
  await expect(alice.getByTestId('import-base')).not.toContainText(JSON.parse(first.text).export.id);
  await expect(alice.getByTestId('report-values').locator('td').nth(1)).toHaveText('1'); // updated: 2012
  const conflict = alice.getByTestId('conflict');
  await expect(conflict).toHaveCount(1);
  await expect(conflict.getByTestId('conflict-record')).toHaveText('固定资产投资额 2016年');
  await expect(conflict.getByTestId('conflict-what')).toHaveText('数值');
  await expect(conflict.getByTestId('conflict-mine')).toHaveText('371 亿元');
  await expect(conflict.getByTestId('conflict-theirs')).toHaveText('372 亿元');
  // Who changed each side, and when (local time, to the minute).
  await expect(conflict.getByTestId('conflict-mine-by')).toHaveText(/^王芳 · \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  await expect(conflict.getByTestId('conflict-theirs-by')).toHaveText(/^李强 · \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  await expect(alice.getByTestId('apply-import')).toBeDisabled();
  const differences = alice.getByTestId('import-differences');
  await differences.locator('summary').click();
  await expect(differences).toContainText('固定资产投资额 2012年 · 数值: 218 亿元 → 219 亿元');
  await expect(differences).not.toContainText('amount');
  await conflict.getByTestId('take-theirs').check();
  await expect(differences).toContainText('固定资产投资额 2016年 · 数值: 371 亿元 → 372 亿元');
  await alice.getByTestId('apply-import').click();
  await expect(alice.getByTestId('import-outcome')).toContainText('已导入');

  expect(await cellText(alice, '2016')).toBe('372');
  expect(await cellText(alice, '2012')).toBe('219');

  // The import is one step of the history: one action undoes it, and the undo is stored.
  await alice.goto('./index.html#/data');
  await new AppPage(alice).waitReady();
  alice.once('dialog', (dialog) => dialog.accept());
  await alice.getByTestId('undo-import').click();
  await expect(alice.getByTestId('import-outcome')).toContainText('已撤销');
  expect(await cellText(alice, '2016')).toBe('371');
  expect(await cellText(alice, '2012')).toBe('218');
  await new AppPage(alice).waitSaved();
  await alice.reload();
  expect(await cellText(alice, '2016')).toBe('371');
  expect(await cellText(alice, '2012')).toBe('218');

  // Merged again, it stays after a reload.
  await openFile(alice, reply);
  await alice.getByTestId('conflict').getByTestId('take-theirs').check();
  await alice.getByTestId('apply-import').click();
  await expect(alice.getByTestId('import-outcome')).toContainText('已导入');
  await new AppPage(alice).waitSaved();
  await alice.reload();
  expect(await cellText(alice, '2016')).toBe('372');
  expect(await cellText(alice, '2012')).toBe('219');
  const years = await columnYears(alice);
  expect(years).toContain('2017');
  expect(years).toContain('2018');
});

test('a bad file leaves the stored ledger exactly as it was', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/data');
  const before = await exportLedger(page);
  await openFile(page, { name: 'cut.json', text: before.text.slice(0, 2000) });
  await expect(new DataPage(page).fileProblems).toContainText('不是 JSON 文件');
  const newer = JSON.parse(before.text);
  newer.format_version = 9;
  newer.monthly_reports = [{ id: 'm-1', project: 'p-1', month: '2016-10' }];
  await openFile(page, { name: 'newer.json', text: JSON.stringify(newer) });
  await expect(page.getByTestId('read-only-message')).toContainText('更新版本');
  await expect(page.getByTestId('read-only-view')).toContainText('固定资产投资额');
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
  await page.getByTestId('close-read-only').click();
  await openFile(page, { name: 'other.json', text: JSON.stringify({ type: 'excalidraw', elements: [] }) });
  await expect(new DataPage(page).fileProblems).toContainText('不是台账文件');
  const after = await exportLedger(page);
  const strip = (t: string) => {
    const j = JSON.parse(t);
    delete j.export;
    delete j.checksum;
    delete j.dataset.lineage;
    return JSON.stringify(j);
  };
  expect(strip(after.text)).toBe(strip(before.text));
});

test('a selection of work areas and periods exports as a valid partial ledger', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/data');
  await page.getByTestId('export-selection').locator('summary').click();
  const boxes = page.getByTestId('export-area');
  await expect(boxes).toHaveCount(8);
  for (const box of await boxes.all()) {
    if ((await box.getAttribute('data-area')) !== 'area-key-projects') await box.uncheck();
  }
  await page.getByTestId('export-from').fill('2014年13月');
  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-error')).toContainText('月份 13 不存在');

  await page.getByTestId('export-from').fill('2014');
  await page.getByTestId('export-to').fill('2015');
  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const json = JSON.parse(require('fs').readFileSync(await (await download).path(), 'utf8'));
  expect(json.areas.map((a: { id: string }) => a.id)).toEqual(['area-key-projects']);
  expect(json.indicators.every((i: { area: string }) => i.area === 'area-key-projects')).toBe(true);
  const periods = new Set(json.values.map((v: { period: string }) => v.period));
  expect([...periods].sort()).toEqual(['2014', '2015']);
  expect(json.values.length).toBe(9); // 19, 16 projects; 143, 107 sub-projects; 68.8, 60.85 亿元; 10, 4, 6 municipal in 2014
});

test('a large file is read in slices with progress shown, then replaces the ledger', async ({ page }) => {
  const app = new AppPage(page);
  const data = new DataPage(page);
  await app.open('#/data');
  // 3,000 indicators × 20 years = 60,000 figures, about 12 MB.
  const file = {
    type: 'taizhang',
    format_version: 1,
    dataset: { id: 'ds-large', name: '大台账', document_date: '2026-12-31' },
    areas: [{ id: 'a', name: '测试', order: 1 }],
    units: [{ id: 'u', symbol: '万元', dimension: 'money', factor: '10000' }],
    indicators: [] as object[],
    values: [] as object[],
  };
  for (let i = 0; i < 3000; i++) {
    file.indicators.push({ id: `i-${i}`, area: 'a', name: `指标 ${i}`, unit: 'u', order: i });
    for (let y = 2007; y < 2027; y++) {
      file.values.push({ id: `v-${i}-${y}`, indicator: `i-${i}`, period: String(y), amount: String(i + y), source: `${y}年指标 ${i}` });
    }
  }
  page.once('dialog', (dialog) => dialog.accept());
  await data.openFile.setInputFiles({ name: 'large.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await expect(page.getByTestId('import-reading')).toContainText('/ 63002', { timeout: 20_000 });
  await expect(data.count('values')).toHaveText('60000', { timeout: 60_000 });
  await expect(page.getByTestId('import-reading')).toHaveCount(0);
  // Stored, it is read back in slices too when the page opens again.
  await expect(app.saveStatus).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
  await app.reload();
  await expect(data.count('values')).toHaveText('60000', { timeout: 60_000 });
  await expect(data.count('indicators')).toHaveText('3000');
});

test('a merge the ledger cannot take whole says how many records it refuses, and all or nothing imports none', async ({ browser }) => {
  const alice = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  const bob = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  for (const page of [alice, bob]) {
    await page.goto('./index.html#/');
    await new AppPage(page).waitReady();
  }
  const first = await exportLedger(alice);
  await openFile(bob, first);
  await bob.getByTestId('apply-import').click();
  await expect(bob.getByTestId('import-outcome')).toContainText('已导入');

  // Bob adds a 2017 figure to 获中央预算内投资补助; Alice meanwhile deletes that indicator.
  await addColumn(bob, '2017年');
  const bobLedger = new IndicatorsPage(bob);
  await bobLedger.typeInto(bobLedger.cell('ind-central-subsidy', '2017'), '6000');
  await expect(bobLedger.cell('ind-central-subsidy', '2017')).toHaveText('6,000');
  await new AppPage(bob).waitSaved();
  const reply = await exportLedger(bob);

  await alice.goto('./index.html#/indicators/area-investment');
  await new AppPage(alice).waitReady();
  const row = new IndicatorsPage(alice).rowByName('获中央预算内投资补助');
  alice.once('dialog', (dialog) => dialog.accept());
  await row.getByTestId('delete-indicator').click();
  await expect(row).toHaveCount(0);
  await new AppPage(alice).waitSaved();

  await openFile(alice, reply);
  await expect(alice.getByTestId('import-preview')).toBeVisible();
  await expect(alice.getByTestId('import-rejected')).toHaveText('以下数量的记录无法并入(如对方给已删除指标新增的数值),应用后会列出: 1');
  await alice.getByTestId('import-all-or-nothing').check();
  for (const keep of await alice.getByTestId('keep-mine').all()) await keep.check();
  await alice.getByTestId('apply-import').click();
  await expect(alice.getByTestId('file-problems')).toHaveText('未导入:有 1 条记录无法并入本台账(已选择“全部或全不”)');
  // Nothing changed: the indicator is still deleted and no 2017 column came in.
  expect(await columnYears(alice)).not.toContain('2017');

  await openFile(alice, reply);
  for (const keep of await alice.getByTestId('keep-mine').all()) await keep.check();
  await alice.getByTestId('apply-import').click();
  await expect(alice.getByTestId('import-outcome')).toContainText('已导入');
  await expect(alice.getByTestId('import-outcome')).toContainText('未能并入');
  await new AppPage(alice).waitSaved();
  await alice.reload();
  await expect(new IndicatorsPage(alice).rowByName('获中央预算内投资补助')).toHaveCount(0);
});
