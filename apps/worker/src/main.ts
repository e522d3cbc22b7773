import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfigOrExit } from '#libs/config';
import { jsonLogger } from '#libs/observability';
import { configureWorker, WORKER_APP_OPTIONS } from './worker.app.js';
import { WorkerModule } from './worker.module.js';

const config = loadConfigOrExit();
const app = await NestFactory.create<NestExpressApplication>(WorkerModule, { ...WORKER_APP_OPTIONS, logger: jsonLogger('worker', config) });
configureWorker(app);
await app.listen(config.WORKER_METRICS_PORT);
new Logger('Worker').log(`/health and /metrics on http://127.0.0.1:${config.WORKER_METRICS_PORT}`);
