import { test, expect } from '@playwright/test';
import { readFileSync } from 'fs';
import { execFileSync } from 'child_process';
import { AppPage, IndicatorsPage } from './pages';

/** The text of each page of a PDF, through pdf.js. */
async function pdfPages(pdf: Buffer): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  return pages;
}

test('工作总结 is drafted from the ledger, follows an edit, prints on A4 with page numbers and downloads as Markdown', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/');
  await page.getByTestId('nav-report').click();
  await expect(page.getByTestId('report-title')).toHaveText('2012—2016年工作总结');
  const paragraphs = page.getByTestId('report-paragraph');
  await expect(paragraphs.filter({ hasText: '获中央预算内投资补助8300万元' })).toHaveText(
    '2016年获中央预算内投资补助8300万元,比上年增长83.1%。',
  );
  await expect(paragraphs.filter({ hasText: '固定资产投资额370亿元' })).toHaveText(
    '2016年固定资产投资额370亿元,是2012年的1.7倍;2012—2016年累计1485亿元。',
  );
  await expect(page.getByTestId('report-gap')).toHaveCount(0);
  // Charts after their paragraphs, drawn as images for print.
  await expect(page.getByTestId('chart-image').first()).toHaveAttribute('src', /^data:image\/png;base64,/);

  // The figures are bound: an edit in the ledger is in the report at once.
  const ledger = new IndicatorsPage(page);
  await page.goto('./index.html#/indicators/area-investment');
  await ledger.typeInto(ledger.cell('ind-central-subsidy', '2016'), '9066');
  await expect(ledger.cell('ind-central-subsidy', '2016')).toHaveText('9,066');
  await page.getByTestId('nav-report').click();
  await expect(paragraphs.filter({ hasText: '获中央预算内投资补助9066万元' })).toHaveText(
    '2016年获中央预算内投资补助9066万元,是上年的2倍。',
  );

  // Printed to PDF in headless Chromium: A4 pages, the title on the first, page numbers, the text.
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  const pages = await pdfPages(pdf);
  expect(pages.length).toBeGreaterThan(5);
  expect(pages[0]).toContain('2012—2016年工作总结');
  expect(pages[0]).toContain('一、2012—2016年主要工作');
  expect(pages[0]).toContain('(一)规划');
  expect(pages[0]).toContain('1.“十三五”重大项目库总投资');
  expect(pages[0]).toContain('— 1 —');
  expect(pages[pages.length - 1]).toContain(`— ${pages.length} —`);
  expect(pages.join('')).toContain('是上年的2倍');
  // Nothing of the app's screen around it is printed.
  expect(pages[0]).not.toContain('数据核对');

  // Markdown, downloaded.
  const download = page.waitForEvent('download');
  await page.getByTestId('report-download-md').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('2012—2016年工作总结.md');
  const markdown = readFileSync(await file.path(), 'utf8');
  expect(markdown.startsWith('# 2012—2016年工作总结\n\n## 一、2012—2016年主要工作\n\n### (一)规划\n')).toBe(true);
  // The page's table: a year the ledger lacks is a row saying so.
  expect(markdown).toContain('| 2013年 |  | 台账中没有该期数值 |');
  expect(markdown).toContain('2016年获中央预算内投资补助9066万元,是上年的2倍。');
  // Copied as Markdown: the same text on the clipboard, and the page says so.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('report-copy-md').click();
  await expect(page.getByTestId('report-notice')).toHaveText('已复制为 Markdown');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(markdown);

  // Word: the same text, real tables and the charts as drawn on the page (read with Python's
  // zipfile, as Word or WPS would unpack it).
  const word = page.waitForEvent('download');
  await page.getByTestId('report-download-docx').click();
  const docx = await word;
  expect(docx.suggestedFilename()).toBe('2012—2016年工作总结.docx');
  const parts = JSON.parse(
    execFileSync('python3', [
      '-c',
      'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({"names": z.namelist(), "document": z.read("word/document.xml").decode()}))',
      await docx.path(),
    ]).toString(),
  );
  const charts = await page.getByTestId('chart-image').count();
  expect(parts.names.filter((n: string) => n.startsWith('word/media/'))).toHaveLength(charts);
  expect(parts.document).toContain('2016年获中央预算内投资补助9066万元,是上年的2倍。');
  expect(parts.document).toContain('<w:tblHeader/>');
  expect(parts.document).toContain('(二)固定资产投资');
  expect(parts.document).toContain('<w:pStyle w:val="Heading3"/>');
});

