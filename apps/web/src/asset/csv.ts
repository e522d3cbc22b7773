/**
 * CSV of what the page shows (RFC 4180: comma, CRLF, fields with a comma, quote or line break
 * quoted, quotes doubled), and the rows of the asset page's export.
 */
import type { Candle, Forecast, ForecastRecord } from './chart-data.ts';
import { unix } from './chart-data.ts';

export type CsvValue = string | number | boolean | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export const EXPORT_HEADER = [
  'asset',
  'interval',
  'kind',
  'time_iso',
  'time_unix',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'predicted_close',
  'actual_close',
  'made_at_iso',
  'made_at_unix',
  'model_version',
];

export interface ExportInput {
  asset: string;
  interval: string;
  candles: Candle[];
  forecast: Forecast | null | undefined;
  pastForecasts: ForecastRecord[];
}

/**
 * One row per candle (`candle`), per point of the latest forecast (`forecast`) and per past forecast
 * shown (`past_forecast`, with its actual close once realized). Times are open times (a forecast's:
 * the open time of the candle it forecasts); prices as the API gave them.
 */
export function exportRows({ asset, interval, candles, forecast, pastForecasts }: ExportInput): CsvValue[][] {
  const base = (kind: string, time: string) => [asset, interval, kind, time, unix(time)];
  const rows: CsvValue[][] = candles.map((c) => [...base('candle', c.time), c.open, c.high, c.low, c.close, c.volume, '', '', '', '', '']);
  for (const p of forecast?.points ?? [])
    rows.push([
      ...base('forecast', p.targetTime),
      '',
      '',
      '',
      '',
      '',
      p.predictedClose,
      p.actualClose,
      forecast!.madeAt,
      unix(forecast!.madeAt),
      forecast!.model.version,
    ]);
  for (const r of pastForecasts)
    rows.push([
      ...base('past_forecast', r.targetTime),
      '',
      '',
      '',
      '',
      '',
      r.predictedClose,
      r.actualClose,
      r.madeAt,
      unix(r.madeAt),
      r.model.version,
    ]);
  return rows;
}

export const exportFileName = (asset: string, interval: string): string =>
  `candlecast-${asset.replace(/[^A-Za-z0-9_-]/g, '_')}-${interval}.csv`;

/** Offers a text as a file download (a Blob URL, revoked once clicked). */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
