import type { NestApplicationOptions } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { hardenHttp, useErrorFilters } from '#libs/http';
import { observeHttp } from '#libs/observability';

/** The worker's HTTP serves /health and /metrics only: it takes no body at all. */
export const WORKER_APP_OPTIONS: NestApplicationOptions = { bodyParser: false };

/** Everything main.ts sets on the app besides listening, shared with the end-to-end tests. */
export function configureWorker<A extends NestExpressApplication>(app: A): A {
  // First: a request refused by the checks below is still logged, counted and given its id.
  observeHttp(app);
  hardenHttp(app);
  useErrorFilters(app);
  app.enableShutdownHooks();
  return app;
}
