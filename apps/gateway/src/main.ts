import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as JsonLogger } from 'nestjs-pino';
import { loadConfigOrExit } from '#libs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureGateway, GATEWAY_APP_OPTIONS } from './gateway.app.js';
import { GatewayModule } from './gateway.module.js';

const config = loadConfigOrExit();
const app = await NestFactory.create<NestExpressApplication>(GatewayModule, { ...GATEWAY_APP_OPTIONS, bufferLogs: true });
app.useLogger(app.get(JsonLogger));
configureGateway(app);
await app.listen(config.GATEWAY_PORT);
new Logger('Gateway').log(`listening on http://localhost:${config.GATEWAY_PORT}`);
