import type { Locator, Page } from '@playwright/test';

/** 数据核对: the findings of the ledger's figures, by severity. */
export class ChecksPage {
  constructor(readonly page: Page) {}

  get summary(): Locator {
    return this.page.getByTestId('checks-summary');
  }

  /** The findings of one severity: error, warning, cannot_check, confirmed. */
  group(severity: 'error' | 'warning' | 'cannot_check' | 'confirmed'): Locator {
    return this.page.getByTestId(`findings-${severity}`);
  }

  findings(severity: 'error' | 'warning' | 'cannot_check' | 'confirmed'): Locator {
    return this.group(severity).getByTestId('finding');
  }

  /** The finding of one relation (by its id). */
  finding(relation: string): Locator {
    return this.page.locator(`[data-testid="finding"][data-relation="${relation}"]`);
  }
}
