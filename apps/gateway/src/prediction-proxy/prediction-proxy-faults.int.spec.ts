import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { emptyDatabase } from '../../../../test/support/fixtures.js';
import { bootGateway } from '../../../../test/support/nest-app.js';
import { emptyQueues, eventually } from '../../../../test/support/queues.js';
import { bearer, loggedIn, type TestUser } from '../../../../test/support/users.js';

type Fault = 'hang' | 'slow-body' | 'html-502' | 'text-200' | 'json-500' | 'json-401' | 'reset';

/** A stand-in for a prediction service in trouble: it hangs, or answers what a broken one would. */
class TroubledPrediction {
  fault: Fault = 'hang';
  requests = 0;
  /** Requests whose caller went away before they were answered. */
  abandoned = 0;
  private readonly server: Server = createServer((req, res) => {
    this.requests++;
    res.once('close', () => void (res.writableFinished || this.abandoned++));
    const json = (status: number, body: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    switch (this.fault) {
      case 'hang':
        return; // never answers
      case 'slow-body':
        return void res.writeHead(200, { 'content-type': 'application/json' }).write('{"count":'); // headers, then nothing
      case 'html-502':
        return void res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
      case 'text-200':
        return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      case 'json-500':
        return void json(500, '{"statusCode":500,"message":"Internal server error"}');
      case 'json-401':
        return void json(401, '{"statusCode":401,"error":"Unauthorized","message":"Invalid internal token"}');
      case 'reset':
        return void req.socket.destroy();
    }
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

describe('the gateway when the prediction service is slow or broken', () => {
  const prediction = new TroubledPrediction();
  let gateway: NestExpressApplication;
  let admin: TestUser;
  const http = () => request(gateway.getHttpServer());

  beforeAll(async () => {
    gateway = await bootGateway({ PREDICTION_URL: await prediction.start(), PREDICTION_TIMEOUT_MS: '300' });
    await emptyDatabase(gateway.get(DataSource));
    await emptyQueues();
    admin = await loggedIn(gateway, 'boss', 'admin');
  });

  afterAll(async () => {
    await gateway.close();
    await prediction.stop();
  });

  it.each([
    ['hang', 'get', '/prediction/latest?asset=BTC'],
    ['hang', 'post', '/prediction/train'],
    ['slow-body', 'get', '/prediction/models'],
  ] as const)('answers 504 once PREDICTION_TIMEOUT_MS has passed when the service %ss (%s %s)', async (fault, method, url) => {
    prediction.fault = fault;
    const abandoned = prediction.abandoned;
    const res = await http()[method](url).set(bearer(admin)).send({ asset: 'BTC' }).expect(504);
    expect(res.body).toEqual({ statusCode: 504, error: 'Gateway Timeout', message: 'The prediction service did not answer within 300 ms' });
    // The gateway gave up on the request itself: it does not leave it open behind the 504.
    await eventually(
      async () => prediction.abandoned,
      (n) => n === abandoned + 1,
      5000,
      'the gateway to drop its request to the prediction service',
    );
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['reset', 503, 'Service Unavailable', 'The prediction service is unavailable: try again in a moment'],
    ['html-502', 503, 'Service Unavailable', 'The prediction service is unavailable: try again in a moment'],
    ['text-200', 502, 'Bad Gateway', 'The prediction service sent an answer the gateway cannot read'],
    ['json-500', 502, 'Bad Gateway', expect.stringMatching(/^The prediction service failed to answer \(request id [0-9a-f-]{36}\)$/)],
    ['json-401', 502, 'Bad Gateway', 'The gateway could not authenticate with the prediction service'],
  ] as const)('answers a service that sends %s with %i, never a 500', async (fault, statusCode, error, message) => {
    prediction.fault = fault;
    const res = await http().get('/prediction/models').set(bearer(admin)).expect(statusCode);
    expect(res.body).toEqual({ statusCode, error, message });
  });

  it('asks the service afresh on every request: a failure is not remembered', async () => {
    prediction.fault = 'json-500';
    const before = prediction.requests;
    await http().get('/prediction/models').set(bearer(admin)).expect(502);
    await http().get('/prediction/models').set(bearer(admin)).expect(502);
    expect(prediction.requests).toBe(before + 2);
  });
});
