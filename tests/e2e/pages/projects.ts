import { expect, type Locator, type Page } from '@playwright/test';

/** What the project form takes; every field is optional except the name. */
export interface ProjectInput {
  name: string;
  class?: string;
  level?: string;
  code?: string;
  owner?: string;
  street?: string;
  lon?: string;
  lat?: string;
  investment?: string;
  start?: string;
  planned?: string;
  completed?: string;
  status?: string;
  plans?: [string, string][];
}

/** The project pages: list, form, reports, supervision, statistics and map. */
export class ProjectsPage {
  constructor(readonly page: Page) {}

  get rows(): Locator {
    return this.page.getByTestId('project-row');
  }

  get count(): Locator {
    return this.page.getByTestId('project-count');
  }

  get pageLabel(): Locator {
    return this.page.getByTestId('page-label');
  }

  filter(name: 'text' | 'class' | 'level' | 'status' | 'year' | 'street' | 'light'): Locator {
    return this.page.getByTestId(`filter-${name}`);
  }

  field(name: string): Locator {
    return this.page.getByTestId(`project-${name}`);
  }

  /** Fills the project form (new or existing) and saves it. */
  async fillAndSave(input: ProjectInput): Promise<void> {
    const text: [string, string | undefined][] = [
      ['name', input.name],
      ['class', input.class],
      ['code', input.code],
      ['owner', input.owner],
      ['street', input.street],
      ['lon', input.lon],
      ['lat', input.lat],
      ['investment', input.investment],
      ['start', input.start],
      ['planned', input.planned],
      ['completed', input.completed],
    ];
    for (const [field, value] of text) {
      if (value !== undefined) await this.field(field).fill(value);
    }
    if (input.level !== undefined) await this.field('level').selectOption(input.level);
    if (input.status !== undefined) await this.field('status').selectOption(input.status);
    for (const [year, amount] of input.plans ?? []) {
      await this.page.getByTestId('plan-add').click();
      await this.page.getByTestId('plan-year').last().fill(year);
      await this.page.getByTestId('plan-amount').last().fill(amount);
    }
    await this.field('save').click();
  }

  async addReport(month: string, invested: string, cumulative: string, progress: string, problems: string): Promise<void> {
    await this.page.getByTestId('report-month').fill(month);
    await this.page.getByTestId('report-invested').fill(invested);
    await this.page.getByTestId('report-cumulative').fill(cumulative);
    await this.page.getByTestId('report-progress').fill(progress);
    await this.page.getByTestId('report-problems').fill(problems);
    await this.page.getByTestId('report-save').click();
  }

  async addSupervision(problem: string, responsible: string, raised: string, deadline: string): Promise<void> {
    await this.page.getByTestId('supervision-problem').fill(problem);
    await this.page.getByTestId('supervision-responsible').fill(responsible);
    await this.page.getByTestId('supervision-raised').fill(raised);
    await this.page.getByTestId('supervision-deadline').fill(deadline);
    await this.page.getByTestId('supervision-add').click();
  }

  /** The ECharts option of the chart in a widget (read from the live instance). */
  async chartOption(testId: string): Promise<any> {
    const canvas = this.page.getByTestId(testId).getByTestId('chart-canvas');
    await expect(canvas.locator('canvas').first()).toBeVisible();
    return canvas.evaluate((el) => (window as any).echarts.getInstanceByDom(el).getOption());
  }

  /** Clicks a drawn data item (a bar's middle, a point's centre) with the mouse, as a user
   * would: its place comes from the live chart's layout of that series and item, once the
   * item's entry animation has brought its drawn shape there. */
  async clickChartItem(testId: string, seriesIndex: number, dataIndex: number): Promise<void> {
    const canvas = this.page.getByTestId(testId).getByTestId('chart-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const place = () =>
      canvas.evaluate(
        (el, [s, d]) => {
          const chart = (window as any).echarts.getInstanceByDom(el);
          const data = chart.getModel().getSeriesByIndex(s).getData();
          const layout = data.getItemLayout(d);
          const drawn = data.getItemGraphicEl(d);
          if (Array.isArray(layout)) {
            const settled = drawn && Math.abs(drawn.x - layout[0]) < 0.5 && Math.abs(drawn.y - layout[1]) < 0.5 && Math.abs(drawn.scaleX - 1) < 0.01;
            return { x: layout[0], y: layout[1], settled };
          }
          const settled = drawn && Math.abs(drawn.shape.height - layout.height) < 0.5 && Math.abs(drawn.shape.width - layout.width) < 0.5;
          return { x: layout.x + layout.width / 2, y: layout.y + layout.height / 2, settled };
        },
        [seriesIndex, dataIndex] as [number, number],
      );
    await expect.poll(async () => (await place()).settled, { timeout: 10_000 }).toBe(true);
    const { x, y } = await place();
    const box = await canvas.boundingBox();
    if (!box) throw new Error(`chart ${testId} is not on screen`);
    await this.page.mouse.click(box.x + x, box.y + y);
  }
}
