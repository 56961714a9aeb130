// End-to-end tests: headless Debian chromium (apt `chromium`; Playwright's own browser download
// does not work on this network) against the built dist/ served by a plain static server, the
// way an intranet host serves it. Build first: scripts/build.sh (scripts/test.sh does both).
import { defineConfig } from '@playwright/test';

import * as path from 'path';

const port = Number(process.env.E2E_PORT ?? 4173);
const origin = `http://127.0.0.1:${port}`;
const dist = path.resolve(process.env.E2E_DIST ?? 'dist');
// A second host serves the folder above dist/, so the app lives under a sub-path
// (/<dist folder name>/), as on an intranet server that hosts several apps.
const subPathPort = port + 1;
export const subPathUrl = `http://127.0.0.1:${subPathPort}/${path.basename(dist)}/`;
process.env.E2E_SUBPATH_URL = subPathUrl;

export default defineConfig({
  testDir: 'tests/e2e',
  // 2-core machine: one browser at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // A focused test (test.only) fails the run everywhere, not only on CI.
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results/artifacts',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    // 127.0.0.1 is a secure context: service workers, persist() and the clipboard work.
    baseURL: `${origin}/`,
    locale: 'zh-CN',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  },
  webServer: [
    {
      // No rewrite of unknown paths to index.html, no injected scripts: a real static host.
      command: `python3 -m http.server ${port} --bind 127.0.0.1 --directory ${dist}`,
      url: `${origin}/index.html`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'ignore',
    },
    {
      command: `python3 -m http.server ${subPathPort} --bind 127.0.0.1 --directory ${path.dirname(dist)}`,
      url: `${subPathUrl}index.html`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'ignore',
    },
  ],
});
