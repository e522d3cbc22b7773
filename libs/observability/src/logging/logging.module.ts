import { Module, type DynamicModule, type LoggerService } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { Logger, LoggerModule, PinoLogger, type Params } from 'nestjs-pino';
import { stdTimeFunctions, type Level } from 'pino';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import type { ServiceName } from '../metrics/metrics.js';
import { redactUrl } from './redact-url.js';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id.js';
import { RequestLogMiddleware } from './request-log.middleware.js';

const PINO_LEVEL: Record<AppConfig['LOG_LEVEL'], Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  info: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** Probes and scrapes, every few seconds: not worth a log line each. */
const QUIET_PATHS = new Set(['/health', '/metrics']);

/**
 * pino and pino-http settings of one app (see LoggingModule). `useExisting`: nestjs-pino's own
 * middleware only binds each request's logger; RequestLogMiddleware logs the request, earlier.
 */
export function jsonLogParams(service: ServiceName, config: AppConfig): Params {
  return {
    useExisting: true,
    pinoHttp: {
      level: PINO_LEVEL[config.LOG_LEVEL],
      base: { service, hostname: hostname(), pid: process.pid },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const id = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
        res.setHeader(REQUEST_ID_HEADER, id);
        return id;
      },
      quietReqLogger: true,
      autoLogging: { ignore: (req) => QUIET_PATHS.has((req.url ?? '').split('?')[0]) },
      // A 5xx answer is logged at warn: the error behind it, if any, was logged at error with its stack by Nest.
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'warn' : 'info'),
      // pino-http makes up an Error ("failed with status code 503") for each 5xx: the status says it already.
      customErrorObject: (_req, _res, _error, { err: _madeUp, ...logged }) => logged,
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}

/**
 * The app's logger from its first line on, for NestFactory.create({ logger }): JSON like every
 * later line, and unbuffered, so that a start that hangs (a database that does not answer) says so.
 */
export function jsonLogger(service: ServiceName, config: AppConfig): LoggerService {
  const params = jsonLogParams(service, config);
  return new Logger(new PinoLogger(params), params);
}

/**
 * JSON logs on stdout through pino, one object per line, with `service`, `hostname` and `pid`.
 * Every HTTP request gets an id (the caller's x-request-id when it is a safe token, else a new
 * UUID), answered in x-request-id and carried as `reqId` by every log line made while serving
 * it; the gateway forwards it to the prediction service, which puts it into the jobs it enqueues,
 * whose log lines carry it too. Headers are never logged, and the values of sensitive query keys
 * are redacted from the logged URL (redactUrl), so no token or password ends up in a log.
 * The request line itself comes from RequestLogMiddleware, which the app applies with observeHttp.
 */
@Module({})
export class LoggingModule {
  static forRoot(service: ServiceName): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => jsonLogParams(service, config),
        }),
      ],
      providers: [RequestLogMiddleware],
      exports: [RequestLogMiddleware],
    };
  }
}
