import { test, expect, type Page } from '@playwright/test';
import { AppPage, DataPage, ProjectsPage } from './pages';

/** A boundary file the test makes itself: a square around central Lucheng (no real data). */
function squareGeoJson(): string {
  const ring = [
    [120.55, 27.95],
    [120.75, 27.95],
    [120.75, 28.08],
    [120.55, 28.08],
    [120.55, 27.95],
  ];
  return JSON.stringify({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { name: '测试区' }, geometry: { type: 'Polygon', coordinates: [ring] } }],
  });
}

const BRIDGE = {
  name: '测试大桥工程',
  class: '重点建设',
  level: '省重点',
  code: '1606-330302-48-01-00001X',
  owner: '鹿城区交通局',
  street: '七都街道',
  lon: '120.62',
  lat: '28.01',
  investment: '22.5亿',
  start: '2016-03-01',
  planned: '2018-12-31',
  status: 'newly_started',
  plans: [['2016', '60000']] as [string, string][],
};

async function addBridge(page: Page): Promise<string> {
  const app = new AppPage(page);
  const projects = new ProjectsPage(page);
  await app.open('#/projects/new');
  await projects.fillAndSave(BRIDGE);
  await expect(page.getByTestId('project-title')).toHaveText(BRIDGE.name);
  const id = decodeURIComponent(new URL(page.url()).hash.replace('#/project/', ''));
  expect(id).not.toBe('');
  return id;
}

