import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as JsonLogger } from 'nestjs-pino';
import { loadConfigOrExit } from '#libs/config';
import { WorkerModule } from './worker.module.js';

const config = loadConfigOrExit();
const app = await NestFactory.create(WorkerModule, { bufferLogs: true });
app.useLogger(app.get(JsonLogger));
app.enableShutdownHooks();
await app.listen(config.WORKER_METRICS_PORT);
new Logger('Worker').log(`/health and /metrics on http://127.0.0.1:${config.WORKER_METRICS_PORT}`);
