import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { parse } from 'yaml';
import { DESIGN_HISTOGRAMS, DESIGN_METRICS } from './support/metrics.js';
import { dashboardQueries, metricNames } from './support/promql.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DASHBOARDS = join(ROOT, 'grafana', 'dashboards');

/** DESIGN.md, Metrics, as series names. */
const CANDLECAST_METRICS = DESIGN_METRICS.flatMap((name) => (DESIGN_HISTOGRAMS.includes(name) ? histogramSeries(name) : [name]));

function histogramSeries(name: string): string[] {
  return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
}

/** prom-client's default Node metrics, as every service registers them. */
function defaultMetrics(): string[] {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry.getMetricsAsArray().flatMap((metric) => (metric instanceof Histogram ? histogramSeries(metric.name) : [metric.name]));
}

/** `up` for every target, `ALERTS` for the alerts of prometheus/alerts.yml. */
const KNOWN_METRICS = new Set([...CANDLECAST_METRICS, ...defaultMetrics(), 'up', 'ALERTS']);

describe('metricNames', () => {
  it('finds the metric of an aggregated rate, not the aggregation, function or label names', () => {
    expect(metricNames('sum by (route) (rate(candlecast_http_requests_total{status=~"5.."}[5m]))')).toEqual([
      'candlecast_http_requests_total',
    ]);
  });

  it('finds the bucket series of a histogram quantile, with `by` after the aggregation', () => {
    expect(
      metricNames(
        'histogram_quantile(0.95, sum(rate(candlecast_http_request_duration_seconds_bucket{service="gateway"}[$__rate_interval])) by (le, route))',
      ),
    ).toEqual(['candlecast_http_request_duration_seconds_bucket']);
  });

  it('finds both sides of a binary operation, each once, and none of the matching labels', () => {
    const expr =
      'sum without (instance) (rate(candlecast_http_request_duration_seconds_sum[5m])) / ignoring (le) group_left (service) ' +
      'sum without (instance) (rate(candlecast_http_request_duration_seconds_count[5m] offset 1h)) > bool 0.5 ' +
      'and on (route) candlecast_http_request_duration_seconds_sum';
    expect(metricNames(expr)).toEqual(['candlecast_http_request_duration_seconds_sum', 'candlecast_http_request_duration_seconds_count']);
  });

  it('reads group_left without a label list as a keyword, and the metric after it as a metric', () => {
    expect(
      metricNames('candlecast_model_score{metric="mae"} / on (asset, interval) group_left candlecast_last_candle_age_seconds'),
    ).toEqual(['candlecast_model_score', 'candlecast_last_candle_age_seconds']);
  });

  it('ignores what strings hold, even braces and metric-like words', () => {
    expect(metricNames('label_replace(up{job="worker"}, "host", "$1", "instance", "(candlecast_jobs_total{.*}):.*")')).toEqual(['up']);
    expect(metricNames('count_values("candlecast_queue_jobs", candlecast_training_loss)')).toEqual(['candlecast_training_loss']);
  });

  it('takes a metric named with a __name__ matcher', () => {
    expect(metricNames('{__name__="candlecast_jobs_total", status="failed"}')).toEqual(['candlecast_jobs_total']);
  });

  it('skips numbers, durations, subqueries, @ modifiers and keywords in any case', () => {
    expect(metricNames('max_over_time(rate(process_cpu_seconds_total[1h30m])[1d:5m] @ end()) * 1e-3 > 0x10 AND Inf > NaN')).toEqual([
      'process_cpu_seconds_total',
    ]);
  });

  it('keeps the colons of recording rule names', () => {
    expect(metricNames('candlecast:http_5xx:ratio5m > 0.05 or vector(0)')).toEqual(['candlecast:http_5xx:ratio5m']);
  });

  it('reads a multi-line alert expression', () => {
    const expr = readFileSync(join(ROOT, 'prometheus', 'alerts.yml'), 'utf8');
    const rules = (parse(expr) as { groups: { rules: { alert: string; expr: string }[] }[] }).groups.flatMap((group) => group.rules);
    const stale = rules.find((rule) => rule.alert === 'CandlecastCandlesStale')!;
    expect(metricNames(stale.expr)).toEqual(['candlecast_last_candle_age_seconds']);
  });
});

describe('the alert rules', () => {
  const rules = (
    parse(readFileSync(join(ROOT, 'prometheus', 'alerts.yml'), 'utf8')) as { groups: { rules: { alert: string; expr: string }[] }[] }
  ).groups.flatMap((group) => group.rules);

  it('select only metrics that the services expose (DESIGN.md), up and ALERTS', () => {
    const unknown = rules.flatMap((rule) =>
      metricNames(rule.expr)
        .filter((name) => !KNOWN_METRICS.has(name))
        .map((name) => `${rule.alert}: ${name}`),
    );
    expect(unknown).toEqual([]);
  });

  it('watch the calibration and freshness of the served forecasts, not MASE against naive', () => {
    const byName = Object.fromEntries(rules.map((rule) => [rule.alert, metricNames(rule.expr)]));
    expect(byName).toMatchObject({
      CandlecastForecastCoverageOutOfBand: ['candlecast_forecast_coverage'],
      CandlecastServedModelStale: ['candlecast_served_model_age_seconds'],
      CandlecastSeriesWithoutForecast: ['candlecast_last_candle_age_seconds', 'candlecast_forecast_age_seconds'],
    });
    expect(byName).not.toHaveProperty('CandlecastModelWorseThanNaive');
  });

  it('watch webhook failures as a share of all attempts, not one receiver that fails', () => {
    const byName = Object.fromEntries(rules.map((rule) => [rule.alert, metricNames(rule.expr)]));
    expect(byName.CandlecastWebhookFailuresClimbing).toEqual(['candlecast_webhook_deliveries_total']);
  });
});

