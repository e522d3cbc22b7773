import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PARAMS_PROVIDER_TOKEN, PinoLogger, type Params } from 'nestjs-pino';
import { pinoHttp, type HttpLogger, type Options } from 'pino-http';

function httpOptionsOf(params: Params): Options {
  const given = params.pinoHttp;
  if (Array.isArray(given)) return given[0];
  return given === undefined || 'write' in given ? {} : (given as Options);
}

/**
 * The request half of the logs: gives each request its id (answered in x-request-id) and logs
 * one line when its answer is sent. observeHttp puts it before the body parser and the transport
 * checks, so that a request they refuse is logged like any other. It writes through nestjs-pino's
 * root logger; LoggingModule's LoggerModule (useExisting) only binds the request's logger to the
 * lines made while serving it.
 */
@Injectable()
export class RequestLogMiddleware implements NestMiddleware {
  private readonly logRequest: HttpLogger;

  constructor(@Inject(PARAMS_PROVIDER_TOKEN) params: Params) {
    // Out of any request, PinoLogger logs through the root logger: the app's level and destination.
    this.logRequest = pinoHttp({ ...httpOptionsOf(params), logger: new PinoLogger(params).logger });
  }

  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    this.logRequest(req, res, next);
  }
}
