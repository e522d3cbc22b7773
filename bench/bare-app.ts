/**
 * The baseline of bench/http.ts: one NestJS route on the same HTTP adapter (Express) as the
 * gateway, answering a fixed JSON of a forecast's size, with no guard, database, log or metric.
 * What the framework and the adapter cost by themselves on this machine.
 *
 *   node dist/bench/bare-app.js <port>
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

const FORECAST_LIKE = {
  asset: 'BTC',
  interval: '1d',
  madeAt: '2026-04-01T00:05:00.000Z',
  model: { id: '00000000-0000-4000-8000-000000000000', version: 1, trainedTo: '2026-03-31T00:00:00.000Z' },
  points: [{ targetTime: '2026-04-01T00:00:00.000Z', predictedClose: '68219.7' }],
};

@Controller('bare')
class BareController {
  @Get()
  bare() {
    return FORECAST_LIKE;
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

const app = await NestFactory.create<NestExpressApplication>(BareModule, { logger: false });
// As the gateway: no ETag hashing of every answer.
app.set('etag', false);
await app.listen(Number(process.argv[2] ?? 0), '127.0.0.1');
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
