import type { INestApplication, NestApplicationOptions, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { configureGateway, GATEWAY_APP_OPTIONS } from '../../apps/gateway/src/gateway.app.js';
import { GatewayModule } from '../../apps/gateway/src/gateway.module.js';

/**
 * Boots one of our Nest apps in this test process, against the test Postgres and Redis,
 * with the environment a spec gives it (set before the app reads its configuration).
 */
export async function bootApp<A extends INestApplication = INestApplication>(
  module: Type,
  env: Record<string, string> = {},
  configure: (app: A) => A = (app) => app,
  options: NestApplicationOptions = {},
): Promise<A> {
  Object.assign(process.env, env);
  const moduleRef = await Test.createTestingModule({ imports: [module] }).compile();
  const app = configure(moduleRef.createNestApplication<A>({ logger: ['error', 'warn'], ...options }));
  await app.init();
  return app;
}

/** The gateway as main.ts sets it up: guards, validation, body limit, helmet, docs. */
export function bootGateway(env: Record<string, string> = {}): Promise<NestExpressApplication> {
  return bootApp<NestExpressApplication>(GatewayModule, env, configureGateway, GATEWAY_APP_OPTIONS);
}
