// The English UI is English: every page of a ledger started in English, the import preview of
// a file and its outcome hold no Chinese but the user's own data (unit symbols, which a bureau
// keeps as written, and the names it typed).
import { test, expect, type Page } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { AppPage, DataPage } from './pages';

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/g;

/** The sample's unit symbols and work-area names: data the user may keep in Chinese. */
function dataWords(): string[] {
  const sample = JSON.parse(fs.readFileSync(path.join(__dirname, '../../public/samples/lucheng-2012-2016.json'), 'utf8'));
  const words: string[] = [...sample.units.map((u: any) => u.symbol), ...sample.areas.map((a: any) => a.name)];
  // Longest first, so 万元 goes before 元.
  return words.sort((a, b) => b.length - a.length);
}

/** The page's text without the language switch's own name (中文) and the user's data. */
async function chrome(page: Page, extra: string[] = []): Promise<string> {
  const shown = await page.locator('body').innerText();
  return [...extra, ...dataWords(), '中文'].reduce((text, word) => text.split(word).join(''), shown);
}

const ROUTES = [
  '#/', '#/indicators', '#/data', '#/checks', '#/report', '#/projects', '#/projects/stats', '#/projects/map',
  '#/projects/supervision', '#/projects/bulletins', '#/projects/deadlines', '#/projects/meetings', '#/projects/new',
];

test('in English every page of a ledger started in English, and the import preview, show no Chinese but the data', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/');
  await app.langSwitch.click();
  app.acceptNextDialog();
  await page.getByTestId('welcome-start-empty').click();
  await expect(page.getByTestId('dashboard-as-of-date')).toContainText('as of');
  for (const route of ROUTES) {
    await page.goto(`./index.html${route}`);
    await app.waitReady();
    const text = await chrome(page);
    expect(text.match(CJK), `${route}: ${text}`).toBeNull();
  }

  // An indicator with a figure, exported and opened again: the preview and its outcome.
  await page.goto('./index.html#/data');
  await app.waitReady();
  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const file = await (await download).path();
  await new DataPage(page).openFile.setInputFiles(file);
  await expect(page.getByTestId('import-preview')).toBeVisible();
  let text = await chrome(page);
  expect(text.match(CJK), `import preview: ${text}`).toBeNull();
  await page.getByTestId('apply-import').click();
  await expect(page.getByTestId('import-outcome')).toContainText('Imported');
  text = await chrome(page);
  expect(text.match(CJK), `import outcome: ${text}`).toBeNull();
});
