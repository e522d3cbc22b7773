import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import { KrakenStandIn } from '../../../test/support/kraken-stand-in.js';
import { bootApp } from '../../../test/support/nest-app.js';
import { emptyQueues } from '../../../test/support/queues.js';
import { expectObservedRefusal, LogSink } from '../../../test/support/observed.js';
import { rawRequest } from '../../../test/support/raw-http.js';
import { configureWorker, WORKER_APP_OPTIONS } from './worker.app.js';
import { WorkerModule } from './worker.module.js';

describe("the worker's HTTP (/health and /metrics)", () => {
  let kraken: KrakenStandIn;
  let app: NestExpressApplication;
  let server: Server;
  const logs = new LogSink();

  beforeAll(async () => {
    kraken = await KrakenStandIn.start();
    app = await bootApp<NestExpressApplication>(
      WorkerModule,
      {
        KRAKEN_API_URL: kraken.url,
        KRAKEN_MIN_INTERVAL_MS: '0',
        TRACKED_INTERVALS: '1d',
        IMPORT_DEFAULT_HISTORY: 'false',
        TRAIN_ON_FIRST_START: 'false',
        SYNC_EVERY: '1h',
      },
      configureWorker,
      WORKER_APP_OPTIONS,
      logs.capture('worker'),
    );
    await app.listen(0, '127.0.0.1');
    server = app.getHttpServer() as Server;
  });

  afterAll(async () => {
    await app.close();
    await emptyQueues(); // the syncs it scheduled must not run in a later spec
    await kraken.stop();
  });

  it('sends neither X-Powered-By nor an ETag', async () => {
    for (const path of ['/health', '/metrics']) {
      const res = await rawRequest(server, 'GET', path);
      expect(res.status).toBe(200);
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers.etag).toBeUndefined();
    }
  });

  it('answers an unknown route with 404 in the one error shape', async () => {
    const res = await rawRequest(server, 'POST', '/jobs', [['content-type', 'application/json']], '{"a":1}');
    expect(res.json).toEqual({ statusCode: 404, error: 'Not Found', message: 'Cannot POST /jobs' });
  });

  it('refuses two Authorization headers with 400', async () => {
    const res = await rawRequest(server, 'GET', '/metrics', [
      ['authorization', 'Bearer a'],
      ['authorization', 'Bearer b'],
    ]);
    expect(res.json).toEqual({ statusCode: 400, error: 'Bad Request', message: 'send one authorization header, not several' });
  });

  it('answers two Authorization headers with x-request-id, logs the refusal once and counts it', async () => {
    const scrape = async () => (await rawRequest(server, 'GET', '/metrics')).text;
    await expectObservedRefusal(server, 'worker', logs, scrape, {
      method: 'GET',
      path: '/jobs?secret=abc',
      headers: [
        ['authorization', 'Bearer a'],
        ['authorization', 'Bearer b'],
      ],
      status: 400,
    });
  });
});
