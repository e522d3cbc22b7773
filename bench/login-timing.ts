/**
 * Whether a login reveals which usernames exist through its timing: a wrong password for a
 * real user and any password for an unknown user should take about the same time (both pay
 * one argon2id verification). Drives the real gateway over HTTP, alternating the two.
 *
 *   npm run build && node dist/bench/login-timing.js [--rounds 40]
 *
 * Needs Postgres and Redis as configured (DATABASE_URL, REDIS_URL); works in a scratch
 * database (candlecast_bench_login), and lifts the login limits for its own run.
 */
import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { childEnvironment, parseEnv } from '#libs/config';
import { ensureDatabase, UserRepository } from '#libs/database';
import { PasswordService } from '../apps/gateway/src/auth/password.service.js';
import { configureGateway, GATEWAY_APP_OPTIONS } from '../apps/gateway/src/gateway.app.js';
import { GatewayModule } from '../apps/gateway/src/gateway.module.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '40' } } });
const rounds = Number(values.rounds);
// The app reads its configuration once, when it starts: settle this run's settings before that.
const base = parseEnv(childEnvironment({}));
const scratch = Object.assign(new URL(base.DATABASE_URL), { pathname: '/candlecast_bench_login' }).toString();
await ensureDatabase(scratch);
Object.assign(
  process.env,
  childEnvironment({
    DATABASE_URL: scratch,
    QUEUE_PREFIX: `bench-login-${Date.now()}`,
    LOGIN_LIMIT_PER_IP: '100000',
    LOGIN_FAILURES_PER_USERNAME_AND_IP: '100000',
    LOG_LEVEL: 'error',
  }),
);

const app = await NestFactory.create<NestExpressApplication>(GatewayModule, { ...GATEWAY_APP_OPTIONS, logger: ['error'] });
configureGateway(app);
await app.listen(0, '127.0.0.1');
const url = `${await app.getUrl()}/auth/login`;
const users = app.get(UserRepository);
if (!(await users.findByUsername('bench-user'))) {
  await users.create({
    username: 'bench-user',
    email: null,
    passwordHash: await app.get(PasswordService).hash('the real password 1'),
    role: 'user',
  });
}

async function time(username: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'a wrong password!' }),
  });
  if (res.status !== 401) throw new Error(`expected 401, got ${res.status}`);
  await res.arrayBuffer();
  return performance.now() - started;
}

const wrongPassword: number[] = [];
const unknownUser: number[] = [];
await time('bench-user');
for (let i = 0; i < rounds; i++) {
  wrongPassword.push(await time('bench-user'));
  unknownUser.push(await time(`nobody-${i}`));
}
await app.close();

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const row = (name: string, xs: number[]) =>
  `${name.padEnd(28)}${pct(xs, 0.5).toFixed(1).padStart(8)} ms${pct(xs, 0.9).toFixed(1).padStart(9)} ms`;
console.log(`
Login timing over HTTP, ${rounds} rounds, alternating (median, p90)
${row('wrong password, real user', wrongPassword)}
${row('unknown user', unknownUser)}
unknown / wrong (medians): ${(pct(unknownUser, 0.5) / pct(wrongPassword, 0.5)).toFixed(2)}x   aim: about 1`);
