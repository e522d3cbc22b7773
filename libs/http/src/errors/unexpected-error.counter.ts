import type { Request } from 'express';

/**
 * Counts the errors that no code meant to answer with (bugs and outages). The observability
 * library provides it (candlecast_http_exceptions_total); an app without metrics counts nothing.
 */
export abstract class UnexpectedErrorCounter {
  abstract count(request: Request): void;
}
