import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as JsonLogger } from 'nestjs-pino';
import { loadConfigOrExit } from '#libs/config';
import { configurePrediction } from './prediction.app.js';
import { PredictionModule } from './prediction.module.js';

const config = loadConfigOrExit();
const app = await NestFactory.create(PredictionModule, { bufferLogs: true });
app.useLogger(app.get(JsonLogger));
configurePrediction(app);
// Private: on the loopback interface by default (Docker: its internal network only), and every
// route but /health and /metrics needs the internal token.
await app.listen(config.PREDICTION_PORT, config.PREDICTION_HOST);
new Logger('Prediction').log(`listening on http://${config.PREDICTION_HOST}:${config.PREDICTION_PORT}`);
