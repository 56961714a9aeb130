import { test, expect } from '@playwright/test';
import { AppPage, IndicatorsPage } from './pages';
import { collectExternalRequests } from './support';

test('the built app works from a sub-path of a plain static host, deep links included', async ({ page }) => {
  const base = process.env.E2E_SUBPATH_URL;
  if (!base) throw new Error('E2E_SUBPATH_URL is set by playwright.config.ts');
  const external = collectExternalRequests(page);
  const app = new AppPage(page);
  // A deep link straight to one work area's table: the hash carries the page, so the host
  // never sees a path it would have to rewrite.
  await page.goto(`${base}index.html#/indicators/area-services`);
  await app.waitReady();
  const ledger = new IndicatorsPage(page);
  await expect(ledger.cell('ind-service-value-added', '2016-YTD9')).toHaveText('464.2');
  await expect(ledger.areaTabs.filter({ hasText: '服务业' })).toHaveClass(/active/);
  // The directory URL itself serves the app too (and returns to the last page visited).
  await page.goto(base);
  await app.waitReady();
  await expect(page).toHaveURL(/#\/indicators\/area-services$/);
  await expect(page.getByTestId('ledger-table')).toBeVisible();
  await page.goto(`${base}#/`);
  await expect(page.getByTestId('headline').first()).toBeVisible();
  expect(external).toEqual([]);
});
