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

  /** The grid's one edit box, laid over the cursor's cell. */
  get editor(): Locator {
    return this.page.getByTestId('cell-input');
  }

  /** Types into a cell and presses Enter. */
  async typeInto(cell: Locator, text: string): Promise<void> {
    await cell.click();
    await this.expectEditorOver(cell);
    await this.editor.fill(text);
    await this.editor.press('Enter');
  }

  /** Asserts that the edit box covers the cell, as a user sees it (within a pixel). */
  async expectEditorOver(cell: Locator): Promise<void> {
    await expect(this.editor).toBeVisible();
    await expect
      .poll(async () => {
        const [a, b] = [await cell.boundingBox(), await this.editor.boundingBox()];
        if (!a || !b) return 'no box';
        const off = Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y), Math.abs(a.width - b.width));
        return off <= 1 ? 'over the cell' : `off by ${off.toFixed(1)} px`;
      })
      .toBe('over the cell');
  }

  /** The cell holding the cursor (its edit box has the focus). */
  get activeCell(): Locator {
    return this.page.locator('td[data-testid="cell"].active');
  }

  /** Asserts where the cursor is and that its edit box has the keyboard focus. */
  async expectCursorAt(indicator: string, period: string): Promise<void> {
    const active = this.activeCell;
    await expect(active).toHaveAttribute('data-indicator', indicator);
    await expect(active).toHaveAttribute('data-period', period);
    await expect(this.editor).toBeFocused();
    await this.expectEditorOver(active);
  }

  /**
   * Pastes text into the focused edit box the way the browser does on Ctrl+V: a `paste` event
   * whose clipboardData holds the text as Excel/WPS put it there (tab-separated cells,
   * CRLF-separated rows). Headless Chromium does not run its paste command for a synthetic
   * Ctrl+V here, so the event is dispatched directly; the app's handler reads it exactly as
   * it reads a real paste.
   */
  async paste(text: string): Promise<void> {
    await this.page.evaluate((clip) => {
      const target = document.activeElement;
      if (!target) throw new Error('nothing has the focus');
      const data = new DataTransfer();
      data.setData('text/plain', clip);
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      target.dispatchEvent(event);
    }, text);
  }

  get pasteNotice(): Locator {
    return this.page.getByTestId('paste-notice');
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
