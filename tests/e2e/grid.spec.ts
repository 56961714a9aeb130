// Entering figures as a clerk does, on the sample's 重点项目建设 table: many cells in a row,
// with the mouse and with the keyboard alone, and blocks pasted from a spreadsheet.
import { test, expect, type Page } from '@playwright/test';
import { AppPage, IndicatorsPage } from './pages';

const AREA = '#/indicators/area-key-projects';
const COUNT = 'ind-key-projects-count';
const SUBPROJECTS = 'ind-key-projects-subprojects';
const INVESTMENT = 'ind-key-projects-planned-investment';
const MUNICIPAL = 'ind-key-projects-municipal';
const MUNICIPAL_NEW = 'ind-key-projects-municipal-new';

/** Console errors and uncaught page errors (a Rust panic shows as both). */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  return errors;
}

test('ten cells clicked, typed and entered in a row without waiting are all stored', async ({ page }) => {
  const errors = collectErrors(page);
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  await app.open(AREA);

  const cells: [string, string, string][] = [
    [SUBPROJECTS, '2012', '11'],
    [SUBPROJECTS, '2013', '12'],
    [SUBPROJECTS, '2016', '13'],
    [MUNICIPAL, '2012', '14'],
    [MUNICIPAL, '2013', '15'],
    [MUNICIPAL, '2015', '16'],
    [MUNICIPAL_NEW, '2012', '17'],
    [MUNICIPAL_NEW, '2013', '18'],
    [MUNICIPAL_NEW, '2015', '19'],
    [MUNICIPAL_NEW, '2016', '20'],
  ];
  for (const [indicator, period, figure] of cells) {
    await ledger.cell(indicator, period).click();
    await page.keyboard.type(figure);
    await page.keyboard.press('Enter');
  }
  for (const [indicator, period, figure] of cells) {
    await expect(ledger.cell(indicator, period)).toHaveText(figure);
  }
  await app.waitSaved();
  await app.reload();
  for (const [indicator, period, figure] of cells) {
    await expect(ledger.cell(indicator, period)).toHaveText(figure);
  }
  expect(errors).toEqual([]);
});

test('the keyboard moves and saves like Excel: Enter down, Tab right, arrows, Esc, F2 and Delete', async ({ page }) => {
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  await app.open(AREA);

  // One click to start, then the keyboard alone.
  await ledger.cell(COUNT, '2012').click();
  await ledger.expectCursorAt(COUNT, '2012');
  // Typing replaces the figure; Enter saves and moves down.
  await page.keyboard.type('43');
  await page.keyboard.press('Enter');
  await ledger.expectCursorAt(SUBPROJECTS, '2012');
  // Tab saves and moves right; Shift+Tab goes back; Shift+Enter goes up.
  await page.keyboard.type('140');
  await page.keyboard.press('Tab');
  await ledger.expectCursorAt(SUBPROJECTS, '2013');
  await page.keyboard.press('Shift+Tab');
  await ledger.expectCursorAt(SUBPROJECTS, '2012');
  await page.keyboard.press('Shift+Enter');
  await ledger.expectCursorAt(COUNT, '2012');
  // Arrows move (and save what was typed).
  await page.keyboard.press('ArrowRight');
  await ledger.expectCursorAt(COUNT, '2013');
  await page.keyboard.type('39');
  await page.keyboard.press('ArrowDown');
  await ledger.expectCursorAt(SUBPROJECTS, '2013');
  await page.keyboard.press('ArrowUp');
  await ledger.expectCursorAt(COUNT, '2013');
  // Esc throws a change away and stays.
  await page.keyboard.type('999');
  await page.keyboard.press('Escape');
  await ledger.expectCursorAt(COUNT, '2013');
  await expect(ledger.editor).toHaveValue('39');
  // F2 edits in place: the caret goes to the end of the figure.
  await page.keyboard.press('ArrowRight');
  await ledger.expectCursorAt(COUNT, '2014');
  await page.keyboard.press('F2');
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  await expect(ledger.cell(COUNT, '2014')).toHaveText('190');
  // Delete clears the figure as one undoable edit.
  await page.keyboard.press('ArrowUp');
  await ledger.expectCursorAt(COUNT, '2014');
  await page.keyboard.press('Delete');
  await expect(ledger.cell(COUNT, '2014')).toHaveText('');
  await page.keyboard.press('Control+z');
  await expect(ledger.cell(COUNT, '2014')).toHaveText('190');

  // Tab along the whole row wraps to the next row; focus never leaves the grid for a button.
  await ledger.cell(COUNT, '2016').click();
  for (let i = 0; i < 20; i += 1) {
    await page.keyboard.press('Tab');
    const inGrid = await page.evaluate(() => !!document.activeElement?.closest('[data-grid]'));
    expect(inGrid).toBe(true);
  }
  await page.keyboard.press('Enter');
  expect(dialogs).toBe(0);

  await expect(ledger.cell(COUNT, '2012')).toHaveText('43');
  await expect(ledger.cell(SUBPROJECTS, '2012')).toHaveText('140');
  await expect(ledger.cell(COUNT, '2013')).toHaveText('39');
  await app.waitSaved();
  await app.reload();
  await expect(ledger.cell(COUNT, '2012')).toHaveText('43');
  await expect(ledger.cell(SUBPROJECTS, '2012')).toHaveText('140');
  await expect(ledger.cell(COUNT, '2013')).toHaveText('39');
  await expect(ledger.cell(COUNT, '2014')).toHaveText('190');
});