describe('dashboardQueries', () => {
  const dashboard = {
    templating: {
      list: [
        {
          name: 'asset',
          type: 'query',
          query: { qryType: 1, query: 'label_values(candlecast_model_score{metric="mase"}, asset)', refId: 'V' },
        },
        { name: 'interval', type: 'query', query: 'label_values(candlecast_last_candle_age_seconds{asset=~"$asset"}, interval)' },
        { name: 'job', type: 'query', query: 'label_values(job)' },
        { name: 'worst', type: 'query', query: 'query_result(topk(3, candlecast_model_score{metric="mase"}))' },
        { name: 'route', type: 'query', query: 'label_values(candlecast_http_requests_total, route)' },
        { name: 'quantile', type: 'custom', query: '0.95,0.5', current: { text: '0.99', value: '0.99' } },
      ],
    },
    annotations: {
      list: [
        { builtIn: 1, name: 'Annotations & Alerts', datasource: { type: 'grafana', uid: '-- Grafana --' } },
        { name: 'Alerts', expr: 'ALERTS{alertstate="firing"}' },
      ],
    },
    panels: [
      {
        title: 'Latency',
        type: 'timeseries',
        targets: [
          {
            refId: 'A',
            expr: 'histogram_quantile($quantile, sum by (le) (rate(candlecast_http_request_duration_seconds_bucket{route=~"${route:regex}"}[$__rate_interval])))',
          },
          { refId: 'B', datasource: { type: 'prometheus', uid: 'prometheus' } },
        ],
      },
      {
        title: 'Models',
        type: 'row',
        collapsed: true,
        panels: [
          {
            title: 'MASE',
            type: 'stat',
            targets: [{ refId: 'A', expr: 'candlecast_model_score{asset=~"$asset", interval=~"[[interval]]", metric="mase"}' }],
          },
        ],
      },
      {
        title: 'Forecasts',
        type: 'table',
        targets: [{ refId: 'A', expr: 'sum(increase(candlecast_predictions_served_total{asset=~"$asset"}[$__range]))', instant: true }],
      },
    ],
  };

  it('lists variable, panel (rows included) and annotation queries, runnable in plain Prometheus', () => {
    expect(dashboardQueries(dashboard).map(({ source, expr }) => [source, expr])).toEqual([
      ['variable asset', 'candlecast_model_score{metric="mase"}'],
      ['variable interval', 'candlecast_last_candle_age_seconds{asset=~".*"}'],
      ['variable worst', 'topk(3, candlecast_model_score{metric="mase"})'],
      ['variable route', 'candlecast_http_requests_total'],
      [
        'panel "Latency" A',
        'histogram_quantile(0.99, sum by (le) (rate(candlecast_http_request_duration_seconds_bucket{route=~".*"}[1m])))',
      ],
      ['panel "MASE" A', 'candlecast_model_score{asset=~".*", interval=~".*", metric="mase"}'],
      ['panel "Forecasts" A', 'sum(increase(candlecast_predictions_served_total{asset=~".*"}[1m]))'],
      ['annotation "Alerts"', 'ALERTS{alertstate="firing"}'],
    ]);
  });

  it('keeps each query as the dashboard writes it', () => {
    expect(dashboardQueries(dashboard).find((q) => q.source === 'panel "Forecasts" A')!.template).toBe(
      'sum(increase(candlecast_predictions_served_total{asset=~"$asset"}[$__range]))',
    );
  });

  it('refuses a variable the dashboard does not define', () => {
    const broken = {
      panels: [{ title: 'Kraken', targets: [{ refId: 'A', expr: 'rate(candlecast_kraken_requests_total{endpoint=~"$endpoint"}[5m])' }] }],
    };
    expect(() => dashboardQueries(broken)).toThrow('panel "Kraken" A uses $endpoint, which the dashboard does not define');
  });
});

interface Datasource {
  type?: string;
  uid?: string;
}
interface Panel {
  id?: number;
  type?: string;
  title?: string;
  datasource?: Datasource;
  targets?: { refId?: string; datasource?: Datasource }[];
  panels?: Panel[];
}
interface Dashboard extends Panel {
  uid: string;
  templating: { list: { type: string; name: string; datasource?: Datasource }[] };
  annotations: { list: { builtIn?: number; name: string; datasource?: Datasource }[] };
}

