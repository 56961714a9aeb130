import type { Locator, Page } from '@playwright/test';

/** One chart component: canvas, table view, PNG export. */
export class ChartWidget {
  constructor(
    readonly page: Page,
    readonly root: Locator,
  ) {}

  get canvas(): Locator {
    return this.root.locator('[data-testid="chart-canvas"] canvas').first();
  }

  /** How many pixels of the chart's canvas are not blank (transparent or white). */
  async paintedPixels(): Promise<number> {
    return this.canvas.evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext('2d');
      if (!context) return 0;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
        if (a > 0 && !(r > 250 && g > 250 && b > 250)) painted++;
      }
      return painted;
    });
  }

  /** How many pixels are close to a colour (e.g. the red of full periods). */
  async pixelsNear(rgb: [number, number, number], tolerance = 12): Promise<number> {
    return this.canvas.evaluate(
      (canvas: HTMLCanvasElement, [target, tol]) => {
        const context = canvas.getContext('2d');
        if (!context) return 0;
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        let n = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (
            data[i + 3] > 200 &&
            Math.abs(data[i] - target[0]) <= tol &&
            Math.abs(data[i + 1] - target[1]) <= tol &&
            Math.abs(data[i + 2] - target[2]) <= tol
          )
            n++;
        }
        return n;
      },
      [rgb, tolerance] as [[number, number, number], number],
    );
  }

  get toggleTable(): Locator {
    return this.root.getByTestId('chart-toggle-table');
  }

  get table(): Locator {
    return this.root.getByTestId('chart-table');
  }

  get exportPng(): Locator {
    return this.root.getByTestId('chart-export-png');
  }
}