test('the work summary drafts in English with the same figures, and a deleted figure drops its comparison rather than printing 0', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/report');
  await app.langSwitch.click();
  await expect(page.getByTestId('report-title')).toHaveText('Work summary 2012–2016');
  await expect(
    page.getByTestId('report-paragraph').filter({ hasText: 'Central-budget investment subsidies received' }),
  ).toContainText('83 million yuan in 2016, up 83.1 % on the year before.');
  await app.langSwitch.click();

  // Deleting the 2012 figure that a comparison and a table use: the report says what is missing
  // rather than printing 0.
  const ledger = new IndicatorsPage(page);
  await page.goto('./index.html#/indicators/area-investment');
  await ledger.typeInto(ledger.cell('ind-fai-total', '2012'), '');
  await page.getByTestId('nav-report').click();
  await expect(page.getByTestId('report-paragraph').filter({ hasText: '固定资产投资额370亿元' })).toHaveText(
    '2016年固定资产投资额370亿元;2012—2016年累计1485亿元。',
  );
});

test('a summary kept in the ledger is edited with figures as chips, searched and inserted, undone, and kept across a reload', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/report');
  await page.getByTestId('report-keep').click();
  await expect(page).toHaveURL(/#\/report\/[a-z0-9-]+$/);
  await expect(page.getByTestId('report-title')).toHaveText('2012—2016年工作总结');

  await page.getByTestId('summary-edit').click();
  // Beside the editor on a wide screen, the preview follows each keystroke.
  const editorBox = await page.getByTestId('summary-editor').boundingBox();
  const previewBox = await page.getByTestId('report').boundingBox();
  expect(editorBox!.x + editorBox!.width).toBeLessThanOrEqual(previewBox!.x);
  expect(previewBox!.y).toBeLessThan(editorBox!.y + editorBox!.height);
  const title = page.getByTestId('summary-title');
  await title.fill('鹿城区发改局2016年工作总结');
  await expect(page.getByTestId('report-title')).toHaveText('鹿城区发改局2016年工作总结');
  const subsidy = page
    .getByTestId('summary-paragraph')
    .filter({ has: page.getByTestId('summary-chip').filter({ hasText: '8300万元' }) });
  await expect(subsidy.getByTestId('summary-chip')).toHaveText(['8300万元×', '比上年增长83.1%×']);
  const prose = subsidy.getByTestId('summary-text').first();
  await prose.fill('今年获得中央预算内投资补助');
  await expect(page.getByTestId('report-paragraph').filter({ hasText: '今年获得中央预算内投资补助' })).toHaveText(
    '今年获得中央预算内投资补助8300万元,比上年增长83.1%。',
  );
  // Insert a figure by searching the indicators and picking a period.
  await subsidy.getByTestId('summary-search').fill('固定资产投资额');
  await subsidy.locator('[data-testid="summary-insert"][data-period="2016"]').click();
  await expect(subsidy.getByTestId('summary-chip')).toHaveText(['8300万元×', '比上年增长83.1%×', '370亿元×']);
  // A change and a rank are tokens too: removed again, the paragraph is as before.
  await subsidy.getByTestId('summary-search').fill('固定资产投资额');
  await subsidy.locator('[data-testid="summary-insert-growth"][data-period="2016"]').click();
  await subsidy.getByTestId('summary-search').fill('固定资产投资额');
  await subsidy.locator('[data-testid="summary-insert-rank"][data-period="2016"]').click();
  await expect(subsidy.getByTestId('summary-chip')).toHaveText([
    '8300万元×',
    '比上年增长83.1%×',
    '370亿元×',
    '是2012年的1.7倍×',
    '居2012年至2016年2个同期数中第1位×',
  ]);
  await subsidy.getByTestId('summary-chip-remove').last().click();
  await subsidy.getByTestId('summary-chip-remove').last().click();
  await expect(subsidy.getByTestId('summary-chip')).toHaveCount(3);
  // Growth a year, a total and a share (its whole picked by a second search) are offered too.
  await subsidy.getByTestId('summary-search').fill('获中央预算内投资补助');
  await subsidy.locator('[data-testid="summary-insert-cagr"][data-period="2016"]').click();
  await subsidy.getByTestId('summary-search').fill('获中央预算内投资补助');
  await subsidy.locator('[data-testid="summary-insert-cumulative"][data-period="2016"]').click();
  await subsidy.getByTestId('summary-search').fill('获中央预算内投资补助');
  await subsidy.locator('[data-testid="summary-insert-share"][data-period="2016"]').click();
  await expect(subsidy.getByTestId('summary-share-whole')).toBeVisible();
  await subsidy.getByTestId('summary-search').fill('固定资产投资额');
  await subsidy.locator('[data-testid="summary-insert"][data-period="2016"]').click();
  await expect(subsidy.getByTestId('summary-chip')).toHaveText([
    '8300万元×',
    '比上年增长83.1%×',
    '370亿元×',
    '年均增长34.3%×',
    '约24484万元×',
    '占2016年固定资产投资额的0.2%×',
  ]);
  for (let n = 0; n < 3; n++) await subsidy.getByTestId('summary-chip-remove').last().click();
  await expect(subsidy.getByTestId('summary-chip')).toHaveCount(3);
  // The preview beside follows the working copy.
  await expect(page.getByTestId('report-title')).toHaveText('鹿城区发改局2016年工作总结');
  await page.getByTestId('summary-save').click();
  const paragraph = page.getByTestId('report-paragraph').filter({ hasText: '今年获得中央预算内投资补助' });
  await expect(paragraph).toHaveText('今年获得中央预算内投资补助8300万元,比上年增长83.1%。370亿元');

  // One undoable step.
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('report-title')).toHaveText('2012—2016年工作总结');
  await page.getByTestId('redo').click();
  await expect(page.getByTestId('report-title')).toHaveText('鹿城区发改局2016年工作总结');
  await app.waitSaved();
  await app.reload();
  await expect(page.getByTestId('report-title')).toHaveText('鹿城区发改局2016年工作总结');
  await expect(paragraph).toHaveText('今年获得中央预算内投资补助8300万元,比上年增长83.1%。370亿元');

  // A figure the ledger loses is a marked gap, listed first — on paper too.
  const kept = page.url();
  const ledger = new IndicatorsPage(page);
  await page.goto('./index.html#/indicators/area-investment');
  await ledger.typeInto(ledger.cell('ind-fai-total', '2016'), '');
  await page.goto(kept);
  await expect(paragraph).toHaveText(
    '今年获得中央预算内投资补助8300万元,比上年增长83.1%。【缺:台账中没有2016年固定资产投资额】',
  );
  await expect(page.getByTestId('report').getByTestId('report-gaps')).toContainText('台账中没有2016年固定资产投资额');
  const printed = await pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  const gapsAt = printed[0].indexOf('以下数字台账中没有');
  expect(gapsAt).toBeGreaterThanOrEqual(0);
  expect(gapsAt).toBeLessThan(printed[0].indexOf('鹿城区发改局2016年工作总结'));

  // The chart and table of a deleted indicator: the gap in their place and in the list, not a
  // blank chart over a header-only table.
  await page.goto('./index.html#/indicators/area-investment');
  page.once('dialog', (dialog) => dialog.accept());
  await ledger.rowByName('获中央预算内投资补助').getByTestId('delete-indicator').click();
  await expect(ledger.rowByName('获中央预算内投资补助')).toHaveCount(0);
  await page.goto(kept);
  await expect(page.locator('.report-figures[data-indicator="ind-central-subsidy"]')).toHaveCount(0);
  await expect(page.locator('.report-figures-gap')).toHaveText('【缺:所指的指标已不存在(ind-central-subsidy)】');
  await expect(page.getByTestId('report-gaps')).toContainText('所指的指标已不存在(ind-central-subsidy)');

  // Listed on the draft page, and deleted from there.
  await page.goto('./index.html#/report');
  await expect(page.getByTestId('report-saved-item')).toHaveText(['鹿城区发改局2016年工作总结 删除']);
  await page.getByTestId('report-saved-delete').click();
  await expect(page.getByTestId('report-saved-item')).toHaveCount(0);
});
