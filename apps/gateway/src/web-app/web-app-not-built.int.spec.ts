import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LoggerService } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { bootGateway } from '../../../../test/support/nest-app.js';

/** The warnings the gateway logged. */
class Warnings implements LoggerService {
  readonly lines: string[] = [];
  log(): void {}
  error(): void {}
  warn(message: unknown): void {
    this.lines.push(String(message));
  }
}

describe('the gateway without a built web app', () => {
  let app: NestExpressApplication;
  let root: string;
  const warnings = new Warnings();
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'candlecast-unbuilt-'));
    app = await bootGateway({ WEB_ROOT: root, QUEUE_PREFIX: 'web-unbuilt-spec', PREDICTION_URL: 'http://127.0.0.1:9' }, undefined, {
      logger: warnings,
    });
  });

  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('starts, and says once that the web app is not built', () => {
    expect(warnings.lines.filter((line) => line.includes('the web app is not built'))).toEqual([
      `the web app is not built (${root} has no index.html): its pages answer 404 until npm run build builds it`,
    ]);
  });

  it.each(['/', '/login', '/markets/BTC?interval=1d'])('answers %s with a 404 that says to run npm run build', async (path) => {
    const res = await http().get(path).expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: `The web app is not built: run npm run build (WEB_ROOT ${root} has no index.html)`,
    });
    await http().head(path).expect(404);
  });

  it('keeps an unknown API path and a missing static file the usual 404', async () => {
    for (const path of ['/crypto/nope', '/static/app-1234.js']) {
      const res = await http().get(path).expect(404);
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: `Cannot GET ${path}` });
    }
  });

  it('serves the API as ever', async () => {
    await http().post('/auth/login').send({}).expect(400);
    await http().get('/docs-json').expect(200);
  });
});
