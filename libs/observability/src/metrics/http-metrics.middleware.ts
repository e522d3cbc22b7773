import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Metrics } from './metrics.js';

/** The `route` of a request that matched no route: one label value for every unknown URL. */
export const UNMATCHED_ROUTE = '<unmatched>';

const ROUTE_LABEL = 'metricsRoute';
const STREAM_STARTED = 'metricsStreamStarted';

/**
 * Says that a response is a long-lived stream (Server-Sent Events) that has just started: its
 * request is timed until now, not until the client leaves, so that a stream held open for hours
 * does not read as the slowest request of the API.
 */
export function streamStarted(res: Response): void {
  res.locals[STREAM_STARTED] = process.hrtime.bigint();
}

/**
 * Names what answered a request that no route pattern names (a static file, a page of the web
 * app), so that it is counted under `route` apart from `<unmatched>`, which keeps meaning
 * "unknown URL". Like a pattern, the label must be one of few values, never the raw URL.
 */
export function labelRoute(res: Response, route: string): void {
  res.locals[ROUTE_LABEL] = route;
}

/**
 * The route pattern a request matched (`/crypto/assets/:symbol/history`), never the raw URL.
 * Our routes have no wildcards: a wildcard route is the catch-all that answers 404 (or a
 * middleware registered for every path), so it means no route matched, unless what answered
 * labelled the request (labelRoute).
 */
export function routePattern(req: Request): string {
  const label: unknown = req.res?.locals[ROUTE_LABEL];
  if (typeof label === 'string') return label;
  const path: unknown = req.route?.path;
  return typeof path === 'string' && !path.includes('*') ? `${req.baseUrl}${path}` : UNMATCHED_ROUTE;
}

/**
 * Counts and times every HTTP request when its answer has been sent (or the client went away).
 * observeHttp applies it before the body parser, so that refused requests count too.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: Metrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const labels = { service: this.metrics.service, method: req.method, route: routePattern(req), status: String(res.statusCode) };
      this.metrics.httpRequests.inc(labels);
      const ended: unknown = res.locals[STREAM_STARTED];
      this.metrics.httpDuration.observe(labels, Number((typeof ended === 'bigint' ? ended : process.hrtime.bigint()) - started) / 1e9);
    });
    next();
  }
}
