import { describe, expect, it } from '@jest/globals';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { LoggerModule } from 'nestjs-pino';
import { Writable } from 'node:stream';
import request from 'supertest';
import { parseEnv } from '#libs/config';
import { jsonLogParams } from './logging.module.js';
import { redactUrl } from './redact-url.js';
import { RequestLogMiddleware } from './request-log.middleware.js';

describe('redactUrl', () => {
  it.each([
    ['/auth/login?password=hunter2', '/auth/login?password=[REDACTED]'],
    ['/x?token=abc&limit=5', '/x?token=[REDACTED]&limit=5'],
    ['/x?Access_Token=abc&REFRESH_TOKEN=def&Secret=ghi', '/x?Access_Token=[REDACTED]&REFRESH_TOKEN=[REDACTED]&Secret=[REDACTED]'],
    ['/x?pass%77ord=abc', '/x?pass%77ord=[REDACTED]'],
    ['/x?password[]=a&password[0]=b', '/x?password[]=[REDACTED]&password[0]=[REDACTED]'],
    ['/x?password', '/x?password=[REDACTED]'],
    ['/x?asset=BTC&interval=1d', '/x?asset=BTC&interval=1d'],
    ['/x?tokens=1&my_password=2', '/x?tokens=1&my_password=2'],
    ['/crypto/assets', '/crypto/assets'],
    ['/x?%E0%A4%A=1&token=x', '/x?%E0%A4%A=1&token=[REDACTED]'],
  ])('logs %s as %s: the values of sensitive keys hidden, whatever their case, the keys and the rest kept', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });
});

@Controller('things')
class ThingsController {
  @Get()
  list() {
    return [];
  }
}

describe('the request log line', () => {
  it('carries the URL with the values of sensitive query keys redacted', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const params = jsonLogParams('gateway', parseEnv({ ...process.env, LOG_LEVEL: 'info' }));
    @Module({
      imports: [LoggerModule.forRoot({ ...params, pinoHttp: [params.pinoHttp as object, sink] })],
      providers: [RequestLogMiddleware],
      controllers: [ThingsController],
    })
    class LoggedModule {}
    const app: INestApplication = (await Test.createTestingModule({ imports: [LoggedModule] }).compile()).createNestApplication({
      logger: false,
    });
    const log = app.get(RequestLogMiddleware);
    app.use(log.use.bind(log));
    await app.init();
    try {
      await request(app.getHttpServer()).get('/things?asset=BTC&password=hunter2&TOKEN=abc.def').expect(200);
    } finally {
      await app.close();
    }
    const logged = lines.map((line) => JSON.parse(line) as { req?: { url: string } }).find((line) => line.req);
    expect(logged?.req?.url).toBe('/things?asset=BTC&password=[REDACTED]&TOKEN=[REDACTED]');
    expect(lines.join('\n')).not.toMatch(/hunter2|abc\.def/);
  });
});
