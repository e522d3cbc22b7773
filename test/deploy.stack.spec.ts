import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { envSchema, parseEnv } from '#libs/config';

/**
 * The deployment files, checked as data: docker-compose.yml as `docker-compose config` renders
 * it, and the Dockerfile's stages. No Docker engine is needed, only docker-compose (v1 or v2).
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const APPS = ['gateway', 'prediction', 'worker'] as const;

/** The variables DESIGN.md's Configuration section names; every app must be given them. */
const DESIGN_VARIABLES = [
  'DATABASE_URL',
  'REDIS_URL',
  'JWT_SECRET',
  'JWT_ACCESS_TTL',
  'JWT_REFRESH_TTL',
  'INTERNAL_API_TOKEN',
  'ADMIN_USERNAME',
  'ADMIN_PASSWORD',
  'GATEWAY_PORT',
  'PREDICTION_PORT',
  'PREDICTION_URL',
  'WORKER_METRICS_PORT',
  'PUBLIC_ORIGIN',
  'KRAKEN_API_URL',
  'TRACKED_ASSETS',
  'TRACKED_INTERVALS',
  'METRICS_TOKEN',
];

/** Long enough for the production checks; hex like `openssl rand -hex`, so they fit in a URL. */
const SECRETS = {
  JWT_SECRET: 'a1'.repeat(32),
  INTERNAL_API_TOKEN: 'b2'.repeat(16),
  ADMIN_PASSWORD: 'c3'.repeat(12),
  METRICS_TOKEN: 'd4'.repeat(16),
  WEBHOOK_SECRET_KEY: 'a7'.repeat(32),
  POSTGRES_PASSWORD: 'e5'.repeat(16),
  GRAFANA_ADMIN_PASSWORD: 'f6'.repeat(12),
};

type Ports = Array<string | { published?: string | number; target: string | number }>;
type Volumes = Array<string | { type?: string; source?: string; target: string }>;
interface Service {
  image?: string;
  build?: string | { context: string; target?: string };
  container_name?: string;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number | null> | string[];
  ports?: Ports;
  networks?: string[] | Record<string, unknown>;
  volumes?: Volumes;
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
}
interface Compose {
  services: Record<string, Service>;
  networks?: Record<string, { internal?: boolean } | null>;
  volumes?: Record<string, unknown>;
}

/** Runs `docker-compose config` with only the given variables: no shell variable and no .env leaks in. */
function renderCompose(variables: Record<string, string>) {
  const scratch = mkdtempSync(join(tmpdir(), 'candlecast-compose-'));
  try {
    const emptyEnvFile = join(scratch, 'empty.env');
    writeFileSync(emptyEnvFile, '');
    const run = spawnSync('docker-compose', ['--env-file', emptyEnvFile, '-f', 'docker-compose.yml', 'config'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: scratch, ...variables },
      encoding: 'utf8',
    });
    if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
      throw new Error('docker-compose is not on PATH: these checks need it (apt-get install docker-compose)');
    }
    if (run.error) throw run.error;
    return run;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const publishedPorts = (service: Service) =>
  (service.ports ?? []).map((port) => {
    if (typeof port !== 'string') return String(port.published ?? 'random');
    const parts = port.split('/')[0].split(':');
    return parts.length > 1 ? parts[parts.length - 2] : 'random';
  });
const networksOf = (service: Service) =>
  Array.isArray(service.networks) ? service.networks : Object.keys(service.networks ?? { default: null });
const environmentOf = (service: Service): Record<string, string> =>
  Array.isArray(service.environment)
    ? Object.fromEntries(service.environment.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]))
    : Object.fromEntries(Object.entries(service.environment ?? {}).map(([name, value]) => [name, String(value ?? '')]));
const volumesOf = (service: Service) =>
  (service.volumes ?? []).map((volume) => {
    if (typeof volume !== 'string') return { source: volume.source ?? '', target: volume.target };
    const [source, target] = volume.split(':');
    return target === undefined ? { source: '', target: source } : { source, target };
  });
