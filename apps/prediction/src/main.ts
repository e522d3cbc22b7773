import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfigOrExit } from '#libs/config';
import { jsonLogger } from '#libs/observability';
import { configurePrediction, PREDICTION_APP_OPTIONS } from './prediction.app.js';
import { PredictionModule } from './prediction.module.js';

const config = loadConfigOrExit();
const app = await NestFactory.create<NestExpressApplication>(PredictionModule, {
  ...PREDICTION_APP_OPTIONS,
  logger: jsonLogger('prediction', config),
});
configurePrediction(app);
// Private: on the loopback interface by default (Docker: its internal network only), and every
// route but /health and /metrics needs the internal token.
await app.listen(config.PREDICTION_PORT, config.PREDICTION_HOST);
new Logger('Prediction').log(`listening on http://${config.PREDICTION_HOST}:${config.PREDICTION_PORT}`);