test('a refused figure keeps the cursor and its message at the cell until corrected', async ({ page }) => {
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  await app.open(AREA);

  const cell = ledger.cell(COUNT, '2012');
  await cell.click();
  await page.keyboard.type('352 370');
  await page.keyboard.press('Enter');
  await expect(ledger.cellError(cell)).toContainText('数字之间有空格');
  await ledger.expectCursorAt(COUNT, '2012');
  // Another cell cannot take the cursor while this one holds a refused figure.
  await ledger.cell(COUNT, '2013').click();
  await ledger.expectCursorAt(COUNT, '2012');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('1,2,3');
  await page.keyboard.press('Enter');
  await expect(ledger.cellError(cell)).toContainText('千位分隔符位置不对');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('1,338');
  await page.keyboard.press('Enter');
  await expect(ledger.cellError(cell)).toHaveCount(0);
  await expect(cell).toHaveText('1,338');
  await app.waitSaved();
  await app.reload();
  await expect(ledger.cell(COUNT, '2012')).toHaveText('1,338');
  // The grid reads with separators; the edit box holds the plain number, which parses back.
  await ledger.cell(COUNT, '2012').click();
  await ledger.expectEditorOver(ledger.cell(COUNT, '2012'));
  await expect(ledger.editor).toHaveValue('1338');
  // Several figures typed with Chinese punctuation are never joined into one.
  await page.keyboard.type('352，370');
  await page.keyboard.press('Enter');
  await expect(ledger.cellError(ledger.cell(COUNT, '2012'))).toContainText('是 2 个数');
  await page.keyboard.press('Escape');
  await expect(ledger.cell(COUNT, '2012')).toHaveText('1,338');
});

test('a 3×2 block pasted from Excel fills the cells right and below as one undoable edit', async ({ page }) => {
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  await app.open(AREA);

  await ledger.cell(COUNT, '2013').click();
  await ledger.paste('39\t20\t17\r\n110\t140\t108\r\n');
  await expect(ledger.pasteNotice).toContainText('已粘贴 6 个单元格');
  const expected: [string, string, string][] = [
    [COUNT, '2013', '39'],
    [COUNT, '2014', '20'],
    [COUNT, '2015', '17'],
    [SUBPROJECTS, '2013', '110'],
    [SUBPROJECTS, '2014', '140'],
    [SUBPROJECTS, '2015', '108'],
  ];
  for (const [indicator, period, figure] of expected) {
    await expect(ledger.cell(indicator, period)).toHaveText(figure);
  }
  // One undo takes the whole block back, and redo brings it again.
  await page.getByTestId('undo').click();
  for (const [indicator, period, figure] of [
    [COUNT, '2013', '38'],
    [COUNT, '2014', '19'],
    [COUNT, '2015', '16'],
    [SUBPROJECTS, '2013', ''],
    [SUBPROJECTS, '2014', '143'],
    [SUBPROJECTS, '2015', '107'],
  ]) {
    await expect(ledger.cell(indicator, period)).toHaveText(figure);
  }
  await page.getByTestId('redo').click();
  await app.waitSaved();
  await app.reload();
  for (const [indicator, period, figure] of expected) {
    await expect(ledger.cell(indicator, period)).toHaveText(figure);
  }
});

