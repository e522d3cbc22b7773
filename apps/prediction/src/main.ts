import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '#libs/config';
import { nestLogLevels } from '#libs/observability';
import { PredictionModule } from './prediction.module.js';

const config = loadConfigOrExit();
const app = await NestFactory.create(PredictionModule, { logger: nestLogLevels(config.LOG_LEVEL) });
app.enableShutdownHooks();
await app.listen(config.PREDICTION_PORT, '127.0.0.1');
new Logger('Prediction').log(`listening on http://127.0.0.1:${config.PREDICTION_PORT}`);
