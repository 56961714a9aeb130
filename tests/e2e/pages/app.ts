import { expect, type Locator, type Page } from '@playwright/test';

/** The whole app: navigation, language, the sample badge and save status. */
export class AppPage {
  constructor(readonly page: Page) {}

  /** Opens a page by hash and waits until the ledger is loaded (dashboard or page rendered). */
  async open(hash = '#/'): Promise<void> {
    await this.page.goto(`./index.html${hash}`);
    await this.waitReady();
  }

  async waitReady(): Promise<void> {
    await expect(this.page.locator('main.page > :not(.loading)').first()).toBeVisible({ timeout: 20_000 });
    await expect(this.page.getByTestId('load-error')).toHaveCount(0);
  }

  /** Reloads and waits for the stored ledger to be shown again. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitReady();
  }

  /** Waits until every pending write reached IndexedDB (the status says 已保存, or nothing was
   *  changed yet). */
  async waitSaved(): Promise<void> {
    await expect(this.saveStatus).toHaveAttribute('data-state', /^(idle|saved)$/, { timeout: 15_000 });
  }

  get saveStatus(): Locator {
    return this.page.getByTestId('save-status');
  }

  get sampleBadge(): Locator {
    return this.page.getByTestId('sample-badge');
  }

  get langSwitch(): Locator {
    return this.page.getByTestId('lang-switch');
  }

  nav(name: 'dashboard' | 'indicators' | 'data'): Locator {
    return this.page.getByTestId(`nav-${name}`);
  }

  /** Accepts the next confirm() dialog. */
  acceptNextDialog(): void {
    this.page.once('dialog', (dialog) => dialog.accept());
  }
}
