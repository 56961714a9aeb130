// Compares reloads of a stored ledger between builds, taken in turns so the machine's drift
// falls on each alike (one build's runs after the other's would measure the noise): each
// origin serves one build's dist/; each gets a fresh profile, imports the ledger once, then
// the pages are reloaded in turn, navigation start → `taizhang:stored-loaded` each time.
//
//   python3 -m http.server 4380 --directory /tmp/site-a &
//   python3 -m http.server 4381 --directory /tmp/site-b &
//   BENCH_ORIGINS=http://127.0.0.1:4380,http://127.0.0.1:4381 \
//     BENCH_LEDGER=bench-out/ledger-city.json BENCH_ROUNDS=5 [BENCH_PROFILE=1] node bench/reload-ab.mjs
//
// Prints each reload and the medians (with the app's load phases where the build marks them).
import { freshProfile } from './chromium.mjs';

const ORIGINS = (process.env.BENCH_ORIGINS ?? '').split(',').filter(Boolean);
const LEDGER = process.env.BENCH_LEDGER;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
if (ORIGINS.length < 1 || !LEDGER) {
  console.error('bench/reload-ab.mjs: set BENCH_ORIGINS (comma-separated) and BENCH_LEDGER');
  process.exit(2);
}

async function until(page, mark, seconds) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const at = await page.evaluate((m) => performance.getEntriesByName(m)[0]?.startTime ?? null, mark);
    if (at !== null) return at;
    if (Date.now() > deadline) throw new Error(`no ${mark} within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const PROFILE = process.env.BENCH_PROFILE === '1';

/** Self time by function, and the time inside each of the heaviest app functions (their
 * samples with the function anywhere on the stack). */
function printProfile(origin, cpu) {
  const byId = new Map(cpu.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of cpu.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) => (n.callFrame.functionName || '(anon)').replace(/::h[0-9a-f]{16}$/, '');
  const self = {};
  const inside = {};
  cpu.samples.forEach((id, k) => {
    const ms = (cpu.timeDeltas[k + 1] ?? 0) / 1000;
    const node = byId.get(id);
    self[name(node)] = (self[name(node)] ?? 0) + ms;
    const seen = new Set();
    for (let n = node; n; n = byId.get(parent.get(n.id))) {
      const f = name(n);
      if (!seen.has(f) && /taizhang::/.test(f)) inside[f] = (inside[f] ?? 0) + ms;
      seen.add(f);
    }
  });
  const top = (o, n) => Object.entries(o).filter(([f]) => f !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(`${origin}: the last reload sampled, self time:`);
  for (const [f, ms] of top(self, 20)) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${f.slice(0, 130)}`);
  console.log(`${origin}: time inside the app's functions:`);
  for (const [f, ms] of top(inside, 30)) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${f.slice(0, 130)}`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const pages = [];
try {
  for (const origin of ORIGINS) {
    const profile = await freshProfile();
    pages.push({ origin, profile, runs: [] });
    const { page } = profile;
    page.on('dialog', (d) => d.accept());
    await page.goto(`${origin}/index.html#/data`);
    await page.locator('[data-testid="count-values"]').waitFor({ timeout: 60_000 });
    await page.setInputFiles('[data-testid="open-file"]', LEDGER);
    await until(page, 'taizhang:import-stored', 180);
    await page.waitForTimeout(2000);
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const p of pages) {
      const { page } = p.profile;
      // BENCH_PROFILE=1: the last round's reload is sampled (every 0.1 ms) and where it went
      // is printed (use a build with names, see docs/benchmarks.md).
      const cdp = PROFILE && round === ROUNDS - 1 ? await page.context().newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
        await cdp.send('Profiler.start');
      }
      await page.reload();
      const loaded = await until(page, 'taizhang:stored-loaded', 60);
      if (cdp) printProfile(p.origin, (await cdp.send('Profiler.stop')).profile);
      const phases = await page.evaluate(() =>
        Object.fromEntries(
          ['taizhang:load-start', 'taizhang:load-read', 'taizhang:load-copied'].map((n) => [
            n.slice('taizhang:'.length),
            performance.getEntriesByName(n)[0]?.startTime ?? null,
          ]),
        ),
      );
      const run = { loaded, ...phases };
      p.runs.push(run);
      console.log(`${p.origin} round ${round + 1}: stored-loaded ${loaded.toFixed(0)} ms`, JSON.stringify(phases));
      // Let the page settle (its first render and chart) before the other build's turn.
      await page.waitForTimeout(1500);
    }
  }
  for (const p of pages) {
    const m = (key) => median(p.runs.map((r) => r[key]).filter((x) => x !== null));
    const line = [`${p.origin}: stored-loaded median ${m('loaded').toFixed(0)} ms over ${p.runs.length}`];
    if (p.runs[0]['load-start'] !== null) {
      line.push(
        `(app started ${m('load-start').toFixed(0)}, IndexedDB read ${median(p.runs.map((r) => r['load-read'] - r['load-start'])).toFixed(0)}, copied ${median(p.runs.map((r) => r['load-copied'] - r['load-read'])).toFixed(0)}, rebuilt ${median(p.runs.map((r) => r.loaded - r['load-copied'])).toFixed(0)})`,
      );
    }
    console.log(line.join(' '));
  }
} finally {
  for (const p of pages) await p.profile.close();
}
