import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { envSchema } from './env.schema.js';
import { ConfigError, parseEnv } from './load-config.js';

describe('configuration', () => {
  it('gives working defaults for a developer machine', () => {
    const config = parseEnv({});
    expect(config.DATABASE_URL).toBe('postgres://postgres:postgres@127.0.0.1:5432/candlecast');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.GATEWAY_PORT).toBe(3000);
    expect(config.PREDICTION_PORT).toBe(3100);
    expect(config.WORKER_METRICS_PORT).toBe(9464);
    expect(config.KRAKEN_API_URL).toBe('https://api.kraken.com');
    expect(config.TRACKED_ASSETS).toEqual(['BTC', 'ETH']);
    expect(config.TRACKED_INTERVALS).toEqual(['1d', '1h']);
    expect(config.JWT_ACCESS_TTL).toBe(900);
    expect(config.TICKER_CACHE_TTL).toBe(10);
    expect(config.NOTIFICATION_RETENTION).toBe(90 * 86400);
    expect(config.WEBHOOK_DELIVERY_RETENTION).toBe(30 * 86400);
  });

  it('parses lists, durations and numbers', () => {
    const config = parseEnv({ TRACKED_ASSETS: ' btc, sol ', TRACKED_INTERVALS: '1m,15d', JWT_REFRESH_TTL: '12h', GATEWAY_PORT: '8080' });
    expect(config.TRACKED_ASSETS).toEqual(['BTC', 'SOL']);
    expect(config.TRACKED_INTERVALS).toEqual(['1m', '15d']);
    expect(config.JWT_REFRESH_TTL).toBe(12 * 3600);
    expect(config.GATEWAY_PORT).toBe(8080);
  });

  it.each([
    ['GATEWAY_PORT', 'eighty', /GATEWAY_PORT: must be a port number from 1 to 65535 \(got 'eighty'\)/],
    ['GATEWAY_PORT', '70000', /GATEWAY_PORT: must be a port number from 1 to 65535/],
    ['KRAKEN_MAX_RETRIES', '50', /KRAKEN_MAX_RETRIES: must be at most 20/],
    ['KRAKEN_TIMEOUT_MS', '1.5', /KRAKEN_TIMEOUT_MS: must be a whole number/],
    ['DATABASE_URL', 'mysql://localhost/db', /DATABASE_URL: must be a postgres:\/\/ URL/],
    ['REDIS_URL', 'not a url', /REDIS_URL/],
    ['TRACKED_INTERVALS', '1d,2h', /TRACKED_INTERVALS: each interval must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 15d/],
    ['TRACKED_ASSETS', 'B!TC', /TRACKED_ASSETS/],
    ['JWT_ACCESS_TTL', '15 minutes', /JWT_ACCESS_TTL: must be a number of seconds or a duration/],
    ['KRAKEN_API_URL', 'ftp://kraken', /KRAKEN_API_URL/],
    ['PREDICTION_HOST', 'prediction', /PREDICTION_HOST: must be an IP address to listen on/],
    ['METRICS_TOKEN', 'short', /METRICS_TOKEN: must be at least 16 characters/],
    ['PUBLIC_ORIGIN', 'https://candlecast.example.com/app', /PUBLIC_ORIGIN: must be an origin such as https:\/\/candlecast.example.com/],
    ['PUBLIC_ORIGIN', 'candlecast.example.com', /PUBLIC_ORIGIN: must be an origin/],
    ['PUBLIC_ORIGIN', 'ftp://candlecast.example.com', /PUBLIC_ORIGIN: must be an origin/],
    ['TRAIN_HISTORY', '1h=2 years', /TRAIN_HISTORY: '1h=2 years' must be <interval>=<n>d, <n>w, <n>y or all/],
    ['TRAIN_HISTORY', '2h=30d', /TRAIN_HISTORY: '2h=30d' must be .* with an interval of 1m, 5m/],
    ['LSTM_INTERVALS', '1d,3h', /LSTM_INTERVALS: each interval must be one of/],
    ['TICKER_CACHE_TTL', '0', /TICKER_CACHE_TTL: must be longer than zero/],
    ['NOTIFICATION_RETENTION', '12h', /NOTIFICATION_RETENTION: must be at least 1d/],
    ['WEBHOOK_DELIVERY_RETENTION', '0', /WEBHOOK_DELIVERY_RETENTION: must be longer than zero/],
    [
      'TICKER_CACHE_TTL',
      '1s',
      /TICKER_CACHE_TTL: must be at least twice KRAKEN_MIN_INTERVAL_MS \(2 s\), or the ticker would take more than half of Kraken's pace/,
    ],
  ])('refuses %s=%s and names the variable', (name, value, message) => {
    expect(() => parseEnv({ [name]: value })).toThrow(ConfigError);
    expect(() => parseEnv({ [name]: value })).toThrow(message);
  });

  it('reads the training history per interval over its defaults, and the LSTM intervals', () => {
    const defaults = parseEnv({});
    expect(defaults.TRAIN_HISTORY).toMatchObject({ '1m': 30 * 86400, '1h': 2 * 365 * 86400, '1d': null, '15d': null });
    expect(defaults.LSTM_INTERVALS).toEqual(['1d', '4h', '1h']);
    const set = parseEnv({ TRAIN_HISTORY: '1h=90d, 1d=3y,1w=52w', LSTM_INTERVALS: 'none' });
    expect(set.TRAIN_HISTORY).toMatchObject({ '1h': 90 * 86400, '1d': 3 * 365 * 86400, '1w': 52 * 7 * 86400, '4h': 4 * 365 * 86400 });
    expect(set.LSTM_INTERVALS).toEqual([]);
  });

  it('takes the web app at http://localhost:<GATEWAY_PORT> for its public origin, unless told another', () => {
    expect(parseEnv({}).PUBLIC_ORIGIN).toBe('http://localhost:3000');
    expect(parseEnv({ GATEWAY_PORT: '8080' }).PUBLIC_ORIGIN).toBe('http://localhost:8080');
    expect(parseEnv({ PUBLIC_ORIGIN: 'https://candlecast.example.com/' }).PUBLIC_ORIGIN).toBe('https://candlecast.example.com');
    expect(parseEnv({ PUBLIC_ORIGIN: 'https://candlecast.example.com:8443' }).PUBLIC_ORIGIN).toBe('https://candlecast.example.com:8443');
  });

  it('never echoes a secret it refuses', () => {
    expect(() => parseEnv({ JWT_SECRET: 'short-secret' })).toThrow(/JWT_SECRET: must be at least 32 characters$/m);
  });

  it('refuses the development secrets in production', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: must be set to a secret of your own in production/);
  });

  it('requires a metrics token in production, where a service may be reachable from outside', () => {
    const secrets = {
      JWT_SECRET: 'a'.repeat(40),
      INTERNAL_API_TOKEN: 'b'.repeat(20),
      ADMIN_PASSWORD: 'c'.repeat(20),
      WEBHOOK_SECRET_KEY: 'e'.repeat(40),
    };
    expect(() => parseEnv({ NODE_ENV: 'production', ...secrets })).toThrow(/METRICS_TOKEN: must be set in production/);
    expect(parseEnv({ NODE_ENV: 'production', ...secrets, METRICS_TOKEN: 'd'.repeat(20) }).METRICS_TOKEN).toBe('d'.repeat(20));
  });

  it('still reads LOGIN_FAILURES_PER_USERNAME, of before step 6, as LOGIN_FAILURES_PER_USERNAME_AND_IP', () => {
    expect(parseEnv({ LOGIN_FAILURES_PER_USERNAME: '7' }).LOGIN_FAILURES_PER_USERNAME_AND_IP).toBe(7);
    expect(parseEnv({ LOGIN_FAILURES_PER_USERNAME: '7', LOGIN_FAILURES_PER_USERNAME_AND_IP: '9' }).LOGIN_FAILURES_PER_USERNAME_AND_IP).toBe(
      9,
    );
    expect(() => parseEnv({ LOGIN_FAILURES_PER_USERNAME: 'many' })).toThrow(/LOGIN_FAILURES_PER_USERNAME_AND_IP: must be a whole number/);
  });

  it('lists every bad variable at once', () => {
    expect(() => parseEnv({ GATEWAY_PORT: 'x', PREDICTION_PORT: 'y' })).toThrow(/GATEWAY_PORT[\s\S]*PREDICTION_PORT/);
  });

  it('has every variable listed in .env.example, with its default', () => {
    const example = readFileSync('.env.example', 'utf8');
    const listed = [...example.matchAll(/^#? ?([A-Z_]+)=("[^"]*"|\S*)/gm)].map(([, name, value]) => [name, value.replace(/^"|"$/g, '')]);
    expect(listed.map(([name]) => name).sort()).toEqual(Object.keys(envSchema.shape).sort());
    const defaults = parseEnv({});
    for (const [name, value] of listed.filter(([, v]) => v !== '')) {
      expect({ name, value: parseEnv({ [name]: value })[name as keyof typeof defaults] }).toEqual({
        name,
        value: defaults[name as keyof typeof defaults],
      });
    }
  });
});
