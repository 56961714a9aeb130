import type { Page, Request } from '@playwright/test';

/**
 * Records every request the page makes whose origin differs from the page's own origin
 * (CDNs, fonts, telemetry, anything). The app must never make one: call this before
 * `page.goto`, exercise the page, then `expect(external).toEqual([])`.
 *
 * The page's origin is taken from the main frame's URL at the time of each request (before the
 * first navigation commits, from the navigation request itself). `data:` and `blob:` URLs are
 * local and not recorded; `about:` and `chrome-*:` internals neither.
 */
export function collectExternalRequests(page: Page): string[] {
  const external: string[] = [];
  page.on('request', (request: Request) => {
    const url = request.url();
    if (/^(data|blob|about|chrome|chrome-extension|devtools):/i.test(url)) return;
    let pageOrigin = originOf(page.url());
    if (pageOrigin === null && request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      pageOrigin = originOf(url);
    }
    if (pageOrigin === null || originOf(url) !== pageOrigin) {
      external.push(`${request.method()} ${url}`);
    }
  });
  return external;
}

/**
 * Collects console messages that report a Content-Security-Policy violation, plus page errors.
 * Call before `page.goto`; expect the returned arrays to stay empty.
 */
export function collectCspViolations(page: Page): { csp: string[]; pageErrors: string[] } {
  const csp: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content[- ]Security[- ]Policy/i.test(text)) csp.push(text);
  });
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  return { csp, pageErrors };
}

function originOf(url: string): string | null {
  try {
    const o = new URL(url).origin;
    return o === 'null' ? null : o;
  } catch {
    return null;
  }
}
