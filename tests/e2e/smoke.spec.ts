import { test, expect } from '@playwright/test';
import { collectCspViolations, collectExternalRequests } from './support';

type Probe = { __wasmStarted?: boolean; __cspViolations?: string[]; echarts?: unknown };

test('page loads: title, ECharts, wasm started, no CSP violation, no external request', async ({ page }) => {
  const external = collectExternalRequests(page);
  const { csp, pageErrors } = collectCspViolations(page);
  // Init scripts are injected by the DevTools protocol, so the page's CSP does not apply to them.
  await page.addInitScript(() => {
    const w = window as unknown as Probe;
    w.__cspViolations = [];
    // trunk's start-up script fires this once the wasm is initialised.
    addEventListener('TrunkApplicationStarted', () => (w.__wasmStarted = true));
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__cspViolations!.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });

  await page.goto('./');

  await expect(page).toHaveTitle(/台账/);
  expect(await page.evaluate(() => typeof (window as unknown as Probe).echarts)).toBe('object');
  // Fails here (after 20 s) if the CSP blocks trunk's start-up script or the wasm does not load.
  await page.waitForFunction(() => (window as unknown as Probe).__wasmStarted === true, undefined, {
    timeout: 20_000,
  });
  await page.waitForLoadState('networkidle');

  expect(await page.evaluate(() => (window as unknown as Probe).__cspViolations)).toEqual([]);
  expect(csp, 'CSP messages in the console').toEqual([]);
  expect(pageErrors, 'uncaught page errors').toEqual([]);
  expect(external, 'requests leaving the origin').toEqual([]);
});
