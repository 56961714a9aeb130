// Two tabs of one browser profile stay in step: what one stores appears in the other within a
// second, and neither overwrites what the other changed.
import { test, expect } from '@playwright/test';
import { AppPage, IndicatorsPage } from './pages';

const AREA = '#/indicators/area-investment';
const FAI = 'ind-fai-total';

test('an edit in one tab appears in the other, and edits in both tabs all survive', async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  const firstApp = new AppPage(first);
  const secondApp = new AppPage(second);
  await firstApp.open(AREA);
  await secondApp.open(AREA);
  const firstLedger = new IndicatorsPage(first);
  const secondLedger = new IndicatorsPage(second);

  // One tab types; the other shows it within a second, with no reload.
  await firstLedger.typeInto(firstLedger.cell(FAI, '2016'), '371');
  await expect(secondLedger.cell(FAI, '2016')).toHaveText('371', { timeout: 1_000 });

  // Both tabs type into different cells at once: both figures stay, in both tabs and stored.
  await firstLedger.typeInto(firstLedger.cell(FAI, '2013'), '251');
  await secondLedger.typeInto(secondLedger.cell(FAI, '2014'), '282');
  await expect(firstLedger.cell(FAI, '2014')).toHaveText('282', { timeout: 1_000 });
  await expect(secondLedger.cell(FAI, '2013')).toHaveText('251', { timeout: 1_000 });

  // The same cell in both: the later change wins everywhere.
  await firstLedger.typeInto(firstLedger.cell(FAI, '2015'), '300');
  await secondLedger.typeInto(secondLedger.cell(FAI, '2015'), '301');
  await expect(firstLedger.cell(FAI, '2015')).toHaveText('301', { timeout: 1_000 });
  await expect(secondLedger.cell(FAI, '2015')).toHaveText('301');

  await firstApp.waitSaved();
  await secondApp.waitSaved();
  await firstApp.reload();
  for (const [period, figure] of [['2016', '371'], ['2013', '251'], ['2014', '282'], ['2015', '301']]) {
    await expect(firstLedger.cell(FAI, period)).toHaveText(figure);
  }
});

test('a tab of an older version stops saving when a newer one writes, and says why', async ({ context }) => {
  const page = await context.newPage();
  const app = new AppPage(page);
  await app.open(AREA);
  // A tab of a newer app announces a write in a newer format.
  const newer = await context.newPage();
  await newer.goto('./index.html#/');
  await newer.evaluate(() => {
    const channel = new BroadcastChannel('taizhang-ledger');
    channel.postMessage(JSON.stringify({ format_version: 99, records: [], meta: false, basemap: false, everything: false }));
  });
  await expect(page.getByTestId('error-banner')).toContainText('另一个标签页正在使用更新版本', { timeout: 2_000 });
  const ledger = new IndicatorsPage(page);
  await ledger.typeInto(ledger.cell(FAI, '2016'), '999');
  await expect(ledger.cellError(ledger.cell(FAI, '2016'))).toContainText('已停止保存');
  await page.reload();
  await app.waitReady();
  await expect(ledger.cell(FAI, '2016')).toHaveText('370');
});
