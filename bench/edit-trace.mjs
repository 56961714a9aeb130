// Where one cell edit's time goes: imports a ledger on a served dist/ in a fresh profile, opens
// an indicator table, and records a Chromium trace (CDP Tracing) around each of a few edits
// (click a cell, type, Enter). Prints, per edit, edit-start → edit-persisted and → the next
// frame painted, and the main thread's time in that window by kind (script, style, layout,
// paint …). A tool for finding the work to cut (issue 14: an edit persisted and painted within
// one frame), not a benchmark row.
//
//   BENCH_ORIGIN=http://127.0.0.1:PORT BENCH_LEDGER=bench-out/ledger-500x20.json (or sample) \
//     [BENCH_ROUTE='#/indicators/area-0'] [BENCH_EDITS=5] node bench/edit-trace.mjs

import { freshProfile } from './chromium.mjs';

const ORIGIN = process.env.BENCH_ORIGIN;
const LEDGER = process.env.BENCH_LEDGER;
const ROUTE = process.env.BENCH_ROUTE ?? '#/indicators/area-0';
const EDITS = Number(process.env.BENCH_EDITS ?? 5);
// BENCH_PROFILE=1 also samples the CPU (every 0.1 ms) and prints the functions with the most
// time of their own (names need a build with them: see docs/benchmarks.md, "the edit").
const PROFILE = process.env.BENCH_PROFILE === '1';
if (!ORIGIN || !LEDGER) {
  console.error('bench/edit-trace.mjs: set BENCH_ORIGIN and BENCH_LEDGER');
  process.exit(2);
}

