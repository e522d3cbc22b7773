import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { emptyDatabase } from '../../../test/support/fixtures.js';
import { bootGateway } from '../../../test/support/nest-app.js';

describe('the gateway under abuse', () => {
  let app: NestExpressApplication;
  const from = (ip: string) => ({ 'X-Forwarded-For': ip });
  const login = (ip: string, username: string, password: string) =>
    request(app.getHttpServer()).post('/auth/login').set(from(ip)).send({ username, password });

  beforeAll(async () => {
    app = await bootGateway({
      QUEUE_PREFIX: `abuse-spec-${Date.now()}`,
      TRUST_PROXY: 'loopback',
      LOGIN_LIMIT_PER_IP: '4',
      SIGNUP_LIMIT_PER_IP: '2',
      CORS_ORIGINS: 'https://app.example.com',
      BODY_LIMIT: '2kb',
    });
    await emptyDatabase(app.get(DataSource));
  });

  afterAll(() => app.close());

  describe('login limits', () => {
    it('refuses more logins from one address than the limit with 429 and Retry-After', async () => {
      for (let i = 0; i < 4; i++) await login('10.0.0.1', `someone${i}`, 'wrong password!').expect(401);
      const res = await login('10.0.0.1', 'someone', 'wrong password!').expect(429);
      expect(res.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: expect.stringMatching(/^Too many login attempts from this address: try again in \d+ s$/),
      });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
      await login('10.0.0.2', 'someone', 'wrong password!').expect(401);
    });

    // Wrong passwords per username and address, and the slowdown across addresses: auth/password-guessing.int.spec.ts.

    it('limits signups per address', async () => {
      const signup = (n: number) =>
        request(app.getHttpServer())
          .post('/auth/signup')
          .set(from('10.2.0.1'))
          .send({ username: `newcomer${n}`, password: 'a long enough password' });
      await signup(1).expect(201);
      await signup(2).expect(201);
      const res = await signup(3).expect(429);
      expect(res.body.message).toMatch(/^Too many signups from this address/);
      expect(res.headers['retry-after']).toBeDefined();
    });
  });

  describe('HTTP hardening', () => {
    it('sends helmet security headers', async () => {
      const res = await request(app.getHttpServer()).get('/health');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toBeDefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    });

    it('allows cross-origin calls only from CORS_ORIGINS', async () => {
      const allowed = await request(app.getHttpServer())
        .options('/crypto/assets')
        .set('Origin', 'https://app.example.com')
        .set('Access-Control-Request-Method', 'GET');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
      const refused = await request(app.getHttpServer())
        .options('/crypto/assets')
        .set('Origin', 'https://evil.example.com')
        .set('Access-Control-Request-Method', 'GET');
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('refuses a body over BODY_LIMIT with 413 and stores nothing', async () => {
      const res = await request(app.getHttpServer())
        .post('/auth/signup')
        .set(from('10.3.0.1'))
        .send({ username: 'bulky', password: 'a long enough password', email: `${'x'.repeat(3000)}@example.com` })
        .expect(413);
      expect(res.body).toMatchObject({ statusCode: 413 });
      const [{ n }] = await app.get(DataSource).query(`SELECT count(*)::int AS n FROM users WHERE username = 'bulky'`);
      expect(n).toBe(0);
    });

    it('refuses a body that is not JSON with 400', async () => {
      const res = await request(app.getHttpServer())
        .post('/auth/login')
        .set(from('10.4.0.1'))
        .set('Content-Type', 'application/json')
        .send('{"username": ')
        .expect(400);
      expect(res.body.statusCode).toBe(400);
    });
  });

  describe('OpenAPI', () => {
    it('serves the interactive docs at /docs without a token', async () => {
      const res = await request(app.getHttpServer()).get('/docs').redirects(1).expect(200);
      expect(res.text).toContain('swagger-ui');
    });

    it('describes every route with bearer auth, its shapes and its errors', async () => {
      const { body } = await request(app.getHttpServer()).get('/docs-json').expect(200);
      expect(body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      const operations = Object.entries(
        body.paths as Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown }>>,
      ).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })));
      expect(operations.map((o) => o.route)).toEqual(
        expect.arrayContaining([
          'POST /auth/signup',
          'POST /auth/login',
          'POST /auth/refresh',
          'POST /auth/logout',
          'GET /auth/users/me',
          'PUT /auth/users/me',
          'GET /auth/users',
          'PUT /auth/users/{username}/role',
          'DELETE /auth/users/{username}',
          'GET /crypto/assets',
          'POST /crypto/assets',
          'DELETE /crypto/assets/{symbol}',
          'GET /crypto/assets/{symbol}/history',
          'GET /crypto/assets/{symbol}/latest',
          'GET /crypto/kraken-assets',
          'GET /health',
          'GET /prediction/latest',
          'GET /prediction/history',
          'GET /prediction/model-evaluation',
          'GET /prediction/best-model',
          'GET /prediction/models',
          'POST /prediction/train',
          'POST /prediction/score',
          'POST /prediction/predict',
          'POST /prediction/ingest',
          'GET /prediction/jobs/{id}',
          'GET /prediction/jobs',
          'GET /prediction/hyperparameters',
        ]),
      );
      for (const { route, op } of operations.filter((o) => !/^(POST \/auth\/(signup|login|refresh)|GET \/health)$/.test(o.route))) {
        expect({ route, secured: Boolean(op.security) }).toEqual({ route, secured: true });
        expect({ route, documents401: '401' in op.responses }).toEqual({ route, documents401: true });
      }
    });
  });
});
