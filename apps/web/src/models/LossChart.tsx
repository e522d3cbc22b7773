import { createOptionsChart, LineSeries, LineStyle, type IChartApiBase, type ISeriesApi } from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { useTheme } from '../app/theme/useTheme.ts';
import { formatLoss, type LossSeries } from './loss-series.ts';

// Losses are small (1e-4 is common): the default two decimals would read 0.00.
const LOSS_FORMAT = { type: 'custom', minMove: 1e-9, formatter: (value: number) => formatLoss(value) } as const;

interface Drawn {
  chart: IChartApiBase<number>;
  loss: ISeriesApi<'Line', number>;
  valLoss: ISeriesApi<'Line', number>;
}

/**
 * The training and validation loss per epoch, on a numeric horizontal scale (epochs, not times).
 * The only module that touches lightweight-charts for this feature, loaded on first use; jsdom has
 * no canvas, so component tests replace this module.
 */
export default function LossChart({ series, label }: { series: LossSeries; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  const drawn = useRef<Drawn | null>(null);
  const { chart: colors } = useTheme();

  useEffect(() => {
    if (!container.current) return;
    const chart = createOptionsChart(container.current, {
      autoSize: true,
      localization: { precision: 0 },
      handleScroll: false,
      handleScale: false,
    });
    const loss = chart.addSeries(LineSeries, {
      title: 'loss',
      lineWidth: 2,
      priceLineVisible: false,
      lastValueVisible: false,
      priceFormat: LOSS_FORMAT,
    });
    const valLoss = chart.addSeries(LineSeries, {
      title: 'validation',
      lineWidth: 2,
      lineStyle: LineStyle.Dashed,
      priceLineVisible: false,
      lastValueVisible: false,
      priceFormat: LOSS_FORMAT,
    });
    drawn.current = { chart, loss, valLoss };
    return () => {
      drawn.current = null;
      chart.remove();
    };
  }, []);

  useEffect(() => {
    const current = drawn.current;
    if (!current) return;
    current.chart.applyOptions({
      layout: { background: { color: colors.background }, textColor: colors.text },
      grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
    });
    current.loss.applyOptions({ color: colors.forecast });
    current.valLoss.applyOptions({ color: colors.down });
  }, [colors]);

  useEffect(() => {
    const current = drawn.current;
    if (!current) return;
    current.loss.setData(series.loss);
    current.valLoss.setData(series.valLoss);
    current.chart.timeScale().fitContent();
  }, [series]);

  return (
    <figure className="loss-chart">
      <div ref={container} className="loss-chart-canvas" role="img" aria-label={label} />
      <figcaption className="muted">
        <span className="legend-swatch" style={{ background: colors.forecast }} aria-hidden="true" /> training loss{' '}
        <span className="legend-swatch legend-dashed" style={{ borderColor: colors.down }} aria-hidden="true" /> validation loss, per epoch
      </figcaption>
    </figure>
  );
}
