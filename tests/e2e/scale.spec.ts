import { test, expect } from '@playwright/test';
import { AppPage, DataPage } from './pages';

// The city-scale demo ledger, generated in the page: a user tries the project pages at scale
// without a command line. Replacing the ledger asks first and is one undoable step.
test('the city-scale demo data replaces the ledger after asking, is stored, and can be undone', async ({ page }) => {
  test.setTimeout(240_000);
  const app = new AppPage(page);
  const data = new DataPage(page);
  await page.goto('./index.html#/data');
  await app.waitReady();
  await expect(data.count('values')).toHaveText('163');

  // Declined: nothing changes.
  page.once('dialog', (dialog) => dialog.dismiss());
  await page.getByTestId('load-demo').click();
  await expect(data.count('values')).toHaveText('163');

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByTestId('load-demo').click();
  await expect(data.count('projects')).toHaveText('5000', { timeout: 60_000 });
  await expect(data.count('progress_reports')).toHaveText('180000');
  await expect(data.count('supervision_items')).toHaveText('2000');
  await expect(data.count('approvals')).toHaveText('40000');
  await expect(data.count('values')).toHaveText('10000');
  await expect(page.getByTestId('dataset-name')).toHaveText('模拟数据(城市规模:5,000 个项目)');

  // One step: undone, the sample is back; redone, the demo again.
  await page.locator('body').click();
  await page.keyboard.press('Control+z');
  await expect(data.count('values')).toHaveText('163', { timeout: 60_000 });
  await page.keyboard.press('Control+y');
  await expect(data.count('projects')).toHaveText('5000', { timeout: 60_000 });
  await app.waitSaved();

  // Stored: after a reload the project list holds the 5,000.
  await page.goto('./index.html#/projects');
  await page.reload();
  await app.waitReady();
  await expect(page.getByTestId('project-count')).toContainText('共 5000 个项目', { timeout: 60_000 });
});
