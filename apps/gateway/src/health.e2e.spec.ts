import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { configureGateway } from './gateway.app.js';
import { GatewayModule } from './gateway.module.js';

describe('gateway health', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [GatewayModule] }).compile();
    app = configureGateway(moduleRef.createNestApplication());
    await app.init();
  });

  afterAll(() => app.close());

  it('reports Postgres and Redis up', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.details.postgres.status).toBe('up');
    expect(res.body.details.redis.status).toBe('up');
  });
});