test('a pasted block with a bad cell stores nothing and names the cell; a wider one offers new columns', async ({ page }) => {
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  await app.open(AREA);

  // A pasted row in one cell is several cells, never one glued number.
  await ledger.cell(INVESTMENT, '2012').click();
  await ledger.paste('81.72\tabc\t68.8\n1\t2\t3');
  await expect(ledger.pasteNotice).toContainText('未粘贴任何数值:1 个单元格无法读取');
  await expect(ledger.pasteNotice).toContainText('重点建设项目计划投资 · 2013年:“abc”不是数值');
  await expect(ledger.cell(MUNICIPAL, '2012')).toHaveText('');
  await expect(ledger.cell(INVESTMENT, '2014')).toHaveText('68.8');

  // Wider than the table: the next years are offered as columns.
  await ledger.cell(COUNT, '2016').click();
  await ledger.paste('98\t101\t105');
  await expect(ledger.pasteNotice).toContainText('粘贴的区域比表格多 2 列');
  await page.getByTestId('paste-add-columns').click();
  await expect(ledger.pasteNotice).toContainText('已粘贴 3 个单元格');
  await expect(ledger.cell(COUNT, '2016')).toHaveText('98');
  await expect(ledger.cell(COUNT, '2017')).toHaveText('101');
  await expect(ledger.cell(COUNT, '2018')).toHaveText('105');

  // Taller than the table: refused, naming how many cells did not fit.
  const lastRow = 'ind-joint-meetings-issues';
  await ledger.cell(lastRow, '2016').click();
  await ledger.paste('1\n2\n3');
  await expect(ledger.pasteNotice).toContainText('2 个单元格没有对应位置');
  await expect(ledger.cell(lastRow, '2016')).toHaveText('');

  await app.waitSaved();
  await app.reload();
  await expect(ledger.cell(COUNT, '2018')).toHaveText('105');
  await expect(ledger.cell(MUNICIPAL, '2012')).toHaveText('');
});

test('an added period column stays across tabs, reloads and undo until it is removed', async ({ page }) => {
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  await app.open(AREA);

  await ledger.addPeriod('2017年');
  const header = page.locator('th[data-testid="period-header"][data-period="2017"]');
  await expect(header).toHaveCount(1);
  await ledger.areaTabs.filter({ hasText: '服务业' }).click();
  await expect(header).toHaveCount(0);
  await ledger.areaTabs.filter({ hasText: '重点项目建设' }).click();
  await expect(header).toHaveCount(1);
  await app.waitSaved();
  await app.reload();
  await expect(header).toHaveCount(1);

  await header.getByTestId('remove-column').click();
  await expect(header).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect(header).toHaveCount(1);
  await header.getByTestId('remove-column').click();
  await app.waitSaved();
  await app.reload();
  await expect(header).toHaveCount(0);
});

test('Back during a cell edit saves the typed figure and panics nothing', async ({ page }) => {
  const errors = collectErrors(page);
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  await app.open('#/');
  await app.open(AREA);

  await ledger.cell(COUNT, '2015').click();
  await page.keyboard.type('18');
  await page.goBack();
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await page.goForward();
  await expect(ledger.cell(COUNT, '2015')).toHaveText('18');
  await app.waitSaved();
  await app.reload();
  await expect(ledger.cell(COUNT, '2015')).toHaveText('18');
  expect(errors).toEqual([]);
});

test('in English the grid speaks English: refusals at the cell and a refused paste', async ({ page }) => {
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  await app.open(AREA);
  await app.langSwitch.click();
  await expect(page.getByTestId('indicators-page').locator('p.muted').first()).toContainText('Enter figures as in Excel');

  const cell = ledger.cell(COUNT, '2012');
  await cell.click();
  await page.keyboard.type('352 370');
  await page.keyboard.press('Enter');
  await expect(ledger.cellError(cell)).toHaveText('"352 370" has a space between digits: two figures, or a stray space?');
  await page.keyboard.press('Escape');
  await ledger.paste('1\tabc');
  await expect(ledger.pasteNotice).toContainText('Nothing was pasted; cells that could not be read: 1');
  await expect(ledger.pasteNotice).toContainText('Key construction projects scheduled · 2013: "abc" is not a number');
  // No Chinese anywhere in the notice: the sample's indicators have English names too.
  expect((await ledger.pasteNotice.textContent()) ?? '').not.toMatch(/[\u4e00-\u9fff]/);
});