describe('the Grafana dashboards', () => {
  const files = readdirSync(DASHBOARDS).filter((file) => file.endsWith('.json'));
  const dashboards = files.map((file) => ({ file, model: JSON.parse(readFileSync(join(DASHBOARDS, file), 'utf8')) as Dashboard }));
  const datasource = (
    parse(readFileSync(join(ROOT, 'grafana', 'provisioning', 'datasources', 'prometheus.yml'), 'utf8')) as {
      datasources: { uid: string }[];
    }
  ).datasources[0];
  const allPanels = (container: Panel): Panel[] => (container.panels ?? []).flatMap((panel) => [panel, ...allPanels(panel)]);

  it('are the API, jobs, models, data and notifications dashboards, each with a title and its own uid', () => {
    expect(files.sort()).toEqual(['api.json', 'data.json', 'jobs.json', 'models.json', 'notifications.json']);
    for (const { model } of dashboards) {
      expect(model.title).toEqual(expect.stringMatching(/\S/));
      expect(model.uid).toEqual(expect.stringMatching(/^[\w-]{1,40}$/));
    }
    expect(new Set(dashboards.map(({ model }) => model.uid)).size).toBe(dashboards.length);
  });

  it('query the provisioned Prometheus data source, by its uid', () => {
    expect(datasource.uid).toBe('prometheus');
    for (const { file, model } of dashboards) {
      const panels = allPanels(model).filter((panel) => panel.type !== 'row');
      const users: [string, Datasource | undefined][] = [
        ...panels.map((panel): [string, Datasource | undefined] => [`panel "${panel.title}"`, panel.datasource]),
        ...panels.flatMap((panel) =>
          (panel.targets ?? []).map((target): [string, Datasource | undefined] => [
            `panel "${panel.title}" ${target.refId}`,
            target.datasource,
          ]),
        ),
        ...model.templating.list
          .filter((variable) => variable.type === 'query')
          .map((variable): [string, Datasource | undefined] => [`variable ${variable.name}`, variable.datasource]),
        ...model.annotations.list
          .filter((annotation) => !annotation.builtIn)
          .map((annotation): [string, Datasource | undefined] => [`annotation "${annotation.name}"`, annotation.datasource]),
      ];
      const others = users
        .filter(([, used]) => used?.type !== 'prometheus' || used?.uid !== datasource.uid)
        .map(([where, used]) => `${where}: ${JSON.stringify(used)}`);
      expect({ file, others }).toEqual({ file, others: [] });
    }
  });

  it('give every panel its own id', () => {
    for (const { file, model } of dashboards) {
      const ids = allPanels(model).map((panel) => panel.id);
      expect({ file, duplicates: ids.filter((id, i) => ids.indexOf(id) !== i) }).toEqual({ file, duplicates: [] });
    }
  });

  it('select only metrics that the services expose (DESIGN.md), prom-client defaults, up and ALERTS', () => {
    for (const { file, model } of dashboards) {
      const queries = dashboardQueries(model);
      expect(queries.length).toBeGreaterThan(5);
      const unknown = queries.flatMap(({ source, expr }) =>
        metricNames(expr)
          .filter((name) => !KNOWN_METRICS.has(name))
          .map((name) => `${source}: ${name}`),
      );
      expect({ file, unknown }).toEqual({ file, unknown: [] });
    }
  });

  it('use every metric of DESIGN.md somewhere', () => {
    const used = new Set(dashboards.flatMap(({ model }) => dashboardQueries(model).flatMap(({ expr }) => metricNames(expr))));
    const histogramUsed = (name: string) => histogramSeries(name).some((series) => used.has(series));
    const unused = [
      ...CANDLECAST_METRICS.filter((name) => !DESIGN_HISTOGRAMS.some((h) => name.startsWith(h)) && !used.has(name)),
      ...DESIGN_HISTOGRAMS.filter((name) => !histogramUsed(name)),
    ];
    expect(unused).toEqual([]);
  });

  it('give alerts fired, webhook deliveries and notification latency a panel each (step 10)', () => {
    const notifications = dashboards.find(({ file }) => file === 'notifications.json')!.model;
    const panelsOf = (metric: string) =>
      allPanels(notifications)
        .filter((panel) => dashboardQueries({ ...notifications, panels: [panel] }).some(({ expr }) => metricNames(expr).includes(metric)))
        .map((panel) => panel.title);
    expect(panelsOf('candlecast_alerts_fired_total')).toContain('Alerts fired per hour');
    expect(panelsOf('candlecast_webhook_deliveries_total')).toContain('Webhook attempts per minute');
    expect(panelsOf('candlecast_notification_latency_seconds_bucket')).toEqual(['Notification latency p95']);
  });

  it('size range selectors with Grafana variables, so that a panel stays right at any zoom', () => {
    for (const { file, model } of dashboards) {
      const fixed = dashboardQueries(model).flatMap(({ source, template }) =>
        [...template.matchAll(/\[([^\]]*)\]/g)]
          .filter(([, range]) => !/^\$__(rate_interval|interval|range)$/.test(range))
          .map(([range]) => `${source}: ${range}`),
      );
      expect({ file, fixed }).toEqual({ file, fixed: [] });
    }
  });
});
