import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BadRequestException, Controller, Get, Module, Param, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DomainError, RateLimitedError, UnknownJobError } from '#libs/domain';
import { Public, useErrorFilters } from '#libs/http';
import { ConfigModule } from '#libs/config';
import { bootApp } from '../../../../test/support/nest-app.js';
import { LoggingModule } from '../logging/logging.module.js';
import { MetricsModule } from './metrics.module.js';
import { observeHttp } from '../observe-http.js';
import { sample } from '../../../../test/support/metrics.js';

const TOKEN = 'metrics-token-for-tests-0123456789';

@Public()
@Controller('things')
class ThingsController {
  @Get(':id')
  find(@Param('id') id: string) {
    return { id };
  }

  @Get(':id/refused')
  refuse(): never {
    throw new BadRequestException('no such thing');
  }

  @Get(':id/broken')
  break(): never {
    throw new TypeError('a bug');
  }

  @Get(':id/gone')
  gone(@Param('id') id: string): never {
    throw new UnknownJobError(id);
  }

  @Get(':id/limited')
  limited(): never {
    throw new RateLimitedError('Too many things: try again in 30 s', 30);
  }

  @Get(':id/unmapped')
  unmapped(): never {
    throw new (class NobodyMappedThisError extends DomainError {})('a domain error without a status');
  }

  @Get(':id/unreachable')
  unreachable(): never {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  }
}

@Module({ imports: [ConfigModule, LoggingModule.forRoot('gateway'), MetricsModule.forRoot('gateway')], controllers: [ThingsController] })
class ThingsModule {}

describe('/metrics, HTTP metrics and request ids', () => {
  let app: INestApplication;
  const scrape = async () => (await request(app.getHttpServer()).get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(200)).text;

  beforeAll(async () => {
    app = await bootApp(ThingsModule, { METRICS_TOKEN: TOKEN }, (app) => useErrorFilters(observeHttp(app)));
  });

  afterAll(() => app.close());

  it('answers Prometheus only with the metrics token', async () => {
    const none = await request(app.getHttpServer()).get('/metrics').expect(401);
    expect(none.body.message).toBe('Send the metrics token as Authorization: Bearer <METRICS_TOKEN>');
    const wrong = await request(app.getHttpServer()).get('/metrics').set('authorization', 'Bearer not-the-metrics-token').expect(401);
    expect(wrong.body.message).toBe('Invalid metrics token');
    const right = await request(app.getHttpServer()).get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(200);
    expect(right.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(right.text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(right.text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
  });

  it('labels requests with the route pattern, never the raw URL', async () => {
    const series = 'candlecast_http_requests_total{service="gateway",method="GET",route="/things/:id",status="200"}';
    const before = sample(await scrape(), series) ?? 0;
    await request(app.getHttpServer()).get('/things/abc').expect(200);
    await request(app.getHttpServer()).get('/things/def?x=1').expect(200);
    const text = await scrape();
    expect(sample(text, series)).toBe(before + 2);
    expect(
      sample(text, 'candlecast_http_request_duration_seconds_count{service="gateway",method="GET",route="/things/:id",status="200"}'),
    ).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain('/things/abc');
  });

  it('puts every unknown URL under one route label', async () => {
    await request(app.getHttpServer()).get('/no/such/page-1').expect(404);
    await request(app.getHttpServer()).get('/no/such/page-2').expect(404);
    const text = await scrape();
    expect(
      sample(text, 'candlecast_http_requests_total{service="gateway",method="GET",route="<unmatched>",status="404"}'),
    ).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain('page-1');
  });

  it('counts unexpected errors as exceptions, and refused input only as a 4xx', async () => {
    const exceptions = (route: string) => `candlecast_http_exceptions_total{service="gateway",route="${route}"}`;
    await request(app.getHttpServer()).get('/things/a/refused').expect(400);
    const broken = await request(app.getHttpServer()).get('/things/a/broken').expect(500);
    expect(broken.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
    const text = await scrape();
    expect(sample(text, exceptions('/things/:id/broken'))).toBe(1);
    expect(sample(text, exceptions('/things/:id/refused'))).toBeUndefined();
    expect(sample(text, 'candlecast_http_requests_total{service="gateway",method="GET",route="/things/:id/refused",status="400"}')).toBe(1);
    expect(sample(text, 'candlecast_http_requests_total{service="gateway",method="GET",route="/things/:id/broken",status="500"}')).toBe(1);
  });

  it('answers domain errors with their statuses, uncounted, and counts a domain error nobody mapped as a 500', async () => {
    const exceptions = (route: string) => `candlecast_http_exceptions_total{service="gateway",route="${route}"}`;
    const gone = await request(app.getHttpServer()).get('/things/x1/gone').expect(404);
    expect(gone.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: "No job with id 'x1': it never existed, or it finished long enough ago to be removed",
    });
    const limited = await request(app.getHttpServer()).get('/things/x1/limited').expect(429);
    expect(limited.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'Too many things: try again in 30 s' });
    expect(limited.headers['retry-after']).toBe('30');
    const unmapped = await request(app.getHttpServer()).get('/things/x1/unmapped').expect(500);
    expect(unmapped.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
    const text = await scrape();
    expect(sample(text, exceptions('/things/:id/gone'))).toBeUndefined();
    expect(sample(text, exceptions('/things/:id/limited'))).toBeUndefined();
    expect(sample(text, exceptions('/things/:id/unmapped'))).toBe(1);
  });

  it('answers 503, not 500, when a database is out of reach, and counts it', async () => {
    const res = await request(app.getHttpServer()).get('/things/a/unreachable').expect(503);
    expect(res.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'A database Candlecast needs is out of reach: try again in a moment',
    });
    expect(sample(await scrape(), 'candlecast_http_exceptions_total{service="gateway",route="/things/:id/unreachable"}')).toBe(1);
  });

  it("answers a request id, the caller's when it is a safe token", async () => {
    const given = await request(app.getHttpServer()).get('/things/a').set('x-request-id', 'trace-me.42').expect(200);
    expect(given.headers['x-request-id']).toBe('trace-me.42');
    const unsafe = await request(app.getHttpServer()).get('/things/a').set('x-request-id', 'no spaces or\tcontrol').expect(200);
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
