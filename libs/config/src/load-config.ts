import { existsSync } from 'node:fs';
import { envSchema, type Env } from './env.schema.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Variables of earlier versions, still read under their new names (README, Configuration). */
const RENAMED: Record<string, keyof Env> = {
  // Step 6: failed logins lock a username out from one address only, not from everywhere.
  LOGIN_FAILURES_PER_USERNAME: 'LOGIN_FAILURES_PER_USERNAME_AND_IP',
};

const SECRETS = new Set(['JWT_SECRET', 'INTERNAL_API_TOKEN', 'ADMIN_PASSWORD', 'METRICS_TOKEN', 'DATABASE_URL', 'REDIS_URL']);

/**
 * Validates an environment and returns the typed configuration. A bad value throws one
 * error that names every variable that is wrong and says what it must be.
 */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  for (const [old, current] of Object.entries(RENAMED)) {
    if (old in present && !(current in present)) present[current] = present[old];
    delete present[old];
  }
  const result = envSchema.safeParse(present);
  if (result.success) return { ...result.data, PUBLIC_ORIGIN: result.data.PUBLIC_ORIGIN ?? `http://localhost:${result.data.GATEWAY_PORT}` };
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '(environment)');
    const given = name in present && !SECRETS.has(name) ? ` (got '${present[name]}')` : '';
    return `  ${name}: ${issue.message}${given}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every variable and its default.`);
}

let loaded: Env | undefined;

/** The process's configuration, read once from `.env` (if present) and the environment. */
export function loadConfig(): Env {
  if (!loaded) {
    if (existsSync('.env')) process.loadEnvFile('.env');
    loaded = parseEnv(process.env);
  }
  return loaded;
}

/** Whether the operator set a variable explicitly, rather than relying on its default. */
export function isExplicitlySet(name: keyof Env): boolean {
  loadConfig();
  return Boolean(process.env[name]);
}

/** The environment for a child process: this one's, with some variables replaced. */
export function childEnvironment(overrides: Partial<Record<keyof Env | 'NO_COLOR', string>>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/** For a process's entry point: the configuration, or a clear message and exit code 1. */
export function loadConfigOrExit(): Env {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
