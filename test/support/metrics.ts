/** The value of one series (`name{label="value",...}`, labels in exposition order) in a Prometheus text exposition; undefined when absent. */
export function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** DESIGN.md, Metrics: the histograms (exposed as `_bucket`, `_sum` and `_count` series). */
export const DESIGN_HISTOGRAMS = [
  'candlecast_http_request_duration_seconds',
  'candlecast_job_duration_seconds',
  'candlecast_kraken_request_duration_seconds',
  // Step 10: from a candle's close (or the event) to the inbox, the live stream, a webhook.
  'candlecast_notification_latency_seconds',
];

/** DESIGN.md, Metrics: every metric the services expose, by name. */
export const DESIGN_METRICS = [
  'candlecast_http_requests_total',
  'candlecast_http_exceptions_total',
  'candlecast_predictions_served_total',
  'candlecast_predictions_generated_total',
  'candlecast_model_score',
  'candlecast_jobs_total',
  'candlecast_queue_jobs',
  'candlecast_job_schedulers',
  'candlecast_training_loss',
  'candlecast_candles_ingested_total',
  'candlecast_last_candle_age_seconds',
  'candlecast_kraken_requests_total',
  'candlecast_auth_events_total',
  // Step 8 (prediction service's platform state): calibration and freshness of the served forecasts.
  'candlecast_forecast_coverage',
  'candlecast_served_model_age_seconds',
  'candlecast_forecast_age_seconds',
  // Step 10: alerts and their delivery.
  'candlecast_alerts_fired_total',
  'candlecast_webhook_deliveries_total',
  ...DESIGN_HISTOGRAMS,
];
