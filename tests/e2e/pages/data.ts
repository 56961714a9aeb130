import type { Locator, Page } from '@playwright/test';

export class DataPage {
  constructor(readonly page: Page) {}

  count(collection: string): Locator {
    return this.page.getByTestId(`count-${collection}`);
  }

  get startEmpty(): Locator {
    return this.page.getByTestId('start-empty');
  }

  get reloadSample(): Locator {
    return this.page.getByTestId('reload-sample');
  }

  get openFile(): Locator {
    return this.page.getByTestId('open-file');
  }

  get fileProblems(): Locator {
    return this.page.getByTestId('file-problems');
  }
}
