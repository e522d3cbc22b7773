import { ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request } from 'express';
import { routePattern } from './http-metrics.middleware.js';
import { Metrics } from './metrics.js';

/**
 * Counts the errors no code meant to answer with (Nest turns them into a 500), then lets Nest
 * answer as it always does. HttpExceptions are answers by design and are not counted; errors of
 * a type that another global filter catches (the gateway's domain errors) never reach this one.
 */
@Catch()
export class UnexpectedErrorFilter extends BaseExceptionFilter {
  constructor(private readonly metrics: Metrics) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() === 'http' && !(exception instanceof HttpException)) {
      this.metrics.httpExceptions.inc({ service: this.metrics.service, route: routePattern(host.switchToHttp().getRequest<Request>()) });
    }
    super.catch(exception, host);
  }
}
