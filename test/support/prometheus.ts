/**
 * A real Prometheus for integration tests, run with the project's own prometheus/prometheus.yml
 * and alerts.yml: every job keeps its name and settings (the bearer token included), only Docker's
 * service discovery gives way to the local targets given, and everything runs every second.
 *
 *   const prometheus = await startPrometheus({
 *     targets: { gateway: 'http://127.0.0.1:3000', prediction: 'http://127.0.0.1:3100', worker: ['http://127.0.0.1:9464'] },
 *     metricsToken: env.METRICS_TOKEN,
 *   });
 *   await prometheus.query('sum by (route) (candlecast_http_requests_total)');
 *   await prometheus.stop();
 *
 * Needs /usr/bin/prometheus (Debian's `prometheus` package, as CI installs it).
 */
import { spawn } from 'node:child_process';
import { access, constants, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { freePort } from './processes.js';
import { eventually } from './queues.js';

export const PROMETHEUS_BINARY = '/usr/bin/prometheus';
const CONFIG_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'prometheus');
const SECOND = '1s';

export interface PrometheusOptions {
  /** Per job of prometheus.yml, the URL (or URLs, for several replicas) whose /metrics it scrapes. */
  targets: Record<string, string | string[]>;
  /** What the services expect as `Authorization: Bearer <METRICS_TOKEN>`. */
  metricsToken: string;
}

export type QueryResult =
  | { resultType: 'vector'; result: { metric: Record<string, string>; value: [number, string] }[] }
  | { resultType: 'matrix'; result: { metric: Record<string, string>; values: [number, string][] }[] }
  | { resultType: 'scalar' | 'string'; result: [number, string] };

export interface PrometheusTarget {
  job: string;
  instance: string;
  scrapeUrl: string;
  health: 'up' | 'down' | 'unknown';
  lastError: string;
}

export interface PrometheusRule {
  name: string;
  type: 'alerting' | 'recording';
  query: string;
  health: 'ok' | 'err' | 'unknown';
  lastError?: string;
  /** Alerting rules only. */
  state?: 'inactive' | 'pending' | 'firing';
}

export interface PrometheusRuleGroup {
  name: string;
  file: string;
  rules: PrometheusRule[];
}

export interface RunningPrometheus {
  url: string;
  /** An instant query (GET /api/v1/query); throws with Prometheus' error if it fails. */
  query(expr: string): Promise<QueryResult>;
  /** The active targets and how their last scrape went. */
  targets(): Promise<PrometheusTarget[]>;
  /** Every metric name Prometheus holds a series of. */
  metricNames(): Promise<string[]>;
  /** Every rule group loaded from alerts.yml, with each rule's health. */
  rules(): Promise<PrometheusRuleGroup[]>;
  /** Prometheus' own log, for failure messages. */
  output(): string;
  /** SIGTERM, wait for it to exit, remove its data. */
  stop(): Promise<void>;
}

type ScrapeConfig = Record<string, unknown> & { job_name: string; authorization?: Record<string, unknown> };
type Config = Record<string, unknown> & { global?: Record<string, unknown>; rule_files?: string[]; scrape_configs: ScrapeConfig[] };

