/**
 * The "now" mark: a dashed vertical line between the last candle and the first forecast point,
 * labelled, so that past and future read apart.
 */
import type {
  IPrimitivePaneRenderer,
  IPrimitivePaneView,
  ISeriesPrimitive,
  SeriesAttachedParameter,
  Time,
  UTCTimestamp,
} from 'lightweight-charts';

type CanvasRenderingTarget2D = Parameters<IPrimitivePaneRenderer['draw']>[0];

class NowRenderer implements IPrimitivePaneRenderer {
  constructor(
    private readonly x: number | null,
    private readonly color: string,
    private readonly label: string,
  ) {}

  draw(target: CanvasRenderingTarget2D): void {
    const x = this.x;
    if (x === null) return;
    target.useMediaCoordinateSpace(({ context, mediaSize }) => {
      context.save();
      context.strokeStyle = this.color;
      context.lineWidth = 1;
      context.setLineDash([4, 4]);
      context.beginPath();
      context.moveTo(Math.round(x) + 0.5, 0);
      context.lineTo(Math.round(x) + 0.5, mediaSize.height);
      context.stroke();
      context.setLineDash([]);
      context.fillStyle = this.color;
      context.font = '11px system-ui, sans-serif';
      context.textAlign = 'right';
      context.fillText(this.label, x - 4, 12);
      context.restore();
    });
  }
}

export class NowMarkPrimitive implements ISeriesPrimitive<Time> {
  private attachedTo: SeriesAttachedParameter<Time> | null = null;
  private last: number | null = null;
  private next: number | null = null;
  private color = 'transparent';
  private label = 'now';
  private view: IPrimitivePaneView = { renderer: () => null };

  attached(param: SeriesAttachedParameter<Time>): void {
    this.attachedTo = param;
  }

  detached(): void {
    this.attachedTo = null;
  }

  /** Between the last candle (`last`) and the first future point (`next`, else half a bar on). */
  set(last: number | null, next: number | null, color: string, label: string): void {
    Object.assign(this, { last, next, color, label });
    this.attachedTo?.requestUpdate();
  }

  updateAllViews(): void {
    const at = this.attachedTo;
    if (!at || this.last === null) {
      this.view = { renderer: () => null };
      return;
    }
    const scale = at.chart.timeScale();
    const lastX = scale.timeToCoordinate(this.last as UTCTimestamp);
    const nextX = this.next === null ? null : scale.timeToCoordinate(this.next as UTCTimestamp);
    const x = lastX === null ? null : nextX === null ? lastX + scale.options().barSpacing / 2 : (lastX + nextX) / 2;
    const renderer = new NowRenderer(x, this.color, this.label);
    this.view = { renderer: () => renderer };
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return [this.view];
  }
}
