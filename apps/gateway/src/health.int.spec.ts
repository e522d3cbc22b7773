import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { bootGateway } from '../../../test/support/nest-app.js';
import { bootPrediction } from '../../../test/support/prediction-app.js';

describe('gateway health', () => {
  let prediction: INestApplication;
  let gateway: NestExpressApplication;

  beforeAll(async () => {
    prediction = await bootPrediction();
    await prediction.listen(0, '127.0.0.1');
    gateway = await bootGateway({ PREDICTION_URL: await prediction.getUrl() });
  });

  afterAll(async () => {
    await gateway.close();
    await prediction.close();
  });

  it('reports Postgres, Redis and the prediction service up, to anyone', async () => {
    const res = await request(gateway.getHttpServer()).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(Object.fromEntries(Object.entries(res.body.details).map(([k, v]) => [k, (v as { status: string }).status]))).toEqual({
      postgres: 'up',
      redis: 'up',
      prediction: 'up',
    });
  });

  it('answers 503 naming the prediction service when it is down', async () => {
    await prediction.close();
    const res = await request(gateway.getHttpServer()).get('/health').expect(503);
    expect(res.body.status).toBe('error');
    expect(res.body.error.prediction).toMatchObject({ status: 'down', message: 'ECONNREFUSED' });
    expect(res.body.details.postgres.status).toBe('up');
  });
});
