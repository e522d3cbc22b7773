import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '#libs/config';
import { jsonLogger } from '#libs/observability';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureGateway, GATEWAY_APP_OPTIONS } from './gateway.app.js';
import { GatewayModule } from './gateway.module.js';

const config = loadConfigOrExit();
const app = await NestFactory.create<NestExpressApplication>(GatewayModule, {
  ...GATEWAY_APP_OPTIONS,
  logger: jsonLogger('gateway', config),
});
configureGateway(app);
await app.listen(config.GATEWAY_PORT);
new Logger('Gateway').log(`listening on http://localhost:${config.GATEWAY_PORT}`);
