import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '#libs/config';
import { jsonLogger } from '#libs/observability';
import { WorkerModule } from './worker.module.js';

const config = loadConfigOrExit();
const app = await NestFactory.create(WorkerModule, { logger: jsonLogger('worker', config) });
app.enableShutdownHooks();
await app.listen(config.WORKER_METRICS_PORT);
new Logger('Worker').log(`/health and /metrics on http://127.0.0.1:${config.WORKER_METRICS_PORT}`);
