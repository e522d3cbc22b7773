import type { INestApplication, NestApplicationOptions, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AbstractLoader, ExpressLoader } from '@nestjs/serve-static';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { APP_CONFIG, parseEnv } from '#libs/config';
import { configureGateway, GATEWAY_APP_OPTIONS } from '../../apps/gateway/src/gateway.app.js';
import { GatewayModule } from '../../apps/gateway/src/gateway.module.js';

/** The internal token the test apps share. */
export const INTERNAL_TOKEN = 'test-internal-token-0123456789abcdef';

/**
 * Boots one of our Nest apps in this test process, against the test Postgres and Redis, with
 * a configuration of its own: the test environment plus `env`, validated as at a real start.
 * Several apps with different settings can run side by side in one spec. `override` may replace
 * providers (such as where the logs go: LogSink.capture).
 */
export async function bootApp<A extends INestApplication = INestApplication>(
  module: Type,
  env: Record<string, string> = {},
  configure: (app: A) => A = (app) => app,
  options: NestApplicationOptions = {},
  override: (builder: TestingModuleBuilder) => TestingModuleBuilder = (builder) => builder,
): Promise<A> {
  const config = parseEnv({ ...process.env, INTERNAL_API_TOKEN: INTERNAL_TOKEN, ...env });
  const moduleRef = await override(
    Test.createTestingModule({ imports: [module] })
      .overrideProvider(APP_CONFIG)
      .useValue(config),
  ).compile();
  const app = configure(moduleRef.createNestApplication<A>({ logger: ['error', 'warn'], ...options }));
  await app.init();
  return app;
}

/**
 * The gateway as main.ts sets it up: guards, validation, body limit, helmet, docs. One per spec
 * file: passport keeps its strategies in a process-wide singleton, so that a second gateway in
 * the same file would take over the first one's.
 */
export function bootGateway(
  env: Record<string, string> = {},
  override: (builder: TestingModuleBuilder) => TestingModuleBuilder = (builder) => builder,
  options: NestApplicationOptions = {},
): Promise<NestExpressApplication> {
  return bootApp<NestExpressApplication>(GatewayModule, env, configureGateway, { ...GATEWAY_APP_OPTIONS, ...options }, (builder) =>
    override(servesStaticFiles(builder)),
  );
}

/**
 * @nestjs/serve-static picks its loader when the module is compiled, by the HTTP adapter it
 * finds then: NestFactory.create has one, a testing module not yet, so that it would serve
 * nothing. Given the Express loader, as in production.
 */
function servesStaticFiles(builder: TestingModuleBuilder): TestingModuleBuilder {
  return builder.overrideProvider(AbstractLoader).useClass(ExpressLoader);
}
