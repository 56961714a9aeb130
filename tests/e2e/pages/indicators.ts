import { expect, type Locator, type Page } from '@playwright/test';

/** The indicator ledger of one work area: the table, inline cells and the add forms. */
export class IndicatorsPage {
  constructor(readonly page: Page) {}

  cell(indicator: string, period: string): Locator {
    return this.page.locator(`td[data-testid="cell"][data-indicator="${indicator}"][data-period="${period}"]`);
  }

  row(indicator: string): Locator {
    return this.page.locator(`tr[data-testid="indicator-row"][data-indicator="${indicator}"]`);
  }

  rowByName(name: string): Locator {
    return this.page.getByTestId('indicator-row').filter({ hasText: name });
  }

  /** Types into a cell and presses Enter. */
  async typeInto(cell: Locator, text: string): Promise<void> {
    await cell.click();
    const input = cell.getByTestId('cell-input');
    await expect(input).toBeVisible();
    await input.fill(text);
    await input.press('Enter');
  }

  cellError(cell: Locator): Locator {
    return cell.getByTestId('cell-error');
  }

  get periodHeaders(): Locator {
    return this.page.getByTestId('period-header');
  }

  async addPeriod(text: string): Promise<void> {
    await this.page.getByTestId('new-period').fill(text);
    await this.page.getByTestId('new-period-submit').click();
  }

  get periodError(): Locator {
    return this.page.getByTestId('period-error');
  }

  async addIndicator(name: string, unit: string): Promise<void> {
    await this.page.getByTestId('new-indicator-name').fill(name);
    await this.page.getByTestId('new-indicator-unit').fill(unit);
    await this.page.getByTestId('new-indicator-submit').click();
  }

  get addIndicatorError(): Locator {
    return this.page.getByTestId('add-indicator-error');
  }

  get areaTabs(): Locator {
    return this.page.getByTestId('area-tab');
  }
}