/** prometheus/prometheus.yml with local targets, the token in `tokenFile`, 1s intervals and absolute rule files. */
export function localConfig(source: string, options: PrometheusOptions, tokenFile: string): Config {
  const config = parse(source) as Config;
  const jobs = config.scrape_configs.map((job) => job.job_name);
  const unknown = Object.keys(options.targets).filter((job) => !jobs.includes(job));
  if (unknown.length) throw new Error(`prometheus.yml has no job ${unknown.join(', ')} (its jobs: ${jobs.join(', ')})`);

  config.global = { ...config.global, scrape_interval: SECOND, scrape_timeout: SECOND, evaluation_interval: SECOND };
  config.rule_files = (config.rule_files ?? []).map((file) => resolve(CONFIG_DIR, file));
  config.scrape_configs = config.scrape_configs.map((job) => {
    const given = options.targets[job.job_name];
    if (!given) throw new Error(`startPrometheus: no target given for job ${job.job_name} (its jobs: ${jobs.join(', ')})`);
    const urls = [given].flat().map((url) => new URL(url));
    const local: ScrapeConfig = Object.fromEntries(
      Object.entries(job).filter(([key]) => key !== 'static_configs' && !key.endsWith('_sd_configs')),
    ) as ScrapeConfig;
    local.scheme = urls[0].protocol.replace(':', '');
    local.static_configs = [{ targets: urls.map((url) => url.host) }];
    if ('scrape_interval' in local) local.scrape_interval = SECOND;
    if ('scrape_timeout' in local) local.scrape_timeout = SECOND;
    if (local.authorization?.credentials_file) local.authorization = { ...local.authorization, credentials_file: tokenFile };
    return local;
  });
  return config;
}

export async function startPrometheus(options: PrometheusOptions): Promise<RunningPrometheus> {
  try {
    await access(PROMETHEUS_BINARY, constants.X_OK);
  } catch {
    throw new Error(`Prometheus is not installed at ${PROMETHEUS_BINARY}: install it (apt-get install prometheus) to run this test`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'candlecast-prometheus-'));
  const tokenFile = join(dir, 'metrics_token');
  const configFile = join(dir, 'prometheus.yml');
  await writeFile(tokenFile, options.metricsToken, { mode: 0o600 });
  await writeFile(configFile, stringify(localConfig(await readFile(join(CONFIG_DIR, 'prometheus.yml'), 'utf8'), options, tokenFile)));

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(
    PROMETHEUS_BINARY,
    [`--config.file=${configFile}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let running = true;
  void exited.then(() => (running = false));

  const stop = async () => {
    if (running) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const ready = await eventually(
    async () =>
      running &&
      (await fetch(`${url}/-/ready`).then(
        (response) => response.ok,
        () => false,
      )),
    (isReady) => isReady || !running,
    30_000,
    'Prometheus to answer /-/ready',
  ).catch(async (error: Error) => {
    await stop();
    throw new Error(`Prometheus did not become ready (${error.message}):\n${output}`);
  });
  if (!ready) {
    await stop();
    throw new Error(`Prometheus did not become ready (it exited):\n${output}`);
  }

  const api = async <T>(path: string, params: Record<string, string> = {}): Promise<T> => {
    const response = await fetch(`${url}/api/v1/${path}?${new URLSearchParams(params)}`);
    const body = (await response.json().catch(() => ({ status: 'error', error: `HTTP ${response.status}, not JSON` }))) as {
      status: string;
      data: T;
      errorType?: string;
      error?: string;
    };
    if (body.status !== 'success')
      throw new Error(`Prometheus ${path}${params.query ? ` ${params.query}` : ''}: ${body.errorType ?? 'error'}: ${body.error}`);
    return body.data;
  };

  return {
    url,
    query: (expr) => api<QueryResult>('query', { query: expr }),
    targets: async () => {
      const data = await api<{ activeTargets: (PrometheusTarget & { labels: Record<string, string> })[] }>('targets', { state: 'active' });
      return data.activeTargets.map(({ labels, scrapeUrl, health, lastError }) => ({
        job: labels.job,
        instance: labels.instance,
        scrapeUrl,
        health,
        lastError,
      }));
    },
    metricNames: () => api<string[]>('label/__name__/values'),
    rules: async () => {
      const data = await api<{ groups: PrometheusRuleGroup[] }>('rules');
      return data.groups.map(({ name, file, rules }) => ({
        name,
        file,
        rules: rules.map(({ name, type, query, health, lastError, state }) => ({ name, type, query, health, lastError, state })),
      }));
    },
    output: () => output,
    stop,
  };
}
