import type { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';

/**
 * Boots one of our Nest apps in this test process, against the test Postgres and Redis,
 * with the environment a spec gives it (set before the app reads its configuration).
 */
export async function bootApp(module: Type, env: Record<string, string> = {}, configure?: (app: INestApplication) => INestApplication): Promise<INestApplication> {
  Object.assign(process.env, env);
  const moduleRef = await Test.createTestingModule({ imports: [module] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  (configure ?? ((a) => a))(app);
  await app.init();
  return app;
}
