import { expect } from '@jest/globals';
import type { TestingModuleBuilder } from '@nestjs/testing';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { PARAMS_PROVIDER_TOKEN } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { jsonLogParams, redactUrl, REQUEST_ID_PATTERN, type ServiceName } from '#libs/observability';
import { sample } from './metrics.js';
import { eventually } from './queues.js';
import { rawRequest } from './raw-http.js';

/** One JSON log line, as far as the request log goes. */
export interface LogLine {
  reqId?: string;
  req?: { id: string; method: string; url: string };
  res?: { statusCode: number };
}

/** The log lines of an app booted with `override: sink.capture(service)`, at info, parsed. */
export class LogSink {
  readonly lines: LogLine[] = [];
  readonly stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line) this.lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });

  /** Sends the app's logs here (as main.ts would send them to stdout), at info: for bootApp's `override`. */
  capture(service: ServiceName): (builder: TestingModuleBuilder) => TestingModuleBuilder {
    return (builder) =>
      builder.overrideProvider(PARAMS_PROVIDER_TOKEN).useFactory({
        factory: (config: AppConfig) => {
          const params = jsonLogParams(service, { ...config, LOG_LEVEL: 'info' });
          return { ...params, pinoHttp: [params.pinoHttp as object, this.stream] };
        },
        inject: [APP_CONFIG],
      });
  }

  /** The access log line of request `reqId`; it is written once the answer has gone out, so this waits for it (5 s at most). */
  requestLine(reqId: string): Promise<LogLine | undefined> {
    const find = () => this.lines.find((line) => line.reqId === reqId && line.res !== undefined);
    return eventually(
      () => Promise.resolve(find()),
      (line) => line !== undefined,
      5000,
      `the log line of request ${reqId}`,
    );
  }
}

/** A request one of the transport checks or body-parser refuses before any route sees it. */
export interface Refusal {
  method: string;
  path: string;
  headers: [name: string, value: string][];
  body?: string;
  status: number;
}

/**
 * Sends `refusal` and asserts that it was observed like any other request: answered with its
 * status in the error shape and an x-request-id (the caller's, if `headers` has a safe one),
 * logged once with that id and the redacted URL,
 * and counted and timed under route `<unmatched>`.
 */
export async function expectObservedRefusal(
  server: Server,
  service: ServiceName,
  logs: LogSink,
  scrape: () => Promise<string>,
  { method, path, headers, body, status }: Refusal,
): Promise<void> {
  const labels = `{service="${service}",method="${method}",route="<unmatched>",status="${status}"}`;
  const before = await scrape();
  const res = await rawRequest(server, method, path, headers, body);
  expect(res.status).toBe(status);
  expect(res.json).toEqual({ statusCode: status, error: expect.any(String), message: expect.any(String) });
  const reqId = res.headers['x-request-id'];
  expect(reqId).toMatch(REQUEST_ID_PATTERN);
  const given = headers.find(([name]) => name.toLowerCase() === 'x-request-id')?.[1];
  if (given !== undefined) expect(reqId).toBe(given);
  const line = await logs.requestLine(reqId as string);
  expect(line?.res?.statusCode).toBe(status);
  expect(line?.req).toEqual({ id: reqId, method, url: redactUrl(path) });
  expect(logs.lines.filter((l) => l.reqId === reqId && l.res !== undefined)).toHaveLength(1);
  const after = await scrape();
  for (const series of [`candlecast_http_requests_total${labels}`, `candlecast_http_request_duration_seconds_count${labels}`]) {
    expect({ series, grew: (sample(after, series) ?? 0) - (sample(before, series) ?? 0) }).toEqual({ series, grew: 1 });
  }
}
