// Where an import's main-thread freezes are: imports one file on #/data of a served dist/ in a
// fresh profile and prints every long task (>= 50 ms) between the file chosen and the ledger
// stored, each beside the app's own `taizhang:*` marks it falls between. A tool for finding the
// work to slice (issue 14: no freeze over 100 ms while importing), not a benchmark row.
//
//   BENCH_ORIGIN=http://127.0.0.1:PORT BENCH_LEDGER=bench-out/ledger-city.json \
//     node bench/import-tasks.mjs
//
// The confirm dialog is accepted at once; its time is marked by the app (taizhang:dialog-*).
// With BENCH_UNDO=1 it then takes the import back (撤销导入) and lists that step's long tasks
// too, until the restored ledger is stored. With BENCH_OVER=FILE that file is imported first
// (not measured), so the measured import replaces it: importing over a city-scale ledger.

import { freshProfile } from './chromium.mjs';

const ORIGIN = process.env.BENCH_ORIGIN;
const LEDGER = process.env.BENCH_LEDGER;
if (!ORIGIN || !LEDGER) {
  console.error('bench/import-tasks.mjs: set BENCH_ORIGIN and BENCH_LEDGER');
  process.exit(2);
}

function collectLongTasks() {
  // The app's wasm memory, as bench/run.mjs reads it (its size only grows: its peak).
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__wasmMemory = e.detail?.wasm?.memory ?? null;
  });
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
}

const profile = await freshProfile();
const { context, page } = profile;
try {
  page.on('dialog', (d) => d.accept());
  await context.addInitScript(collectLongTasks);
  await page.goto(`${ORIGIN}/index.html#/data`);
  await page.locator('[data-testid="count-values"]').waitFor({ timeout: 60_000 });
  if (process.env.BENCH_OVER) {
    await page.setInputFiles('[data-testid="open-file"]', process.env.BENCH_OVER);
    const until = Date.now() + 180_000;
    while (!(await page.evaluate(() => performance.getEntriesByName('taizhang:import-stored').length))) {
      if (Date.now() > until) throw new Error('the first import was not stored within 180 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    await page.waitForTimeout(2000);
  }
  await page.evaluate(() => {
    performance.clearMarks();
    window.__longTasks = [];
  });
  await page.setInputFiles('[data-testid="open-file"]', LEDGER);
  const deadline = Date.now() + 180_000;
  for (;;) {
    const done = await page.evaluate(() => performance.getEntriesByName('taizhang:import-stored').length);
    if (done) break;
    if (Date.now() > deadline) throw new Error('no taizhang:import-stored within 180 s');
    await new Promise((r) => setTimeout(r, 50));
  }
  await page.waitForTimeout(1500);
  const { marks, tasks } = await page.evaluate(() => ({
    marks: performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('taizhang:'))
      .map((m) => [m.startTime, m.name]),
    tasks: window.__longTasks,
  }));
  const start = marks.find(([, n]) => n === 'taizhang:import-start')?.[0] ?? 0;
  const events = [
    ...marks.map(([t, n]) => [t, `mark ${n}`]),
    ...tasks.map(([t, d]) => [t, `TASK ${d.toFixed(0)} ms (ends ${(t + d - start).toFixed(0)})`]),
  ].sort((a, b) => a[0] - b[0]);
  for (const [t, what] of events) console.log(`${(t - start).toFixed(0).padStart(7)} ms  ${what}`);
  const longest = Math.max(0, ...tasks.filter(([t]) => t >= start).map(([, d]) => d));
  console.log(`longest task after import-start: ${longest.toFixed(0)} ms; ${tasks.length} long tasks`);
  const stored = marks.find(([, n]) => n === 'taizhang:import-stored')?.[0] ?? 0;
  const memory = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? null);
  console.log(`import-start → import-stored ${(stored - start).toFixed(0)} ms (the confirm dialog included); wasm memory ${memory?.toLocaleString('en-US')} B`);
  if (process.env.BENCH_UNDO === '1') {
    const persisted = () => page.evaluate(() => performance.getEntriesByName('taizhang:edit-persisted').length);
    const before = await persisted();
    const clicked = await page.evaluate(() => performance.now());
    await page.locator('[data-testid="undo-import"]').click();
    while ((await persisted()) === before) {
      if (Date.now() > deadline + 60_000) throw new Error('the undo was not stored');
      await new Promise((r) => setTimeout(r, 50));
    }
    await page.waitForTimeout(500);
    const { undoTasks, stored } = await page.evaluate(() => ({
      undoTasks: window.__longTasks,
      stored: performance.getEntriesByName('taizhang:edit-persisted').at(-1).startTime,
    }));
    const after = undoTasks.filter(([t, d]) => t + d >= clicked - 100);
    for (const [t, d] of after) console.log(`undo: TASK ${d.toFixed(0)} ms at ${(t - clicked).toFixed(0)} ms`);
    console.log(`undo stored ${(stored - clicked).toFixed(0)} ms after the click; longest task ${Math.max(0, ...after.map(([, d]) => d)).toFixed(0)} ms`);
  }
} finally {
  await profile.close();
}
