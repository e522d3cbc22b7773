import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { JobProducer, QueueName } from '#libs/queue';
import { emptyDatabase, seedAsset } from '../../../test/support/fixtures.js';
import { INTERNAL_TOKEN } from '../../../test/support/nest-app.js';
import { bootPrediction } from '../../../test/support/prediction-app.js';
import { emptyQueues } from '../../../test/support/queues.js';
import { expectObservedRefusal, LogSink, type Refusal } from '../../../test/support/observed.js';
import { rawRequest } from '../../../test/support/raw-http.js';

const ROUTES = ['/prediction/train', '/prediction/score', '/prediction/predict', '/prediction/ingest'];
const TOKEN: [string, string] = ['x-internal-token', INTERNAL_TOKEN];
const JSON_TYPE: [string, string] = ['content-type', 'application/json'];
const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

describe("the prediction service's HTTP transport", () => {
  let app: NestExpressApplication;
  let server: Server;
  const logs = new LogSink();
  const waitingJobs = async () =>
    (await Promise.all(Object.values(QueueName).map((name) => app.get(JobProducer).queue(name).getJobCountByTypes('waiting')))).reduce(
      (a, b) => a + b,
    );

  beforeAll(async () => {
    app = await bootPrediction({ METRICS_TOKEN }, undefined, logs.capture('prediction'));
    await app.listen(0, '127.0.0.1');
    server = app.getHttpServer() as Server;
    await emptyDatabase(app.get(DataSource));
    await emptyQueues();
    await seedAsset(app, 'BTC', '1d', []);
  });

  afterAll(() => app.close());

  it.each(ROUTES)('answers 2,000 nested arrays or objects on %s with 400 naming the limit, and enqueues nothing', async (path) => {
    for (const body of ['['.repeat(2000) + ']'.repeat(2000), '{"asset":' + '{"a":'.repeat(2000) + '1' + '}'.repeat(2001)]) {
      const res = await rawRequest(server, 'POST', path, [JSON_TYPE, TOKEN], body);
      expect(res.json).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'body is nested too deeply: at most 32 levels of objects and arrays',
      });
    }
    expect(await waitingJobs()).toBe(0);
  });

  it.each(ROUTES)('answers a body that is JSON but not an object on %s with 400 "expected a JSON object"', async (path) => {
    for (const [body, kind] of [
      ['null', 'null'],
      ['"x"', 'a string'],
      ['123', 'a number'],
      ['[]', 'an array'],
    ]) {
      const res = await rawRequest(server, 'POST', path, [JSON_TYPE, TOKEN], body);
      expect(res.json).toEqual({ statusCode: 400, error: 'Bad Request', message: `expected a JSON object as the body, got ${kind}` });
    }
    expect(await waitingJobs()).toBe(0);
  });

  it.each(ROUTES)('answers a form or text body on %s with 415, where it used to parse forms', async (path) => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain']) {
      const res = await rawRequest(server, 'POST', path, [['content-type', type], TOKEN], 'asset=BTC&interval=1d');
      expect(res.json).toEqual({
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: `send the body as JSON, with Content-Type: application/json (not ${type})`,
      });
    }
    expect(await waitingJobs()).toBe(0);
  });

  it('answers a body over BODY_LIMIT with 413 in the one error shape', async () => {
    const res = await rawRequest(server, 'POST', '/prediction/train', [JSON_TYPE, TOKEN], JSON.stringify({ asset: 'x'.repeat(20_000) }));
    expect(res.json).toEqual({ statusCode: 413, error: 'Payload Too Large', message: 'body is too large: at most 16384 bytes' });
  });

  it('answers malformed JSON and an unknown Content-Encoding in the one error shape', async () => {
    const malformed = await rawRequest(server, 'POST', '/prediction/train', [JSON_TYPE, TOKEN], '{"asset":');
    expect(malformed.json).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/^body is not valid JSON: /) });
    const encoded = await rawRequest(server, 'POST', '/prediction/train', [JSON_TYPE, TOKEN, ['content-encoding', 'bogus']], '{}');
    expect(encoded.json).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
  });

  it('refuses two Authorization headers with 400', async () => {
    const res = await rawRequest(server, 'GET', '/prediction/models', [
      TOKEN,
      ['authorization', 'Bearer a'],
      ['authorization', 'Bearer b'],
    ]);
    expect(res.json).toEqual({ statusCode: 400, error: 'Bad Request', message: 'send one authorization header, not several' });
  });

  it('sends neither X-Powered-By nor an ETag', async () => {
    for (const path of ['/prediction/models', '/health']) {
      const res = await rawRequest(server, 'GET', path, [TOKEN]);
      expect(res.status).toBe(200);
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers.etag).toBeUndefined();
    }
  });

  describe('a refused request, observed like any other', () => {
    const scrape = async () => (await rawRequest(server, 'GET', '/metrics', [['authorization', `Bearer ${METRICS_TOKEN}`]])).text;

    it.each<[string, Refusal]>([
      [
        'a body over BODY_LIMIT (413)',
        {
          method: 'POST',
          path: '/prediction/train',
          headers: [JSON_TYPE, TOKEN],
          body: JSON.stringify({ asset: 'x'.repeat(20_000) }),
          status: 413,
        },
      ],
      [
        'a text body (415)',
        { method: 'POST', path: '/prediction/score', headers: [['content-type', 'text/plain'], TOKEN], body: 'asset=BTC', status: 415 },
      ],
      [
        'malformed JSON (400)',
        { method: 'POST', path: '/prediction/predict', headers: [JSON_TYPE, TOKEN], body: '{"asset":', status: 400 },
      ],
      [
        '2,000 nested arrays (400)',
        { method: 'POST', path: '/prediction/ingest', headers: [JSON_TYPE, TOKEN], body: '['.repeat(2000) + ']'.repeat(2000), status: 400 },
      ],
      [
        'two Authorization headers (400)',
        {
          method: 'GET',
          path: '/prediction/models?token=abc',
          headers: [TOKEN, ['authorization', 'Bearer a'], ['authorization', 'Bearer b']],
          status: 400,
        },
      ],
    ])('answers %s with x-request-id, logs it once with the redacted URL, and counts it', async (_, refusal) => {
      await expectObservedRefusal(server, 'prediction', logs, scrape, refusal);
      expect(await waitingJobs()).toBe(0);
    });
  });
});