test('a pasted block the ledger refuses in part leaves the stored ledger byte-identical', async ({ page }) => {
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  await app.open(AREA);
  // Some history first: stamps and a counter the refused paste must not move.
  await ledger.typeInto(ledger.cell(COUNT, '2012'), '43');
  await app.waitSaved();

  const exportText = async (): Promise<string> => {
    await page.goto('./index.html#/data');
    await app.waitReady();
    const download = page.waitForEvent('download');
    await page.getByTestId('export').click();
    const text = require('fs').readFileSync(await (await download).path(), 'utf8');
    const file = JSON.parse(text);
    // The export's own description (id, time, lineage) differs by design; the ledger must not.
    delete file.export;
    delete file.checksum;
    delete file.dataset.lineage;
    return JSON.stringify(file);
  };
  const before = await exportText();

  await page.goto(`./index.html${AREA}`);
  await app.waitReady();
  // Every cell reads as a number, but the ledger refuses a negative count: all or nothing.
  await ledger.cell(COUNT, '2013').click();
  await ledger.paste('39\t20\t-5');
  await expect(ledger.pasteNotice).toContainText('-5');
  await expect(ledger.cell(COUNT, '2013')).toHaveText('38');
  await app.waitSaved();
  await app.reload();
  await expect(ledger.cell(COUNT, '2013')).toHaveText('38');

  expect(await exportText()).toBe(before);
});

test('moving the cursor past the edge of the grid brings the cell into view, its edit box over it', async ({ page }) => {
  // A short window: the grid's own box scrolls.
  await page.setViewportSize({ width: 1000, height: 300 });
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  await app.open(AREA);
  const rows = await page.getByTestId('indicator-row').evaluateAll((all) => all.map((r) => r.getAttribute('data-indicator') ?? ''));
  expect(rows.length).toBeGreaterThan(4);
  const box = page.locator('.grid-scroll');
  expect(await box.evaluate((b) => b.scrollHeight > b.clientHeight + 30)).toBe(true);
  // In view: inside the grid's box, below its sticky header row, and inside the window.
  const cursorInView = () =>
    page.evaluate(() => {
      const grid = document.querySelector('.grid-scroll')!.getBoundingClientRect();
      const header = document.querySelector('.grid-scroll thead')!.getBoundingClientRect();
      const cell = document.querySelector('td[data-testid="cell"].active')!.getBoundingClientRect();
      return cell.top >= header.bottom - 1 && cell.bottom <= grid.bottom + 1 && cell.bottom <= window.innerHeight + 1;
    });

  await ledger.cell(rows[0], '2013').click();
  for (let i = 1; i < rows.length; i++) await page.keyboard.press('ArrowDown');
  const last = rows[rows.length - 1];
  await ledger.expectCursorAt(last, '2013');
  await expect.poll(cursorInView).toBe(true);
  expect(await box.evaluate((b) => b.scrollTop)).toBeGreaterThan(0);
  await page.keyboard.type('77');
  await page.keyboard.press('Enter');
  await expect(ledger.cell(last, '2013')).toHaveText('77');

  for (let i = 1; i < rows.length; i++) await page.keyboard.press('ArrowUp');
  await ledger.expectCursorAt(rows[0], '2013');
  await expect.poll(cursorInView).toBe(true);
  await app.waitSaved();
  await app.reload();
  await expect(ledger.cell(last, '2013')).toHaveText('77');
});

test('a double click edits in place and a second click keeps the figure selected, on the one edit box', async ({ page }) => {
  const app = new AppPage(page);
  const ledger = new IndicatorsPage(page);
  await app.open(AREA);
  const cell = ledger.cell(MUNICIPAL, '2014');
  await expect(cell).toHaveText('10');

  // A double click puts the caret after the figure: typing adds to it.
  await cell.dblclick();
  await ledger.expectCursorAt(MUNICIPAL, '2014');
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(cell).toHaveText('105');
  await ledger.expectCursorAt(MUNICIPAL_NEW, '2014');

  // A click on the cell holding the cursor lands on its edit box and keeps the figure selected:
  // typing replaces it, as in a spreadsheet.
  // The cursor is there already (Enter moved it): what is under the pointer is the edit box.
  const next = ledger.cell(MUNICIPAL_NEW, '2014');
  await ledger.expectEditorOver(next);
  await ledger.editor.click();
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');
  await expect(next).toHaveText('7');
  await app.waitSaved();
  await app.reload();
  await expect(ledger.cell(MUNICIPAL, '2014')).toHaveText('105');
  await expect(ledger.cell(MUNICIPAL_NEW, '2014')).toHaveText('7');
});
