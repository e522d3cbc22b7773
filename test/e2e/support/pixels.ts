import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Locator, Page } from 'playwright-core';

/**
 * Screenshots checked in ways that hold on any machine: pixels of the chart's series colours
 * counted inside the plot area, then the picture compared with a stored baseline.
 */

type Rgb = [number, number, number];

const hex = (value: string): Rgb => [1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16)) as Rgb;
/** A translucent fill as it looks over the background. */
const over = (fill: Rgb, alpha: number, background: Rgb): Rgb =>
  fill.map((c, i) => Math.round(c * alpha + background[i] * (1 - alpha))) as Rgb;

/** The chart colours agreed with the web app (theme tokens). */
export const THEMES = {
  light: {
    up: hex('#089981'),
    down: hex('#f23645'),
    forecast: hex('#2962ff'),
    band: over([41, 98, 255], 0.18, hex('#ffffff')),
    background: hex('#ffffff'),
  },
  dark: {
    up: hex('#26a69a'),
    down: hex('#ef5350'),
    forecast: hex('#5b9cff'),
    band: over([91, 156, 255], 0.22, hex('#131722')),
    background: hex('#131722'),
  },
} as const;
export type Theme = keyof typeof THEMES;
type Series = 'up' | 'down' | 'forecast' | 'band';

/** How far a pixel may be from a colour, per channel: anti-aliasing at edges is not counted. */
const TOLERANCE = 3;

export interface ColourCount {
  pixels: number;
  /** Columns (x) holding at least one pixel of the colour, left to right. */
  columns: number[];
  /** Columns holding at least `thick` pixels of the colour: a candle body, not a 1-pixel price line. */
  thickColumns: number[];
}

export type ChartPixels = Record<Series, ColourCount> & { width: number; height: number };

/** The largest canvas inside `[data-testid="<chart>"]` (the asset page's by default): lightweight-charts' main pane, without the axes. */
export async function plotCanvas(page: Page, chart = 'price-chart'): Promise<Locator> {
  const canvases = await page.locator(`[data-testid="${chart}"] canvas`).all();
  const areas = await Promise.all(
    canvases.map(async (canvas) => ((box) => (box ? box.width * box.height : 0))(await canvas.boundingBox())),
  );
  const largest = areas.indexOf(Math.max(...areas));
  if (largest < 0) throw new Error(`no canvas inside [data-testid="${chart}"]`);
  return canvases[largest];
}

const frames = (page: Page) =>
  page.evaluate('document.fonts.ready.then(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))');

/**
 * The plot area in view, once the layout has settled: the chart follows its element's size (fonts
 * loading, a scroll bar coming or going resize it), and draws its data again a frame after each resize.
 */
async function settledPlotCanvas(page: Page, chart: string): Promise<Locator> {
  await (await plotCanvas(page, chart)).scrollIntoViewIfNeeded();
  let before = JSON.stringify(await (await plotCanvas(page, chart)).boundingBox());
  for (let tries = 0; tries < 50; tries++) {
    await frames(page);
    const canvas = await plotCanvas(page, chart);
    const now = JSON.stringify(await canvas.boundingBox());
    if (now === before) return canvas;
    before = now;
  }
  throw new Error(`the chart kept changing size: last ${before}`);
}

export function countColours(png: Buffer, theme: Theme, thick = 3): ChartPixels {
  const image = PNG.sync.read(png);
  const { width, height, data } = image;
  const colours = THEMES[theme];
  const series: Series[] = ['up', 'down', 'forecast', 'band'];
  const perColumn = Object.fromEntries(series.map((s) => [s, new Array<number>(width).fill(0)])) as Record<Series, number[]>;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      for (const s of series) {
        const [r, g, b] = colours[s];
        if (Math.abs(data[i] - r) <= TOLERANCE && Math.abs(data[i + 1] - g) <= TOLERANCE && Math.abs(data[i + 2] - b) <= TOLERANCE)
          perColumn[s][x]++;
      }
    }
  }
  const count = (columns: number[]): ColourCount => ({
    pixels: columns.reduce((a, b) => a + b, 0),
    columns: columns.flatMap((n, x) => (n > 0 ? [x] : [])),
    thickColumns: columns.flatMap((n, x) => (n >= thick ? [x] : [])),
  });
  return {
    width,
    height,
    up: count(perColumn.up),
    down: count(perColumn.down),
    forecast: count(perColumn.forecast),
    band: count(perColumn.band),
  };
}

/** A screenshot of the chart's plot area only, with the mouse moved off the chart (no crosshair). */
export async function plotScreenshot(page: Page, chart = 'price-chart'): Promise<Buffer> {
  await page.mouse.move(0, 0);
  const png = await (await settledPlotCanvas(page, chart)).screenshot({ animations: 'disabled', caret: 'hide' });
  writeFileSync(join(tmpdir(), 'candlecast-e2e-plot.png'), png);
  return png;
}

/** Pixels of one colour (`#rrggbb`, within the tolerance) per column of a screenshot: a line's presence and extent. */
export function countColour(png: Buffer, colour: string): ColourCount {
  const { width, height, data } = PNG.sync.read(png);
  const [r, g, b] = hex(colour);
  const columns = new Array<number>(width).fill(0);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (Math.abs(data[i] - r) <= TOLERANCE && Math.abs(data[i + 1] - g) <= TOLERANCE && Math.abs(data[i + 2] - b) <= TOLERANCE)
        columns[x]++;
    }
  return {
    pixels: columns.reduce((a, c) => a + c, 0),
    columns: columns.flatMap((n, x) => (n > 0 ? [x] : [])),
    thickColumns: columns.flatMap((n, x) => (n >= 3 ? [x] : [])),
  };
}

export const BASELINES = join(dirname(fileURLToPath(import.meta.url)), '..', 'baselines');

export interface BaselineResult {
  /** Pixels that differ beyond pixelmatch's threshold, as a fraction of all. */
  mismatch: number;
  /** Written when the baseline was missing (or E2E_UPDATE_BASELINES=1). */
  written: boolean;
  diffPath?: string;
}

/**
 * Compares a screenshot with `test/e2e/baselines/<name>.png`. A missing baseline is written only
 * when E2E_UPDATE_BASELINES=1 (then commit it); otherwise, as in CI, it fails.
 */
export function compareWithBaseline(name: string, png: Buffer): BaselineResult {
  const path = join(BASELINES, `${name}.png`);
  writeFileSync(join(tmpdir(), `candlecast-e2e-${name}.png`), png);
  if (process.env.E2E_UPDATE_BASELINES === '1') {
    mkdirSync(BASELINES, { recursive: true });
    writeFileSync(path, png);
    return { mismatch: 0, written: true };
  }
  if (!existsSync(path)) throw new Error(`no baseline ${path}: run with E2E_UPDATE_BASELINES=1 once and commit it`);
  const expected = PNG.sync.read(readFileSync(path));
  const actual = PNG.sync.read(png);
  if (expected.width !== actual.width || expected.height !== actual.height)
    throw new Error(`${name}: ${actual.width}x${actual.height}, the baseline is ${expected.width}x${expected.height}`);
  const diff = new PNG({ width: actual.width, height: actual.height });
  const differing = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, { threshold: 0.1 });
  const mismatch = differing / (actual.width * actual.height);
  if (differing === 0) return { mismatch, written: false };
  const diffPath = join(tmpdir(), `candlecast-e2e-${name}-diff.png`);
  writeFileSync(diffPath, PNG.sync.write(diff));
  return { mismatch, written: false, diffPath };
}
