import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { formatPrice } from '../app/format.ts';
import { levelAtY, stepLevel } from './price-level.ts';

export interface AlertLevelHandleProps {
  level: number;
  /** The level's y on the chart (the series' priceToCoordinate), or null while the scale has none. */
  y: number | null;
  /** The price pane's height: the handle stays inside it. */
  paneHeight: number;
  /** The series' coordinateToPrice. */
  toPrice: (y: number) => number | null;
  onChange: (level: number) => void;
}

/**
 * The alert level's handle over the chart: lightweight-charts' price lines cannot be dragged, so
 * this strip lies on the line and turns the pointer's y into a price; it is a slider for the
 * keyboard (arrow keys a tick, Shift ten ticks, Page keys a hundred).
 */
export function AlertLevelHandle({ level, y, paneHeight, toPrice, onChange }: AlertLevelHandleProps) {
  const dragging = useRef(false);
  if (y === null) return null;
  const top = Math.min(Math.max(y, 0), Math.max(paneHeight - 1, 0));

  const move = (event: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    const parent = event.currentTarget.parentElement!.getBoundingClientRect();
    const next = levelAtY(event.clientY - parent.top, paneHeight, toPrice);
    if (next !== null && next !== level) onChange(next);
  };
  const key = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = stepLevel(level, event.key, event.shiftKey);
    if (next === null) return;
    event.preventDefault();
    onChange(next);
  };

  return (
    <div
      className="alert-handle"
      style={{ top: `${top}px` }}
      role="slider"
      tabIndex={0}
      aria-label="Alert level"
      aria-valuenow={level}
      aria-valuetext={formatPrice(level)}
      aria-orientation="vertical"
      data-testid="alert-handle"
      onPointerDown={(event) => {
        dragging.current = true;
        event.currentTarget.setPointerCapture?.(event.pointerId);
        event.currentTarget.focus();
        event.preventDefault();
      }}
      onPointerMove={move}
      onPointerUp={(event) => {
        dragging.current = false;
        event.currentTarget.releasePointerCapture?.(event.pointerId);
      }}
      onPointerCancel={() => {
        dragging.current = false;
      }}
      onKeyDown={key}
    >
      <span className="alert-grip" aria-hidden="true">
        ⇕ Alert {formatPrice(level)}
      </span>
    </div>
  );
}