test('a project with a monthly report and a supervision item shows in the statistics and on the map, and survives a reload', async ({ page }) => {
  const app = new AppPage(page);
  const projects = new ProjectsPage(page);
  const id = await addBridge(page);
  // 22.5亿 is kept exactly as 225000 万元; the national code is read, its check character unverified.
  await expect(projects.field('investment')).toHaveValue('225000');
  await expect(projects.field('code-hint')).toContainText('校验位未核验');

  await projects.addReport('2016-10', '50000', '50000', '主桥桩基完成', '征迁扫尾');
  await expect(page.getByTestId('report-row')).toHaveCount(1);
  await expect(page.getByTestId('report-row')).toContainText('主桥桩基完成');
  await projects.addSupervision('管线迁改滞后', '鹿城区住建局', '2016-09-01', '2016-09-30');
  const item = page.getByTestId('supervision-row');
  await expect(item).toHaveCount(1);
  // The ledger's reporting date is 2016-10-31: the September deadline has passed.
  await expect(item.getByTestId('overdue')).toBeVisible();
  // 50000 of the 60000 plan by October is on the pro-rata plan, October is reported: green.
  await expect(page.getByTestId('project-summary').getByTestId('light')).toHaveAttribute('data-light', 'green');
  await expect(page.getByTestId('plan-completion')).toContainText('83.3%');
  await app.waitSaved();

  // Statistics: the project counts in its class; clicking the class's bar opens that list.
  await app.open('#/projects/stats');
  const byClass = await projects.chartOption('stats-by-class');
  const categories: string[] = byClass.xAxis[0].data;
  expect(categories).toContain('重点建设');
  const index = categories.indexOf('重点建设');
  const counts = byClass.series[0].data.map((d: any) => (typeof d === 'object' ? d.value : d));
  expect(counts[index]).toBe(3); // the sample's two provincial key projects and this one
  await projects.clickChartItem('stats-by-class', 0, index);
  await expect(page).toHaveURL(/#\/projects\?class=/);
  await expect(projects.rows).toHaveCount(3);
  await expect(projects.filter('class')).toHaveValue('重点建设');

  // The dashboard counts it: 24 projects, one overdue supervision item.
  await app.open('#/');
  await expect(page.getByTestId('summary-projects')).toContainText('24');
  await expect(page.getByTestId('summary-overdue')).toContainText('1');
  await page.getByTestId('summary-red').click();
  await expect(page).toHaveURL(/#\/projects\?light=red/);
  await expect(projects.filter('light')).toHaveValue('red');

  // Supervision overview: the overdue item and its counts.
  await app.open('#/projects/supervision');
  await expect(page.getByTestId('overdue-row')).toContainText('管线迁改滞后');
  await expect(page.getByTestId('counts-by-unit')).toContainText('鹿城区住建局');
  await expect(page.getByTestId('missing-reports')).not.toContainText(BRIDGE.name);

  // Map: first the schematic by coordinates, then the bureau's own boundary file.
  await app.open('#/projects/map');
  let option = await projects.chartOption('project-map');
  const points = option.series.flatMap((s: any) => s.data);
  expect(points.some((p: any) => p.id === id)).toBe(true);
  await page.getByTestId('basemap-file').setInputFiles({ name: '测试区.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(squareGeoJson()) });
  await expect(page.getByTestId('basemap-loaded')).toContainText('测试区');
  await expect(page.getByTestId('basemap-status')).toContainText('测试区');
  option = await projects.chartOption('project-map');
  expect(option.geo[0].map).toBe('测试区');
  const onMap = option.series.find((s: any) => s.coordinateSystem === 'geo' && s.data.some((p: any) => p.id === id));
  expect(onMap).toBeTruthy();
  // The sample's 23 projects have no coordinates: they are listed below the map, not lost.
  await expect(page.getByTestId('unplaced')).toContainText('23');
  await expect(page.getByTestId('unplaced')).not.toContainText(BRIDGE.name);
  await app.waitSaved();

  await app.reload();
  option = await projects.chartOption('project-map');
  expect(option.geo[0].map).toBe('测试区');
  // Clicking the project's point opens the project.
  option = await projects.chartOption('project-map');
  const seriesIndex = option.series.findIndex((s: any) => s.data.some((p: any) => p.id === id));
  const dataIndex = option.series[seriesIndex].data.findIndex((p: any) => p.id === id);
  await projects.clickChartItem('project-map', seriesIndex, dataIndex);
  await expect(page.getByTestId('project-title')).toHaveText(BRIDGE.name);
  await expect(page.getByTestId('report-row')).toContainText('主桥桩基完成');
  await expect(page.getByTestId('supervision-row')).toContainText('管线迁改滞后');

  // A bad boundary file is refused with what and where; the loaded map stays.
  await app.open('#/projects/map');
  const bad = JSON.parse(squareGeoJson());
  bad.features[0].geometry.coordinates[0][2] = [120.7, 'north'];
  await page.getByTestId('basemap-file').setInputFiles({ name: 'bad.geojson', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(page.getByTestId('basemap-error')).toContainText('features[0].geometry.coordinates[0][2]');
  await expect(page.getByTestId('basemap-status')).toContainText('测试区');
});

test('bad project input gets a message at its field and changes nothing', async ({ page }) => {
  const app = new AppPage(page);
  const projects = new ProjectsPage(page);
  await addBridge(page);
  await app.waitSaved();

  await app.open('#/projects/new');
  // An invalid national code.
  await projects.fillAndSave({ name: '坏代码项目', code: '1606-33030-48-01-00001X' });
  await expect(projects.field('code-error')).toContainText('无效:国家统一项目代码为 24 位');
  // A duplicate code.
  await projects.fillAndSave({ name: '重复代码项目', code: BRIDGE.code });
  await expect(projects.field('code-error')).toContainText(BRIDGE.code);
  // A negative investment, and an end before the start.
  await projects.fillAndSave({ name: '负投资项目', code: '', investment: '-5' });
  await expect(projects.field('investment-error')).toContainText('-5');
  await projects.fillAndSave({ name: '日期颠倒项目', investment: '100', start: '2017-01-01', planned: '2016-01-01' });
  await expect(projects.field('planned-error')).toContainText('早于开工日期');
  // Pre-project milestones out of order (可研 before 立项).
  await projects.field('planned').fill('2018-01-01');
  await page.getByTestId('milestone-approval').fill('2015-06-01');
  await page.getByTestId('milestone-feasibility').fill('2015-03-01');
  await projects.fillAndSave({ name: '节点颠倒项目' });
  await expect(projects.field('milestones-error')).toContainText('前期节点顺序有误');
  await expect(page.getByTestId('new-project-page')).toBeVisible();

  // Nothing of the above was stored: the list holds the sample's 23 projects and the bridge.
  await app.reload();
  await app.open('#/projects');
  await expect(projects.count).toContainText('共 24 个项目');

  // A project in service may only go back one step (竣工) or stay.
  await projects.filter('text').fill('瓯越大桥');
  await projects.rows.first().locator('a').click();
  const choices = await projects.field('status').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(choices.sort()).toEqual(['', 'completed', 'in_service']);
  await app.open('#/projects');

  // A report dated after the completion is refused at the month field.
  await projects.filter('text').fill(BRIDGE.name);
  await projects.rows.first().locator('a').click();
  await projects.field('completed').fill('2016-09-30');
  await projects.field('status').selectOption('completed');
  await projects.field('save').click();
  await expect(projects.field('saved')).toBeVisible();
  await projects.addReport('2016-10', '100', '100', '收尾', '');
  await expect(page.getByTestId('report-month-error')).toContainText('晚于项目竣工日期 2016-09-30');
  await expect(page.getByTestId('report-row')).toHaveCount(0);
  // A deadline before the day raised.
  await projects.addSupervision('问题', '单位', '2016-09-01', '2016-08-01');
  await expect(page.getByTestId('supervision-date-error')).toContainText('早于交办日期');
  await expect(page.getByTestId('supervision-row')).toHaveCount(0);
});

test('5,000 generated projects are listed in pages and filtered at once', async ({ page }) => {
  const app = new AppPage(page);
  const data = new DataPage(page);
  const projects = new ProjectsPage(page);
  await app.open('#/data');
  const classes = ['重点建设', '重大前期', '政府投资', '服务业', 'PPP', '城市有机更新'];
  const statuses = ['preliminary', 'newly_started', 'continuing', 'completed', 'in_service'];
  const streets = ['五马街道', '七都街道', '双屿街道', '藤桥镇', '南汇街道'];
  const file = {
    type: 'taizhang',
    format_version: 1,
    dataset: { id: 'ds-projects-5000', name: '五千项目', document_date: '2026-10-31' },
    projects: [] as object[],
    progress_reports: [] as object[],
  };
  for (let i = 0; i < 5000; i++) {
    const status = statuses[i % 5];
    file.projects.push({
      id: `p-${i}`,
      name: `生成项目 ${String(i).padStart(4, '0')}`,
      class: classes[i % 6],
      level: ['省重点', '市重点', '区重点'][i % 3],
      street: streets[i % 5],
      location: [String(120.55 + (i % 100) / 1000), String(27.98 + (i % 70) / 1000)],
      total_investment: String(1000 + i),
      start: '2025-01-01',
      planned_completion: '2027-12-31',
      status,
      annual_plans: { '2026': '1200' },
    });
    // Projects under construction report every month; every fourth misses September and October.
    if (status === 'newly_started' || status === 'continuing') {
      const last = i % 4 === 0 ? 8 : 10;
      for (let m = 1; m <= last; m++) {
        file.progress_reports.push({ id: `r-${i}-${m}`, project: `p-${i}`, month: `2026-${String(m).padStart(2, '0')}`, invested_month: '100' });
      }
    }
  }
  page.once('dialog', (dialog) => dialog.accept());
  await data.openFile.setInputFiles({ name: 'projects.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await expect(data.count('projects')).toHaveText('5000', { timeout: 60_000 });

  await app.open('#/projects');
  await expect(projects.count).toContainText('共 5000 个项目,符合条件 5000 个');
  await expect(projects.pageLabel).toHaveText('1 / 100');
  await expect(projects.rows).toHaveCount(50);
  await page.getByTestId('page-next').click();
  await expect(projects.pageLabel).toHaveText('2 / 100');
  await expect(projects.rows.first()).toContainText('生成项目 0050');

  // Class 重点建设 and red: i % 6 == 0 under construction (i % 5 in 1..2) missing two months (i % 4 == 0).
  await projects.filter('class').selectOption('重点建设');
  await projects.filter('light').selectOption('red');
  let expected = 0;
  for (let i = 0; i < 5000; i++) {
    if (i % 6 === 0 && (i % 5 === 1 || i % 5 === 2) && i % 4 === 0) expected++;
  }
  await expect(projects.count).toContainText(`符合条件 ${expected} 个`);
  await expect(projects.pageLabel).toHaveText(`1 / ${Math.ceil(expected / 50)}`);
  const lights = await projects.rows.getByTestId('light').evaluateAll((els) => els.map((e) => e.getAttribute('data-light')));
  expect(new Set(lights)).toEqual(new Set(['red']));
  // The filtered list (all its pages) downloads as CSV for Excel: BOM, header, one line each.
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const csvFile = await download;
  expect(csvFile.suggestedFilename()).toBe('项目台账-2026-10-31.csv');
  const csv = require('fs').readFileSync(await csvFile.path(), 'utf8') as string;
  expect(csv.startsWith('\ufeff项目名称,项目代码(赋码),类别')).toBe(true);
  const lines = csv.trim().split('\r\n');
  expect(lines.length).toBe(expected + 1);
  expect(lines.slice(1).every((l) => l.includes(',重点建设,') && l.includes(',红灯,'))).toBe(true);

  // The filter is in the address: a reload shows the same list.
  await app.reload();
  await expect(projects.count).toContainText(`符合条件 ${expected} 个`);
  // Search by name narrows to one; sorting by investment puts the largest first.
  await page.getByTestId('filter-clear').click();
  await projects.filter('text').fill('生成项目 4321');
  await expect(projects.rows).toHaveCount(1);
  // A typed search reaches the address as well (written after the list is painted): a reload
  // keeps it. 生成项目 4320 … 4329 match.
  await projects.filter('text').fill('生成项目 432');
  await expect(projects.count).toContainText('符合条件 10 个');
  await expect(page).toHaveURL(/#\/projects\?q=/);
  await app.reload();
  await expect(projects.filter('text')).toHaveValue('生成项目 432');
  await expect(projects.count).toContainText('符合条件 10 个');
  await projects.filter('text').fill('');
  await page.getByTestId('sort').selectOption('investment');
  await expect(projects.rows.first()).toContainText('生成项目 4999');
});

test('a bulletin links projects, shows on their page, and prints without the page around it', async ({ page }) => {
  const app = new AppPage(page);
  await addBridge(page);
  await app.open('#/projects/bulletins');
  await page.getByTestId('bulletin-date').fill('2016-10-08');
  await page.getByTestId('bulletin-body').fill('三季度完成投资 5 亿元。');
  // An unknown project and an empty title are refused where they were typed.
  await page.getByTestId('bulletin-project').fill('不存在的项目');
  await page.getByTestId('bulletin-link').click();
  await expect(page.getByTestId('bulletin-link-error')).toContainText('不存在的项目');
  await page.getByTestId('bulletin-project').fill(BRIDGE.name);
  await page.getByTestId('bulletin-link').click();
  await expect(page.getByTestId('bulletin-linked')).toContainText(BRIDGE.name);
  await page.getByTestId('bulletin-add').click();
  await expect(page.getByTestId('bulletin-title-error')).toBeVisible();
  await expect(page.getByTestId('bulletin')).toHaveCount(0);
  await page.getByTestId('bulletin-title').fill('2016年第三季度重点项目推进情况通报');
  await page.getByTestId('bulletin-add').click();
  const bulletin = page.getByTestId('bulletin');
  await expect(bulletin).toHaveCount(1);
  await expect(bulletin).toContainText('2016-10-08');
  await expect(bulletin.locator('a.chip')).toHaveText(BRIDGE.name);
  await app.waitSaved();

  // Printed: the notices only, without navigation, tabs or the form.
  await page.emulateMedia({ media: 'print' });
  await expect(bulletin).toBeVisible();
  await expect(page.getByTestId('bulletin-form')).toBeHidden();
  await expect(page.getByTestId('project-tabs')).toBeHidden();
  await expect(page.getByTestId('nav')).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  await app.reload();
  await page.getByTestId('bulletin').locator('a.chip').click();
  await expect(page.getByTestId('project-bulletins')).toContainText('2016年第三季度重点项目推进情况通报');
});

test('the project pages switch to English', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/projects');
  await app.langSwitch.click();
  await expect(page.getByTestId('project-count')).toContainText('of 23 projects match');
  await expect(page.getByTestId('tab-stats')).toHaveText('Statistics');
  await expect(page.getByTestId('project-row').filter({ hasText: '瓯越大桥' })).toContainText('In service');
  await app.langSwitch.click();
});
