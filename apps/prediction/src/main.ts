import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '#libs/config';
import { nestLogLevels } from '#libs/observability';
import { configurePrediction } from './prediction.app.js';
import { PredictionModule } from './prediction.module.js';

const config = loadConfigOrExit();
const app = configurePrediction(await NestFactory.create(PredictionModule, { logger: nestLogLevels(config.LOG_LEVEL) }));
// Private: on the loopback interface only, and every route but /health needs the internal token.
await app.listen(config.PREDICTION_PORT, '127.0.0.1');
new Logger('Prediction').log(`listening on http://127.0.0.1:${config.PREDICTION_PORT}`);