const dependenciesOf = (service: Service) =>
  Array.isArray(service.depends_on)
    ? Object.fromEntries(service.depends_on.map((name) => [name, 'service_started']))
    : Object.fromEntries(Object.entries(service.depends_on ?? {}).map(([name, { condition }]) => [name, condition ?? 'service_started']));
const commandLine = (service: Service) => [service.entrypoint ?? [], service.command ?? []].flat().join(' ');

interface Stage {
  name?: string;
  base: string;
  instructions: Array<{ keyword: string; args: string }>;
}

/** The Dockerfile's stages, each with its instructions (continuation lines joined, comments dropped). */
function dockerfileStages(text: string): Stage[] {
  const lines = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n')
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const from = /^(\S+)(?:\s+as\s+(\S+))?$/i.exec(args);
    if (keyword.toUpperCase() === 'FROM' && from) stages.push({ base: from[1], name: from[2], instructions: [] });
    else stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
  }
  return stages;
}

/** A stage and the stages it is built on, nearest first. */
function lineage(stages: Stage[], name: string): Stage[] {
  const chain: Stage[] = [];
  for (let stage = stages.find((s) => s.name === name); stage; stage = stages.find((s) => s.name === stage?.base)) chain.push(stage);
  return chain;
}
const lastOf = (chain: Stage[], keyword: string) =>
  chain.map((stage) => stage.instructions.filter((i) => i.keyword === keyword).at(-1)).find(Boolean)?.args;

