/**
 * The Compare page's chart: one line per series on one price scale indexed to 100 (lightweight-charts'
 * PriceScaleMode.IndexedTo100: every line reads 100 at the first visible time, so zooming rebases).
 * Marks itself `data-drawn="lines"` a frame after its data is set, for the browser tests.
 */
import {
  ColorType,
  createChart,
  CrosshairMode,
  LineSeries,
  PriceScaleMode,
  type IChartApi,
  type ISeriesApi,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { TimeZoneChoice } from '../app/preferences/preferences.store.ts';
import type { ChartColors } from '../app/theme/tokens.ts';
import { crosshairLabel, tickLabel, type TickKind } from '../asset/chart-time.ts';
import type { CompareLine } from './compare-data.ts';

export interface CompareChartProps {
  lines: CompareLine[];
  colors: ChartColors;
  timezone: TimeZoneChoice;
  intraday: boolean;
}

export default function CompareChart({ lines, colors, timezone, intraday }: CompareChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef<ISeriesApi<'Line'>[]>([]);

  useEffect(() => {
    const built = createChart(element.current!, {
      autoSize: true,
      layout: { attributionLogo: true },
      crosshair: { mode: CrosshairMode.Normal },
      rightPriceScale: { mode: PriceScaleMode.IndexedTo100 },
      // Years of daily closes fit the width: the default least spacing (0.5 px a bar) would show only the newest part.
      timeScale: { minBarSpacing: 0.05 },
    });
    chart.current = built;
    return () => {
      chart.current = null;
      series.current = [];
      built.remove();
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    const root = element.current;
    if (!c || !root) return;
    c.applyOptions({
      layout: { background: { type: ColorType.Solid, color: colors.background }, textColor: colors.text },
      grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
      timeScale: {
        timeVisible: intraday,
        borderColor: colors.grid,
        tickMarkFormatter: (time: Time, kind: TickKind) => tickLabel(Number(time), kind, timezone),
      },
      rightPriceScale: { borderColor: colors.grid, mode: PriceScaleMode.IndexedTo100 },
      localization: { timeFormatter: (time: Time) => crosshairLabel(Number(time), intraday, timezone) },
    });
    for (const old of series.current) c.removeSeries(old);
    series.current = lines.map((line) => {
      const s = c.addSeries(LineSeries, { color: line.color, lineWidth: 2, priceLineVisible: false, title: line.symbol });
      s.setData(line.points.map((p) => ({ time: p.time as UTCTimestamp, value: p.value })));
      return s;
    });
    c.timeScale().fitContent();
    const drawn = lines.some((line) => line.points.length > 0);
    let frame = requestAnimationFrame(() => {
      // Fitted again once laid out (the size may have arrived with this frame), and marked drawn the frame after.
      c.timeScale().fitContent();
      frame = requestAnimationFrame(() => {
        if (drawn) root.dataset.drawn = 'lines';
        else delete root.dataset.drawn;
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [lines, colors, timezone, intraday]);

  return <div ref={element} className="compare-chart" data-testid="compare-chart" />;
}
