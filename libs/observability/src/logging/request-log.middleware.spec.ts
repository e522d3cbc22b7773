import { describe, expect, it } from '@jest/globals';
import { Body, Controller, Module, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import request from 'supertest';
import { parseEnv } from '#libs/config';
import { acceptJsonBodies } from '#libs/http';
import { LogSink } from '../../../../test/support/observed.js';
import { jsonLogParams } from './logging.module.js';
import { RequestLogMiddleware } from './request-log.middleware.js';

@Controller('notes')
class NotesController {
  constructor(private readonly logger: PinoLogger) {}

  @Post()
  add(@Body() note: { text: string }) {
    this.logger.info(`noted ${note.text}`);
    return {};
  }
}

describe('RequestLogMiddleware, applied before the body parser', () => {
  it('leaves every line made while serving the request with its reqId, and logs the request once', async () => {
    const logs = new LogSink();
    const params = jsonLogParams('gateway', parseEnv({ ...process.env, LOG_LEVEL: 'info' }));
    @Module({
      imports: [LoggerModule.forRoot({ ...params, pinoHttp: [params.pinoHttp as object, logs.stream] })],
      providers: [RequestLogMiddleware],
      controllers: [NotesController],
    })
    class NotesModule {}
    const app = (await Test.createTestingModule({ imports: [NotesModule] }).compile()).createNestApplication<NestExpressApplication>({
      bodyParser: false,
      logger: false,
    });
    const log = app.get(RequestLogMiddleware);
    app.use(log.use.bind(log));
    acceptJsonBodies(app, '16kb');
    await app.init();
    let reqId: string;
    try {
      const res = await request(app.getHttpServer()).post('/notes').send({ text: 'hello' }).expect(201);
      reqId = res.headers['x-request-id'];
      await logs.requestLine(reqId);
    } finally {
      await app.close();
    }
    expect(logs.lines.filter((line) => line.reqId === reqId).map((line) => (line as { msg?: string }).msg)).toEqual([
      'noted hello',
      'request completed',
    ]);
  });
});