describe('Docker deployment', () => {
  let compose: Compose;
  let services: Record<string, Service>;
  let stages: Stage[];

  beforeAll(() => {
    const run = renderCompose(SECRETS);
    if (run.status !== 0) throw new Error(`docker-compose config failed:\n${run.stderr}`);
    compose = parse(run.stdout) as Compose;
    services = compose.services;
    stages = dockerfileStages(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  });

  const isInternal = (network: string) => compose.networks?.[network]?.internal === true;

  it('publishes only the gateway on 3000, Prometheus on 9090 and Grafana on 3001', () => {
    const published = Object.fromEntries(
      Object.entries(services)
        .filter(([, service]) => publishedPorts(service).length > 0)
        .map(([name, service]) => [name, publishedPorts(service)]),
    );
    expect(published).toEqual({ gateway: ['3000'], prometheus: ['9090'], grafana: ['3001'] });
  });

  it('keeps the prediction service, Postgres and Redis on internal networks only', () => {
    for (const name of ['prediction', 'postgres', 'redis']) {
      expect({ name, networks: networksOf(services[name]).filter((network) => !isInternal(network)) }).toEqual({ name, networks: [] });
    }
    expect(services.prediction.ports).toBeUndefined();
  });

  it('lets the gateway and the workers reach Kraken, and the workers scale (no ports, no container_name)', () => {
    expect(networksOf(services.gateway).some((network) => !isInternal(network))).toBe(true);
    expect(networksOf(services.worker).some((network) => !isInternal(network))).toBe(true);
    expect(services.worker.ports).toBeUndefined();
    expect(services.worker.container_name).toBeUndefined();
  });

  it('builds each app from its own Dockerfile target', () => {
    for (const app of APPS) {
      const build = services[app].build;
      expect({ app, target: typeof build === 'string' ? undefined : build?.target, image: services[app].image }).toEqual({
        app,
        target: app,
        image: `candlecast-${app}`,
      });
    }
  });

  it('checks the health of every service: in compose, or for the apps in their image', () => {
    for (const [name, service] of Object.entries(services)) {
      if ((APPS as readonly string[]).includes(name)) continue;
      expect({ name, healthcheck: Boolean(service.healthcheck?.test) && !service.healthcheck?.disable }).toEqual({
        name,
        healthcheck: true,
      });
    }
    const portVariable = { gateway: 'GATEWAY_PORT', prediction: 'PREDICTION_PORT', worker: 'WORKER_METRICS_PORT' };
    for (const app of APPS) {
      const healthcheck = stages.find((stage) => stage.name === app)?.instructions.find((i) => i.keyword === 'HEALTHCHECK')?.args ?? '';
      expect({ app, healthcheck }).toEqual({ app, healthcheck: expect.stringMatching(new RegExp(`${portVariable[app]}.*/health`)) });
      expect(services[app].healthcheck?.disable).not.toBe(true);
    }
  });

  it('starts each app only once what it needs is healthy', () => {
    expect(dependenciesOf(services.gateway)).toEqual({
      postgres: 'service_healthy',
      redis: 'service_healthy',
      prediction: 'service_healthy',
    });
    expect(dependenciesOf(services.prediction)).toEqual({ postgres: 'service_healthy', redis: 'service_healthy' });
    expect(dependenciesOf(services.worker)).toEqual({ postgres: 'service_healthy', redis: 'service_healthy' });
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, condition] of Object.entries(dependenciesOf(service))) {
        expect({ name, dependency, condition }).toEqual({ name, dependency, condition: 'service_healthy' });
      }
    }
  });

  it('keeps the data of Postgres, Redis, Prometheus and Grafana in named volumes', () => {
    const dataDirectories = {
      postgres: '/var/lib/postgresql/data',
      redis: '/data',
      prometheus: '/prometheus',
      grafana: '/var/lib/grafana',
    };
    for (const [name, target] of Object.entries(dataDirectories)) {
      const volume = volumesOf(services[name]).find((v) => v.target === target);
      expect({ name, target, named: Object.keys(compose.volumes ?? {}).includes(volume?.source ?? '') }).toEqual({
        name,
        target,
        named: true,
      });
    }
  });

  it('keeps queued jobs across a Redis restart (append-only file)', () => {
    expect(commandLine(services.redis)).toMatch(/--appendonly yes/);
  });

  it('gives every app each configuration variable of the design, in a configuration it accepts in production', () => {
    const designed = DESIGN_VARIABLES.filter((name) => name in envSchema.shape);
    for (const app of APPS) {
      const environment = environmentOf(services[app]);
      expect({ app, missing: designed.filter((name) => !(name in environment)) }).toEqual({ app, missing: [] });
      const config = parseEnv(environment);
      expect(config.NODE_ENV).toBe('production');
      expect(new URL(config.DATABASE_URL).hostname).toBe('postgres');
      expect(new URL(config.REDIS_URL).hostname).toBe('redis');
      expect(config.METRICS_TOKEN).toBe(SECRETS.METRICS_TOKEN);
    }
    expect(parseEnv(environmentOf(services.gateway)).PREDICTION_URL).toBe(
      `http://prediction:${parseEnv(environmentOf(services.prediction)).PREDICTION_PORT}`,
    );
    expect(parseEnv(environmentOf(services.prediction)).PREDICTION_HOST).toBe('0.0.0.0');
  });

  it('has Prometheus scrape each app where it listens, with the metrics token the apps require', () => {
    const prometheus = parse(readFileSync(join(ROOT, 'prometheus/prometheus.yml'), 'utf8')) as {
      scrape_configs: Array<{
        job_name: string;
        authorization?: { credentials_file?: string };
        static_configs?: Array<{ targets: string[] }>;
        dns_sd_configs?: Array<{ names: string[]; port: number }>;
      }>;
    };
    const listens = {
      gateway: parseEnv(environmentOf(services.gateway)).GATEWAY_PORT,
      prediction: parseEnv(environmentOf(services.prediction)).PREDICTION_PORT,
      worker: parseEnv(environmentOf(services.worker)).WORKER_METRICS_PORT,
    };
    const scraped = Object.fromEntries(
      prometheus.scrape_configs.map((job) => [
        job.job_name,
        [
          ...(job.static_configs ?? []).flatMap((c) => c.targets),
          ...(job.dns_sd_configs ?? []).flatMap((c) => c.names.map((name) => `${name}:${c.port}`)),
        ],
      ]),
    );
    for (const app of APPS)
      expect({ app, targets: scraped[app] }).toEqual({ app, targets: expect.arrayContaining([`${app}:${listens[app]}`]) });

    for (const job of prometheus.scrape_configs) {
      expect(commandLine(services.prometheus)).toContain(`> ${job.authorization?.credentials_file}`);
    }
    expect(environmentOf(services.prometheus).METRICS_TOKEN).toBe(SECRETS.METRICS_TOKEN);
  });

  it.each(Object.keys(SECRETS))('refuses to render without %s, and says to set it', (name) => {
    const run = renderCompose(Object.fromEntries(Object.entries(SECRETS).filter(([key]) => key !== name)));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`set ${name} (see README`);
  });

  it('builds on Node 22 with glibc (the native addons need it), never Alpine', () => {
    const bases = stages.map((stage) => stage.base).filter((base) => !stages.some((stage) => stage.name === base));
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(base).toMatch(/^node:22-bookworm(-slim)?$/);
  });

  it('runs each app from its own stage, as a user other than root, with the shipped history', () => {
    for (const app of APPS) {
      const chain = lineage(stages, app);
      const user = lastOf(chain, 'USER') ?? 'root';
      expect({ app, user: /^(root|0)(:|$)/.test(user) ? 'root' : 'not root' }).toEqual({ app, user: 'not root' });
      expect({ app, cmd: JSON.parse(lastOf(chain, 'CMD') ?? 'null') }).toEqual({ app, cmd: ['node', `dist/apps/${app}/src/main.js`] });
      const instructions = chain.flatMap((stage) => stage.instructions);
      expect({ app, production: instructions.some((i) => i.keyword === 'ENV' && /\bNODE_ENV[= ]production\b/.test(i.args)) }).toEqual({
        app,
        production: true,
      });
      expect({ app, history: instructions.some((i) => i.keyword === 'COPY' && i.args.includes('data/history')) }).toEqual({
        app,
        history: true,
      });
    }
  });

  it('builds the web app into the gateway image and serves it from there', () => {
    const build = stages.find((stage) => stage.name === 'build')!.instructions;
    const install = build.findIndex((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args));
    const workspace = build.findIndex((i) => i.keyword === 'COPY' && /\bapps\/web\/package\.json\b/.test(i.args));
    expect({ workspaceCopiedBeforeInstall: workspace >= 0 && workspace < install }).toEqual({ workspaceCopiedBeforeInstall: true });
    expect(build.some((i) => i.keyword === 'RUN' && /\bnpm run build\b/.test(i.args))).toBe(true);

    const gateway = lineage(stages, 'gateway').flatMap((stage) => stage.instructions);
    const copied = gateway.find((i) => i.keyword === 'COPY' && i.args.startsWith('--from=build /app/apps/web/dist '));
    expect(copied?.args).toBe('--from=build /app/apps/web/dist ./apps/web/dist');
    const webRoot = gateway.filter((i) => i.keyword === 'ENV' && /^WEB_ROOT[= ]/.test(i.args)).at(-1)?.args;
    expect(webRoot).toBe('WEB_ROOT=/app/apps/web/dist');
    expect(lastOf(lineage(stages, 'gateway'), 'WORKDIR')).toBe('/app');
    for (const app of APPS.filter((a) => a !== 'gateway')) {
      expect({ app, web: lineage(stages, app).some((stage) => stage.instructions.some((i) => i.args.includes('apps/web/dist'))) }).toEqual({
        app,
        web: false,
      });
    }
  });

  it("tells the gateway the web app's public origin, for the cookie mode's checks", () => {
    expect(parseEnv(environmentOf(services.gateway)).PUBLIC_ORIGIN).toBe('http://localhost:3000');
  });
});
