import type { Locator, Page } from '@playwright/test';
import { ChartWidget } from './chart';

export class IndicatorPage {
  constructor(readonly page: Page) {}

  get title(): Locator {
    return this.page.getByTestId('indicator-title');
  }

  get chart(): ChartWidget {
    return new ChartWidget(this.page, this.page.getByTestId('indicator-chart'));
  }

  get derived(): Locator {
    return this.page.getByTestId('derived');
  }

  valueItem(period: string): Locator {
    return this.page.locator(`[data-testid="value-item"][data-period="${period}"]`);
  }

  /** The findings about this indicator (数据核对 section). */
  get findings(): Locator {
    return this.page.getByTestId('indicator-checks').getByTestId('finding');
  }

  get sources(): Locator {
    return this.page.getByTestId('value-source');
  }
}
