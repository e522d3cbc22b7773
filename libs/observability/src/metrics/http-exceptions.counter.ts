import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { UnexpectedErrorCounter } from '#libs/http';
import { routePattern } from './http-metrics.middleware.js';
import { Metrics } from './metrics.js';

/** Counts unexpected errors (the error filters of #libs/http report them) as candlecast_http_exceptions_total, by route pattern. */
@Injectable()
export class HttpExceptionsCounter extends UnexpectedErrorCounter {
  constructor(private readonly metrics: Metrics) {
    super();
  }

  count(request: Request): void {
    this.metrics.httpExceptions.inc({ service: this.metrics.service, route: routePattern(request) });
  }
}
