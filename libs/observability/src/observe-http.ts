import type { INestApplication } from '@nestjs/common';
import { RequestLogMiddleware } from './logging/request-log.middleware.js';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware.js';

/**
 * Logs, counts and times every HTTP request, and gives it its request id: to be applied first,
 * before the body parser and the transport checks (#libs/http), so that a request they refuse
 * (413, 415, malformed JSON, two Authorization headers...) is logged, counted and answered with
 * x-request-id like any other. Nest's own middleware would run only after them.
 */
export function observeHttp<A extends INestApplication>(app: A): A {
  const log = app.get(RequestLogMiddleware, { strict: false });
  const metrics = app.get(HttpMetricsMiddleware, { strict: false });
  app.use(log.use.bind(log), metrics.use.bind(metrics));
  return app;
}
