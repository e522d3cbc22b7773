import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import { routePattern } from './http-metrics.middleware.js';
import { Metrics } from './metrics.js';

/** Node's and Postgres' codes for a server that cannot be reached or went away (Postgres class 08, shutdowns 57P01-57P03). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);
/** The same from pg's pool and ioredis, which say it in words. */
const UNREACHABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Connection is closed|Reached the max retries per request limit/i;

/** Whether an error says that Postgres or Redis is out of reach, rather than that our code is wrong. */
export function isOutage(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = (e as Error & { cause?: unknown }).cause) {
    const code = (e as Error & { code?: unknown }).code;
    if ((typeof code === 'string' && UNREACHABLE_CODES.has(code)) || UNREACHABLE_MESSAGES.test(e.message)) return true;
    const driverError = (e as Error & { driverError?: unknown }).driverError;
    if (driverError !== undefined && isOutage(driverError)) return true;
  }
  return false;
}

/**
 * Counts the errors no code meant to answer with, then answers them. A database or Redis out of
 * reach gets a 503 that says to try again (the caller did nothing wrong, and a retry will do);
 * anything else gets Nest's own 500. HttpExceptions are answers by design and are not counted;
 * errors of a type that another global filter catches (the gateway's domain errors) never reach
 * this one.
 */
@Catch()
export class UnexpectedErrorFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('ExceptionsHandler');

  constructor(private readonly metrics: Metrics) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http' || exception instanceof HttpException) return super.catch(exception, host);
    const http = host.switchToHttp();
    this.metrics.httpExceptions.inc({ service: this.metrics.service, route: routePattern(http.getRequest<Request>()) });
    if (!isOutage(exception)) return super.catch(exception, host);
    this.logger.error(`storage out of reach: ${(exception as Error).message}`);
    const status = HttpStatus.SERVICE_UNAVAILABLE;
    http.getResponse<Response>().status(status).json({
      statusCode: status,
      error: 'Service Unavailable',
      message: 'A database Candlecast needs is out of reach: try again in a moment',
    });
  }
}
