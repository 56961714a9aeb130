import { test, expect, type Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { AppPage, DataPage, IndicatorsPage } from './pages';

const fixtures = path.resolve(__dirname, '../fixtures/sheets');

/** The files inside a zip (an .xlsx), by name: enough of the format to read a workbook back. */
function unzip(buffer: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  // The end of central directory record: its offset of the central directory.
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThan(0);
  const entries = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    const method = buffer.readUInt16LE(at + 10);
    const compressed = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extra = buffer.readUInt16LE(at + 30);
    const comment = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const localName = buffer.readUInt16LE(local + 26);
    const localExtra = buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(local + 30 + localName + localExtra, local + 30 + localName + localExtra + compressed);
    files.set(name, method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

async function openData(page: Page): Promise<void> {
  await page.goto('./index.html#/data');
  await new AppPage(page).waitReady();
}

async function exportWorkbook(page: Page): Promise<{ name: string; bytes: Buffer }> {
  await openData(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('sheet-export-xlsx').click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

async function openSheet(page: Page, name: string, buffer: Buffer, mimeType = 'application/octet-stream'): Promise<void> {
  await page.getByTestId('sheet-open').setInputFiles({ name, mimeType, buffer });
  await expect(page.getByTestId('sheet-mapping')).toBeVisible({ timeout: 30_000 });
}

test('the ledger goes out as an Excel workbook a spreadsheet user reads, and comes back unchanged', async ({ page }) => {
  const workbook = await exportWorkbook(page);
  expect(workbook.name).toMatch(/\.xlsx$/);
  await expect(page.getByTestId('sheet-notice')).toContainText(workbook.name);
  const files = unzip(workbook.bytes);
  const book = files.get('xl/workbook.xml')!.toString('utf8');
  const sheets = [...book.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  expect(sheets).toEqual(['规划', '固定资产投资', '重点项目建设', '重大前期项目', '服务业', '经济监测', '改革创新', '价格管理',
    '指标信息', '数据来源', '核对关系', '单位', '项目', '月度报送', '督办事项', '工作简报', '说明']);
  // The investment sheet: frozen below its headings, the 2016 figure 370 with its unit in the
  // number format, and the source sentence as the cell's note.
  const strings = files.get('xl/sharedStrings.xml')!.toString('utf8');
  expect(strings).toContain('2016年1—10月');
  expect(strings).toContain('固定资产投资额');
  const investment = files.get('xl/worksheets/sheet2.xml')!.toString('utf8');
  expect(investment).toContain('<pane ');
  expect(investment).toMatch(/<v>370<\/v>/);
  expect(files.get('xl/styles.xml')!.toString('utf8')).toContain('0&quot;亿元&quot;');
  const notes = [...files.keys()].filter((n) => n.startsWith('xl/comments'));
  expect(notes.length).toBeGreaterThan(0);

  // Opened again on the same ledger: every sheet read, nothing to add, nothing in conflict.
  await openSheet(page, workbook.name, workbook.bytes);
  await expect(page.getByTestId('sheet-card')).toHaveCount(17);
  await expect(page.getByTestId('sheet-summary')).toHaveText('没有问题:将新增 0 条、补充 0 条,0 条与台账不一致待您决定');
  await page.getByTestId('sheet-continue').click();
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await expect(page.getByTestId('report-values')).toContainText('163');
  // The 49 relations and their source sentences came back through the 核对关系 sheet.
  await expect(page.getByTestId('report-relations')).toContainText('49');
  await expect(page.getByTestId('conflict')).toHaveCount(0);
});

test('a bureau workbook is read as corrected in the preview, merged as one step, and undone', async ({ page }) => {
  await openData(page);
  const xls = fs.readFileSync(path.join(fixtures, 'bureau.xls'));
  await openSheet(page, 'bureau.xls', xls, 'application/vnd.ms-excel');
  const card = page.getByTestId('sheet-card').first();
  // Read off the sheet: its name is the work area, the 单位 line its unit, row 3 its headings.
  await expect(card.getByTestId('sheet-role')).toHaveValue('figures');
  await expect(card.getByTestId('sheet-area')).toHaveValue('固定资产投资');
  await expect(card.getByTestId('sheet-unit')).toHaveValue('亿元');
  await expect(card.getByTestId('sheet-header-row')).toHaveValue('3');
  await expect(page.getByTestId('sheet-summary')).toHaveText('没有问题:将新增 14 条、补充 0 条,0 条与台账不一致待您决定');
  await page.getByTestId('sheet-continue').click();
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByTestId('apply-import').click();
  await expect(page.getByTestId('import-outcome')).toContainText('bureau.xls');
  await new AppPage(page).waitSaved();
  await expect(new DataPage(page).count('values')).toHaveText('171');

  // The figures are in the investment table, the 合计 row a checked relation (其中).
  await page.goto('./index.html#/indicators/area-investment');
  await new AppPage(page).waitReady();
  await expect(page.getByText('固定资产投资合计').first()).toBeVisible();
  await expect(page.getByText('301.2').first()).toBeVisible();

  // One step of the history: undone, the ledger is as before.
  await openData(page);
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByTestId('undo-import').click();
  await expect(page.getByTestId('import-outcome')).toHaveText('已撤销上次导入');
  await expect(new DataPage(page).count('values')).toHaveText('163');
});

test('a hand-typed CSV in GBK with a bad cell says where, and nothing changes', async ({ page }) => {
  await openData(page);
  const before = await new DataPage(page).count('values').textContent();
  // Saved by Excel on Chinese Windows as "CSV (逗号分隔)": GBK, no byte-order mark.
  const gbk = fs.readFileSync(path.join(fixtures, 'typed-gbk.csv'));
  await openSheet(page, '投资台账.csv', gbk, 'text/csv');
  await expect(page.getByTestId('sheet-mapping')).toContainText('GB18030');
  await expect(page.getByTestId('sheet-problem')).toHaveText(['D4:不是数值:“待定”不是数值']);
  await expect(page.getByTestId('sheet-continue')).toBeDisabled();
  // The clerk reads the bad column as not to be read: the rest is fine.
  await page.getByTestId('sheet-col').nth(3).selectOption({ label: '不读入' });
  await expect(page.getByTestId('sheet-problem')).toHaveCount(0);
  await expect(page.getByTestId('sheet-summary')).toContainText('没有问题');
  await page.getByTestId('sheet-cancel').click();
  await expect(page.getByTestId('sheet-mapping')).toHaveCount(0);
  await expect(new DataPage(page).count('values')).toHaveText(before ?? '');

  // A damaged workbook: a message naming the file, nothing opened.
  const workbook = fs.readFileSync(path.join(fixtures, 'bureau.xls'));
  await page.getByTestId('sheet-open').setInputFiles({ name: '坏文件.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.concat([Buffer.from('PK\x03\x04'), workbook.subarray(0, 200)]) });
  await expect(page.getByTestId('sheet-error')).toContainText('坏文件.xlsx: xlsx 工作簿已损坏,无法读取');
  await expect(page.getByTestId('sheet-mapping')).toHaveCount(0);
});

test('project rows copied from Excel paste into the project list as one undoable step', async ({ page }) => {
  await page.goto('./index.html#/projects');
  await new AppPage(page).waitReady();
  await expect(page.getByTestId('project-count')).toContainText('共 23 个项目');
  await page.getByTestId('project-paste-box').locator('summary').click();
  await page.getByTestId('project-paste').focus();
  const paste = (text: string) => page.evaluate((clip) => {
    const data = new DataTransfer();
    data.setData('text/plain', clip);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);

  // A row with a status the ledger does not know: named by row and column, nothing stored.
  await paste('鹿城区中心小学扩建工程\t政府投资\t区重点\t开会中\t五马街道\t12000\r\n');
  await expect(page.getByTestId('project-paste-problems')).toContainText('第1行第4列:“开会中”不是可用的状态');
  await expect(page.getByTestId('project-count')).toContainText('共 23 个项目');

  // Two rows as the list shows them (no headings): both added, the 亿元 one converted.
  await paste('鹿城区中心小学扩建工程\t政府投资\t区重点\t新开工\t五马街道\t12000\r\n七都大桥接线工程\t重点建设\t市重点\t续建\t七都街道\t3.5亿元\r\n');
  await expect(page.getByTestId('project-paste-notice')).toHaveText('已粘贴:新增 2 个项目,更新 0 个项目');
  await expect(page.getByTestId('project-count')).toContainText('共 25 个项目');
  await page.getByTestId('filter-text').fill('七都大桥接线');
  await expect(page.getByTestId('project-row')).toHaveCount(1);
  await expect(page.getByTestId('project-row')).toContainText('35,000');
  await new AppPage(page).waitSaved();

  // Ctrl+Z takes the whole paste back.
  await page.getByTestId('filter-text').fill('');
  await page.locator('body').click();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('project-count')).toContainText('共 23 个项目');
});

test('a workbook figure that differs from the ledger is a conflict the clerk decides', async ({ page }) => {
  await openData(page);
  // Named after the work area; the 2016 investment typed as 371 where the ledger has 370.
  const csv = Buffer.from('\ufeff指标,单位,2016年\r\n固定资产投资额,亿元,371\r\n', 'utf8');
  await openSheet(page, '固定资产投资.csv', csv, 'text/csv');
  await expect(page.getByTestId('sheet-area')).toHaveValue('固定资产投资');
  await expect(page.getByTestId('sheet-summary')).toHaveText('没有问题:将新增 0 条、补充 0 条,1 条与台账不一致待您决定');
  await page.getByTestId('sheet-continue').click();
  await expect(page.getByTestId('conflict')).toHaveCount(1);
  await expect(page.getByTestId('conflict-record')).toContainText('固定资产投资额');
  await expect(page.getByTestId('conflict-mine')).toContainText('370');
  await expect(page.getByTestId('conflict-theirs')).toContainText('371');
  await expect(page.getByTestId('apply-import')).toBeDisabled();
  await page.getByTestId('take-theirs').check();
  await page.getByTestId('apply-import').click();
  await expect(page.getByTestId('import-outcome')).toContainText('固定资产投资.csv');
  await new AppPage(page).waitSaved();
  await page.goto('./index.html#/indicators/area-investment');
  await new AppPage(page).waitReady();
  await expect(new IndicatorsPage(page).cell('ind-fai-total', '2016')).toHaveText('371');
});
