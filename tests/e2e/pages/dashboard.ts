import type { Locator, Page } from '@playwright/test';

export class DashboardPage {
  constructor(readonly page: Page) {}

  get headlines(): Locator {
    return this.page.getByTestId('headline');
  }

  headline(text: string): Locator {
    return this.headlines.filter({ hasText: text });
  }

  get charts(): Locator {
    return this.page.getByTestId('dashboard-chart');
  }

  get empty(): Locator {
    return this.page.getByTestId('dashboard-empty');
  }
}
