/**
 * Small SVG plots for the backtest page: a few hundred points at most, so plain SVG (testable in
 * jsdom, readable by screen readers through its title and the tables beside it) rather than a canvas.
 */

export interface Frame {
  width: number;
  height: number;
  /** Inner margins: left for the value labels, bottom for the time labels. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const FRAME: Frame = { width: 640, height: 240, left: 44, right: 12, top: 10, bottom: 24 };

/** A linear map from [from0, from1] onto [to0, to1]; the middle of the target when the source is one point. */
export function scale(from0: number, from1: number, to0: number, to1: number): (v: number) => number {
  if (from1 === from0) return () => (to0 + to1) / 2;
  return (v) => to0 + ((v - from0) / (from1 - from0)) * (to1 - to0);
}

/** An SVG path through the points, two decimals. */
export function linePath(points: { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(2)},${p.y.toFixed(2)}`).join(' ');
}
