/**
 * The asset's one chart: candles, volume (its own pane) and volatility (a pane under it: each
 * candle's realized range, then the forecast's expected range of each future candle), the forecast
 * as a dashed line from the last close with its 90% and 80% bands, the "now" mark, past forecasts
 * with hit/miss markers. It only hands prepared data (chart-data.ts) to lightweight-charts. Once the
 * series have their data it marks itself `data-drawn="candles forecast band volatility"` (what is
 * drawn), a frame later, when the library has painted: the browser tests and bench/web.ts wait for it.
 */
import {
  CandlestickSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  CrosshairMode,
  HistogramSeries,
  LineSeries,
  LineStyle,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import { AlertLevelHandle } from '../alerts/AlertLevelHandle.tsx';
import type { TimeZoneChoice } from '../app/preferences/preferences.store.ts';
import type { ChartColors } from '../app/theme/tokens.ts';
import { BandPrimitive } from './band.primitive.ts';
import type { BandLayer, CandlePoint, HitMarker, LinePoint, VolumePoint } from './chart-data.ts';
import { crosshairLabel, tickLabel, withAlpha, type TickKind } from './chart-time.ts';
import { HIT_COLOR, MISS_COLOR } from './marker-colors.ts';
import { NowMarkPrimitive } from './now-mark.primitive.ts';

export interface PriceChartProps {
  candles: CandlePoint[];
  volume: VolumePoint[];
  forecast: LinePoint[];
  /** Nested bands, widest first (chart-data's toBandLayers). */
  bands: BandLayer[];
  /** The volatility pane, in percent (chart-data's toRangeBars). */
  range: { realized: LinePoint[]; expected: LinePoint[] };
  pastForecast: LinePoint[];
  markers: HitMarker[];
  colors: ChartColors;
  timezone: TimeZoneChoice;
  intraday: boolean;
  /**
   * Changes with the series or window shown: the view is fitted then, not on a refresh (the
   * reader's zoom stays). Null while the data shown is the previous window's (nothing to fit yet).
   */
  fitKey: string | null;
  /** The alert being edited: its level drawn as a line with a handle to drag (the editor's), or null. */
  alertLevel?: number | null;
  onAlertLevel?: (level: number) => void;
  /** The levels of the asset's other price rules, drawn as thin lines. */
  ruleLevels?: number[];
}

interface Parts {
  chart: IChartApi;
  candles: ISeriesApi<'Candlestick'>;
  volume: ISeriesApi<'Histogram'>;
  forecast: ISeriesApi<'Line'>;
  past: ISeriesApi<'Line'>;
  realizedRange: ISeriesApi<'Histogram'>;
  expectedRange: ISeriesApi<'Histogram'>;
  markers: ISeriesMarkersPluginApi<Time>;
  /** The outer (90%) band, then the inner (80%) one, drawn in that order. */
  bands: [BandPrimitive, BandPrimitive];
  now: NowMarkPrimitive;
}

const t = (seconds: number) => seconds as UTCTimestamp;

function build(element: HTMLElement): Parts {
  const chart = createChart(element, {
    autoSize: true,
    layout: { attributionLogo: true },
    crosshair: { mode: CrosshairMode.Normal },
    timeScale: { rightOffset: 3 },
  });
  const candles = chart.addSeries(CandlestickSeries, { borderVisible: false, priceLineVisible: false });
  const past = chart.addSeries(LineSeries, {
    lineWidth: 2,
    lineStyle: LineStyle.Dotted,
    priceLineVisible: false,
    lastValueVisible: false,
    crosshairMarkerVisible: false,
  });
  const forecast = chart.addSeries(LineSeries, {
    lineWidth: 2,
    lineStyle: LineStyle.Dashed,
    priceLineVisible: false,
    lastValueVisible: false,
  });
  const volume = chart.addSeries(HistogramSeries, { priceFormat: { type: 'volume' }, priceLineVisible: false, lastValueVisible: false }, 1);
  const percent = { type: 'custom' as const, formatter: (value: number) => `${value.toFixed(2)}%`, minMove: 0.01 };
  const range = { priceFormat: percent, priceLineVisible: false, lastValueVisible: false };
  const realizedRange = chart.addSeries(HistogramSeries, range, 2);
  const expectedRange = chart.addSeries(HistogramSeries, range, 2);
  chart.panes()[0]?.setStretchFactor(4);
  chart.panes()[1]?.setStretchFactor(1);
  chart.panes()[2]?.setStretchFactor(1);
  const bands: [BandPrimitive, BandPrimitive] = [new BandPrimitive(), new BandPrimitive()];
  for (const band of bands) forecast.attachPrimitive(band);
  const now = new NowMarkPrimitive();
  candles.attachPrimitive(now);
  const markers = createSeriesMarkers(candles, []);
  return { chart, candles, volume, forecast, past, realizedRange, expectedRange, markers, bands, now };
}

export default function PriceChart(props: PriceChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const parts = useRef<Parts | null>(null);
  const fitted = useRef<string | null>(null);

  useEffect(() => {
    const built = build(element.current!);
    parts.current = built;
    return () => {
      parts.current = null;
      fitted.current = null;
      built.chart.remove();
    };
  }, []);

  const { candles, volume, forecast, bands, range, pastForecast, markers, colors, timezone, intraday, fitKey } = props;
  useEffect(() => {
    const p = parts.current;
    const root = element.current;
    if (!p || !root) return;
    p.chart.applyOptions({
      layout: {
        background: { type: ColorType.Solid, color: colors.background },
        textColor: colors.text,
        panes: { separatorColor: colors.grid },
      },
      grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
      timeScale: {
        timeVisible: intraday,
        borderColor: colors.grid,
        tickMarkFormatter: (time: Time, kind: TickKind) => tickLabel(Number(time), kind, timezone),
      },
      rightPriceScale: { borderColor: colors.grid },
      localization: { timeFormatter: (time: Time) => crosshairLabel(Number(time), intraday, timezone) },
    });
    p.candles.applyOptions({ upColor: colors.up, downColor: colors.down, wickUpColor: colors.up, wickDownColor: colors.down });
    p.forecast.applyOptions({ color: colors.forecast });
    p.past.applyOptions({ color: withAlpha(colors.text, 0.6) });

    p.candles.setData(candles.map((c) => ({ ...c, time: t(c.time) })));
    p.volume.setData(volume.map((v) => ({ time: t(v.time), value: v.value, color: withAlpha(v.up ? colors.up : colors.down, 0.45) })));
    p.past.setData(pastForecast.map((l) => ({ time: t(l.time), value: l.value })));
    p.forecast.setData(forecast.map((l) => ({ time: t(l.time), value: l.value })));
    p.markers.setMarkers(
      markers.map((m) => ({
        time: t(m.time),
        position: m.hit ? 'aboveBar' : 'belowBar',
        shape: m.hit ? 'circle' : 'square',
        color: m.hit ? HIT_COLOR : MISS_COLOR,
        size: 0.5,
      })),
    );
    p.realizedRange.setData(range.realized.map((r) => ({ time: t(r.time), value: r.value, color: colors.range })));
    p.expectedRange.setData(range.expected.map((r) => ({ time: t(r.time), value: r.value, color: withAlpha(colors.forecast, 0.7) })));
    const [outer, inner] = [bands.length > 1 ? bands[0] : undefined, bands.at(-1)];
    p.bands[0].set(outer?.points ?? [], colors.band);
    // A single band is drawn in the outer colour: the colour a reader (and the browser tests) knows as "the band".
    p.bands[1].set(inner?.points ?? [], bands.length > 1 ? colors.bandInner : colors.band);
    const last = candles.at(-1)?.time ?? null;
    p.now.set(last, forecast[1]?.time ?? null, withAlpha(colors.text, 0.7), 'now');
    if (fitKey !== null && fitted.current !== fitKey && candles.length > 0) {
      p.chart.timeScale().fitContent();
      fitted.current = fitKey;
    }

    const drawn = [
      candles.length > 0 && 'candles',
      forecast.length > 0 && 'forecast',
      bands.length > 0 && 'band',
      range.expected.length > 0 && 'volatility',
    ]
      .filter(Boolean)
      .join(' ');
    const frame = requestAnimationFrame(() => {
      if (drawn) root.dataset.drawn = drawn;
      else delete root.dataset.drawn;
    });
    return () => cancelAnimationFrame(frame);
  }, [candles, volume, forecast, bands, range, pastForecast, markers, colors, timezone, intraday, fitKey]);

  const { alertLevel = null, onAlertLevel, ruleLevels } = props;
  const [line, setLine] = useState<{ y: number | null; paneHeight: number }>({ y: null, paneHeight: 0 });
  const alertLine = useRef<IPriceLine | null>(null);
  const showLine = alertLevel !== null;
  useEffect(() => {
    const p = parts.current;
    if (!p || !showLine) return;
    const created = p.candles.createPriceLine({ price: 0, lineWidth: 2, lineStyle: LineStyle.Dashed, title: 'Alert' });
    alertLine.current = created;
    return () => {
      parts.current?.candles.removePriceLine(created);
      alertLine.current = null;
    };
  }, [showLine]);
  useEffect(() => {
    if (alertLevel !== null) alertLine.current?.applyOptions({ price: alertLevel, color: colors.forecast });
  }, [alertLevel, colors.forecast, showLine]);
  // The handle follows the line's y through zoom, scroll and resizes: read each frame, set when it moved.
  useEffect(() => {
    if (alertLevel === null) return;
    let frame = 0;
    const follow = () => {
      const p = parts.current;
      const y = p?.candles.priceToCoordinate(alertLevel) ?? null;
      const paneHeight = p?.chart.panes()[0]?.getHeight() ?? 0;
      setLine((old) => (old.y === y && old.paneHeight === paneHeight ? old : { y, paneHeight }));
      frame = requestAnimationFrame(follow);
    };
    follow();
    return () => cancelAnimationFrame(frame);
  }, [alertLevel]);

  const ruleLines = useRef<IPriceLine[]>([]);
  useEffect(() => {
    const p = parts.current;
    if (!p) return;
    for (const old of ruleLines.current) p.candles.removePriceLine(old);
    ruleLines.current = (ruleLevels ?? []).map((price) =>
      p.candles.createPriceLine({
        price,
        color: withAlpha(colors.text, 0.5),
        lineWidth: 1,
        lineStyle: LineStyle.Dotted,
        axisLabelVisible: false,
      }),
    );
  }, [ruleLevels, colors.text]);

  return (
    <div className="price-chart-wrap">
      <div ref={element} className="price-chart" data-testid="price-chart" />
      {alertLevel !== null && onAlertLevel && (
        <AlertLevelHandle
          level={alertLevel}
          y={line.y}
          paneHeight={line.paneHeight}
          toPrice={(y) => parts.current?.candles.coordinateToPrice(y) ?? null}
          onChange={onAlertLevel}
        />
      )}
    </div>
  );
}
