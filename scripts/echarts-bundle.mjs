// Builds the app's own ECharts bundle from the npm package: only the chart types and components
// the app draws with (src/charts/), so the first load does not carry the whole library. Run by
// scripts/setup.sh when the vendored bundle is missing or of another ECharts version; the result
// is committed in public/vendor/echarts/ with the list of what it holds (CONTENTS).
//
//   node scripts/echarts-bundle.mjs
//
// It defines the global `echarts` the app's bindings call (init, registerMap, the instances'
// setOption, resize, dispose, on, getDataURL), with the Chinese and English locales (both registered by echarts/core).
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'public/vendor/echarts');
const version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/echarts/package.json'), 'utf8')).version;

// What src/charts/ uses: keep this list in step with it (tests/e2e draw every chart kind).
const charts = ['LineChart', 'BarChart', 'PieChart', 'ScatterChart'];
const components = [
  'TitleComponent',
  'TooltipComponent',
  'LegendComponent',
  'GridComponent',
  'GeoComponent',
  'MarkLineComponent',
];
// Pie labels that do not overlap.
const features = ['LabelLayout'];

const entry = `
import * as echarts from 'echarts/core';
import { ${charts.join(', ')} } from 'echarts/charts';
import { ${components.join(', ')} } from 'echarts/components';
import { ${features.join(', ')} } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';
echarts.use([${[...charts, ...components, ...features, 'CanvasRenderer'].join(', ')}]);
// A plain object (its functions replaceable, as the benchmark's probes need).
globalThis.echarts = {
  init: echarts.init,
  registerMap: echarts.registerMap,
  getMap: echarts.getMap,
  dispose: echarts.dispose,
  getInstanceByDom: echarts.getInstanceByDom,
  version: echarts.version,
};
`;

const result = await esbuild.build({
  stdin: { contents: entry, resolveDir: root, sourcefile: 'echarts-entry.js' },
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome90', 'firefox90', 'safari14'],
  legalComments: 'inline',
  charset: 'utf8',
  write: false,
});
fs.mkdirSync(out, { recursive: true });
const file = path.join(out, 'echarts.custom.min.js');
fs.writeFileSync(file, result.outputFiles[0].contents);
fs.writeFileSync(
  path.join(out, 'CONTENTS'),
  `ECharts ${version}, built by scripts/echarts-bundle.mjs from the npm package (Apache-2.0).\n` +
    `charts: ${charts.join(', ')}\ncomponents: ${components.join(', ')}\n` +
    `features: ${features.join(', ')}\nrenderer: CanvasRenderer\nlocales: EN and ZH (both built into echarts/core)\n`,
);
fs.writeFileSync(path.join(out, 'VERSION'), `${version}\n`);
console.log(`echarts bundle: ${fs.statSync(file).size} bytes (${version})`);
