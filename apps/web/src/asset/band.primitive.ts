/**
 * The forecast's interval as a filled band between its lower and upper bounds. lightweight-charts
 * has no band series, so this is a series primitive drawing in drawBackground, under the line.
 */
import type {
  AutoscaleInfo,
  IPrimitivePaneRenderer,
  Logical,
  IPrimitivePaneView,
  ISeriesPrimitive,
  SeriesAttachedParameter,
  Time,
  UTCTimestamp,
} from 'lightweight-charts';

import type { BandPoint } from './chart-data.ts';

type CanvasRenderingTarget2D = Parameters<IPrimitivePaneRenderer['draw']>[0];

interface Corner {
  x: number;
  lower: number;
  upper: number;
}

class BandRenderer implements IPrimitivePaneRenderer {
  constructor(
    private readonly corners: Corner[],
    private readonly color: string,
  ) {}

  draw(): void {}

  drawBackground(target: CanvasRenderingTarget2D): void {
    if (this.corners.length < 2) return;
    target.useMediaCoordinateSpace(({ context }) => {
      context.beginPath();
      context.moveTo(this.corners[0].x, this.corners[0].upper);
      for (const c of this.corners.slice(1)) context.lineTo(c.x, c.upper);
      for (const c of [...this.corners].reverse()) context.lineTo(c.x, c.lower);
      context.closePath();
      context.fillStyle = this.color;
      context.fill();
    });
  }
}

export class BandPrimitive implements ISeriesPrimitive<Time> {
  private attachedTo: SeriesAttachedParameter<Time> | null = null;
  private points: BandPoint[] = [];
  private color = 'transparent';
  private view: IPrimitivePaneView = { renderer: () => null, zOrder: () => 'bottom' };

  attached(param: SeriesAttachedParameter<Time>): void {
    this.attachedTo = param;
  }

  detached(): void {
    this.attachedTo = null;
  }

  set(points: BandPoint[], color: string): void {
    this.points = points;
    this.color = color;
    this.attachedTo?.requestUpdate();
  }

  updateAllViews(): void {
    const at = this.attachedTo;
    if (!at) return;
    const corners: Corner[] = [];
    for (const p of this.points) {
      const x = at.chart.timeScale().timeToCoordinate(p.time as UTCTimestamp);
      const upper = at.series.priceToCoordinate(p.upper);
      const lower = at.series.priceToCoordinate(p.lower);
      if (x !== null && upper !== null && lower !== null) corners.push({ x, upper, lower });
    }
    const renderer = new BandRenderer(corners, this.color);
    this.view = { renderer: () => renderer, zOrder: () => 'bottom' };
  }

  /**
   * The band's bounds join the price scale's autoscale while any of its points is in view: without
   * this the scale fits the candles and the line only, and a wide band runs off the pane.
   */
  autoscaleInfo(start: Logical, end: Logical): AutoscaleInfo | null {
    const scale = this.attachedTo?.chart.timeScale();
    if (!scale || this.points.length === 0) return null;
    let minValue = Infinity;
    let maxValue = -Infinity;
    for (const p of this.points) {
      const index = scale.timeToIndex(p.time as UTCTimestamp, true);
      if (index === null || index < start || index > end) continue;
      minValue = Math.min(minValue, p.lower);
      maxValue = Math.max(maxValue, p.upper);
    }
    return Number.isFinite(minValue) ? { priceRange: { minValue, maxValue } } : null;
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return [this.view];
  }
}
