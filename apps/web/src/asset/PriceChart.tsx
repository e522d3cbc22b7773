/**
 * The asset's one chart: candles and volume (its own pane), the forecast as a dashed line from the
 * last close with its band, the "now" mark, past forecasts with hit/miss markers. It only hands
 * prepared data (chart-data.ts) to lightweight-charts. Once the series have their data it marks
 * itself `data-drawn="candles forecast band"` (what is drawn), a frame later, when the library has
 * painted: the browser tests and bench/web.ts wait for it.
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
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import type { TimeZoneChoice } from '../app/preferences/preferences.store.ts';
import type { ChartColors } from '../app/theme/tokens.ts';
import { BandPrimitive } from './band.primitive.ts';
import type { BandPoint, CandlePoint, HitMarker, LinePoint, VolumePoint } from './chart-data.ts';
import { crosshairLabel, tickLabel, withAlpha, type TickKind } from './chart-time.ts';
import { HIT_COLOR, MISS_COLOR } from './marker-colors.ts';
import { NowMarkPrimitive } from './now-mark.primitive.ts';

export interface PriceChartProps {
  candles: CandlePoint[];
  volume: VolumePoint[];
  forecast: LinePoint[];
  band: BandPoint[];
  pastForecast: LinePoint[];
  markers: HitMarker[];
  colors: ChartColors;
  timezone: TimeZoneChoice;
  intraday: boolean;
  /** Changes with the series or window shown: the view is fitted then, not on a refresh (the reader's zoom stays). */
  fitKey: string;
  /** What the chart shows, as a tooltip (the table is the accessible view). */
  label: string;
}

interface Parts {
  chart: IChartApi;
  candles: ISeriesApi<'Candlestick'>;
  volume: ISeriesApi<'Histogram'>;
  forecast: ISeriesApi<'Line'>;
  past: ISeriesApi<'Line'>;
  markers: ISeriesMarkersPluginApi<Time>;
  band: BandPrimitive;
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
    lineWidth: 1,
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
  chart.panes()[0]?.setStretchFactor(4);
  chart.panes()[1]?.setStretchFactor(1);
  const band = new BandPrimitive();
  forecast.attachPrimitive(band);
  const now = new NowMarkPrimitive();
  candles.attachPrimitive(now);
  const markers = createSeriesMarkers(candles, []);
  return { chart, candles, volume, forecast, past, markers, band, now };
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

  const { candles, volume, forecast, band, pastForecast, markers, colors, timezone, intraday, fitKey } = props;
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
        size: 0.7,
      })),
    );
    p.band.set(band, colors.band);
    const last = candles.at(-1)?.time ?? null;
    p.now.set(last, forecast[1]?.time ?? null, withAlpha(colors.text, 0.7), 'now');
    if (fitted.current !== fitKey && candles.length > 0) {
      p.chart.timeScale().fitContent();
      fitted.current = fitKey;
    }

    const drawn = [candles.length > 0 && 'candles', forecast.length > 0 && 'forecast', band.length > 0 && 'band'].filter(Boolean).join(' ');
    const frame = requestAnimationFrame(() => {
      if (drawn) root.dataset.drawn = drawn;
      else delete root.dataset.drawn;
    });
    return () => cancelAnimationFrame(frame);
  }, [candles, volume, forecast, band, pastForecast, markers, colors, timezone, intraday, fitKey]);

  return <div ref={element} className="price-chart" data-testid="price-chart" title={props.label} />;
}