async function waitFor(page, name, count, timeout) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const n = await page.evaluate((m) => performance.getEntriesByName(m).length, name);
    if (n >= count) return;
    if (Date.now() > deadline) throw new Error(`no ${name} within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Records a trace around `body` and returns its events. */
async function traced(cdp, body) {
  const events = [];
  const onData = (e) => events.push(...e.value);
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    traceConfig: {
      includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.stack', 'blink.user_timing', 'v8'],
    },
  });
  await body();
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', onData);
  return events;
}

// The trace's event names, grouped as DevTools' summary groups them.
const KINDS = {
  FunctionCall: 'script', EvaluateScript: 'script', 'v8.compile': 'script', TimerFire: 'script',
  EventDispatch: 'script', FireAnimationFrame: 'script', RunMicrotasks: 'script', 'v8.callFunction': 'script',
  UpdateLayoutTree: 'style', RecalculateStyles: 'style', ParseAuthorStyleSheet: 'style',
  Layout: 'layout', UpdateLayerTree: 'layout', 'LayoutShift': 'layout',
  Paint: 'paint', PrePaint: 'paint', Layerize: 'paint', Commit: 'paint', CompositeLayers: 'paint',
  MajorGC: 'gc', MinorGC: 'gc', 'V8.GC_SCAVENGER': 'gc', BlinkGC: 'gc',
};

const profile = await freshProfile();
const { context, page } = profile;
try {
  page.on('dialog', (d) => d.accept());
  await page.goto(`${ORIGIN}/index.html#/data`);
  await page.locator('[data-testid="count-values"]').waitFor({ timeout: 60_000 });
  // BENCH_LEDGER=sample: the built-in sample, nothing imported.
  if (LEDGER !== 'sample') {
    await page.setInputFiles('[data-testid="open-file"]', LEDGER);
    await waitFor(page, 'taizhang:import-stored', 1, 180_000);
  }
  await page.waitForTimeout(1000);
  await page.goto(`${ORIGIN}/index.html${ROUTE}`);
  // BENCH_ACTION=search (with BENCH_ROUTE='#/projects'): traces a search typed into the project
  // list instead of a cell edit, from the input event until the count is redrawn and painted
  // (marked as edit-start and edit-persisted, so the rest reads the same).
  const SEARCH = process.env.BENCH_ACTION === 'search';
  if (SEARCH) await page.locator('[data-testid="project-row"]').first().waitFor({ timeout: 60_000 });
  const cell = page.locator(SEARCH ? '[data-testid="filter-text"]' : 'td[data-testid="cell"]').first();
  await cell.waitFor({ timeout: 60_000 });
  // BENCH_CSS: a style sheet added to the page, to try a change of the table's CSS quickly.
  if (process.env.BENCH_CSS) await page.addStyleTag({ content: process.env.BENCH_CSS });
  const cells = await page.locator('td[data-testid="cell"]').count();
  const indicator = SEARCH ? '' : await cell.getAttribute('data-indicator');
  const period = SEARCH ? '' : await cell.getAttribute('data-period');
  const target = page.locator(`td[data-testid="cell"][data-indicator="${indicator}"][data-period="${period}"]`);
  console.log(`${ROUTE}: ${cells} cells`);
  const cdp = await context.newCDPSession(page);
  const rows = [];
  for (let i = 0; i < EDITS; i++) {
    await page.waitForTimeout(500);
    const input = page.locator('input[data-testid="cell-input"]');
    if (!SEARCH) {
      await target.click();
      await input.waitFor({ timeout: 10_000 });
      await input.fill(String(4321.5 + i * 11));
    }
    await page.evaluate(() => performance.clearMarks());
    let cpu = null;
    const events = await traced(cdp, async () => {
      if (PROFILE) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
        await cdp.send('Profiler.start');
      }
      if (SEARCH) {
        await page.evaluate(async (value) => {
          const count = document.querySelector('[data-testid="project-count"]');
          const before = count.textContent;
          const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          performance.mark('taizhang:edit-start');
          const box = document.querySelector('[data-testid="filter-text"]');
          box.value = value;
          box.dispatchEvent(new Event('input', { bubbles: true }));
          do await painted();
          while (count.textContent === before);
          performance.mark('taizhang:edit-persisted');
        }, i % 2 === 0 ? '生成项目 04' : '');
      } else {
        await input.press('Enter');
      }
      await waitFor(page, 'taizhang:edit-persisted', 1, 30_000);
      await page.waitForTimeout(300);
      if (PROFILE) cpu = (await cdp.send('Profiler.stop')).profile;
    });
    const mark = (name) => events.find((e) => e.name === name && (e.cat ?? '').includes('user_timing'));
    const start = mark('taizhang:edit-start');
    const persisted = mark('taizhang:edit-persisted');
    if (!start || !persisted) throw new Error('the trace has no edit marks');
    // The renderer's main thread: the thread the marks were made on.
    const main = events.filter((e) => e.pid === start.pid && e.tid === start.tid);
    const paintAfter = main
      .filter((e) => (e.name === 'Paint' || e.name === 'Commit') && e.ts >= persisted.ts)
      .sort((a, b) => a.ts - b.ts)[0];
    const end = paintAfter ? paintAfter.ts + (paintAfter.dur ?? 0) : persisted.ts;
    const byKind = {};
    const byName = {};
    for (const e of main) {
      if (e.ph !== 'X' || !KINDS[e.name]) continue;
      const from = Math.max(e.ts, start.ts);
      const to = Math.min(e.ts + e.dur, end);
      if (to <= from) continue;
      byName[e.name] = (byName[e.name] ?? 0) + (to - from) / 1000;
    }
    // Kinds without double counting: a script event may contain layout (forced), so the
    // script total is the script events' time less the style/layout inside them.
    for (const [name, ms] of Object.entries(byName)) byKind[KINDS[name]] = (byKind[KINDS[name]] ?? 0) + ms;
    const fmt = (o) => Object.entries(o).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
    console.log(
      `edit ${i + 1}: start→persisted ${((persisted.ts - start.ts) / 1000).toFixed(1)} ms, →painted ${((end - start.ts) / 1000).toFixed(1)} ms`,
    );
    console.log(`  by kind (nested counted twice): ${fmt(byKind)}`);
    rows.push({ persisted: (persisted.ts - start.ts) / 1000, painted: (end - start.ts) / 1000, ...byName });
    console.log(`  by event: ${fmt(byName)}`);
    if (process.env.BENCH_PAINTS === '1') {
      for (const e of main.filter((e) => ['Paint', 'Layerize', 'PrePaint', 'Commit', 'UpdateLayoutTree', 'Layout'].includes(e.name) && e.ts >= start.ts && e.ts <= end)) {
        console.log(`  ${e.name} at +${((e.ts - start.ts) / 1000).toFixed(1)} ms, ${((e.dur ?? 0) / 1000).toFixed(1)} ms ${JSON.stringify(e.args?.data ?? e.args?.beginData ?? {}).slice(0, 200)}`);
      }
    }
    // BENCH_TIMELINE=1: the main thread's tasks in the window, each with what it ran.
    if (process.env.BENCH_TIMELINE === '1') {
      const tasks = main.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.ts + e.dur >= start.ts && e.ts <= end && e.dur > 100);
      for (const task of tasks) {
        const inside = main.filter((e) => e.ph === 'X' && e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur && (e.dur ?? 0) > 200);
        const what = inside.slice(0, Number(process.env.BENCH_TIMELINE_DEPTH ?? 6)).map((e) => `${e.name}${e.args?.data?.functionName ? `(${e.args.data.functionName.slice(0, 40)})` : ''}${e.args?.data?.type ? `(${e.args.data.type})` : ''} +${((e.ts - start.ts) / 1000).toFixed(1)} ${(e.dur / 1000).toFixed(1)}`).join(', ');
        console.log(`  task at +${((task.ts - start.ts) / 1000).toFixed(1)} ms, ${(task.dur / 1000).toFixed(1)} ms: ${what}`);
      }
      for (const m of events.filter((e) => (e.cat ?? '').includes('user_timing') && e.ts >= start.ts && e.ts <= end)) {
        console.log(`  mark ${m.name} at +${((m.ts - start.ts) / 1000).toFixed(1)} ms`);
      }
    }
    const layouts = main.filter((e) => e.name === 'Layout' && e.ts >= start.ts && e.ts <= end);
    for (const l of layouts) {
      const d = l.args?.beginData ?? {};
      console.log(`  Layout at +${((l.ts - start.ts) / 1000).toFixed(1)} ms, ${(l.dur / 1000).toFixed(1)} ms, dirty ${d.dirtyObjects}/${d.totalObjects}, partial ${d.partialLayout}`);
      const stack = d.stackTrace ?? l.args?.data?.stackTrace;
      if (stack) console.log(`    forced by: ${stack.slice(0, 5).map((f) => f.functionName.replace(/::h[0-9a-f]{16}$/, '').slice(-60)).join(' < ')}`);
    }
    if (cpu) {
      const self = {};
      const byId = new Map(cpu.nodes.map((n) => [n.id, n]));
      // Only the samples between edit-start and the frame painted (the profiler's clock is the
      // trace's).
      const counts = {};
      let t = cpu.startTime;
      let inWindow = 0;
      cpu.samples.forEach((id, k) => {
        t += cpu.timeDeltas[k];
        if (t < start.ts || t > end) return;
        counts[id] = (counts[id] ?? 0) + 1;
        inWindow += 1;
      });
      const dt = inWindow ? (end - start.ts) / 1000 / inWindow : 0;
      for (const [id, n] of Object.entries(counts)) {
        const f = byId.get(Number(id)).callFrame;
        const name = f.functionName || `(anonymous ${f.url.split('/').at(-1)}:${f.lineNumber})`;
        if (name === '(idle)') continue;
        self[name] = (self[name] ?? 0) + n * dt;
      }
      // BENCH_INCLUSIVE=1: time with callees, by function (a function on the stack twice counted once).
      if (process.env.BENCH_INCLUSIVE === '1') {
        const parentOf = new Map();
        for (const n of cpu.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
        const total = {};
        for (const [id, n] of Object.entries(counts)) {
          const seen = new Set();
          for (let p = Number(id); p; p = parentOf.get(p)) {
            const f = byId.get(p).callFrame;
            const name = (f.functionName || '(anon)').replace(/::h[0-9a-f]{16}$/, '');
            if (seen.has(name)) continue;
            seen.add(name);
            total[name] = (total[name] ?? 0) + n * dt;
          }
        }
        const filter = new RegExp(process.env.BENCH_INCLUSIVE_MATCH ?? '.');
        for (const [name, ms] of Object.entries(total).filter(([n]) => filter.test(n)).sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(`  incl ${ms.toFixed(1).padStart(6)} ms  ${name.slice(-150)}`);
      }
      const top = Object.entries(self).sort((a, b) => b[1] - a[1]).slice(0, 25);
      for (const [name, ms] of top) console.log(`  ${ms.toFixed(1).padStart(6)} ms  ${name.slice(0, 140)}`);
      // Who calls the heaviest functions: their callers up to 4 levels, with the time.
      const parent = new Map();
      for (const n of cpu.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      const short = (f) => (f.functionName || '(anon)').replace(/::h[0-9a-f]{16}$/, '').slice(-70);
      for (const [name] of top.filter(([n]) => !n.startsWith('(')).slice(0, 6)) {
        const paths = {};
        for (const [id, n] of Object.entries(counts)) {
          const node = byId.get(Number(id));
          const f = node.callFrame;
          if ((f.functionName || '') !== name) continue;
          const chain = [];
          for (let p = parent.get(node.id), k = 0; p && k < 6; p = parent.get(p), k++) chain.push(short(byId.get(p).callFrame));
          const key = chain.join(' < ');
          paths[key] = (paths[key] ?? 0) + n * dt;
        }
        console.log(`  ${short({ functionName: name })} called from:`);
        for (const [k, ms] of Object.entries(paths).sort((a, b) => b[1] - a[1]).slice(0, 3)) console.log(`    ${ms.toFixed(1)} ms  < ${k}`);
      }
    }
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  const keys = ['persisted', 'painted', 'EventDispatch', 'Paint', 'Layerize', 'Layout', 'UpdateLayoutTree'];
  console.log(`medians of ${rows.length} edits: ${keys.map((k) => `${k} ${median(rows.map((r) => r[k] ?? 0)).toFixed(1)}`).join(', ')}`);
} finally {
  await profile.close();
}
