import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '#libs/config';
import { nestLogLevels } from '#libs/observability';
import { configureGateway } from './gateway.app.js';
import { GatewayModule } from './gateway.module.js';

const config = loadConfigOrExit();
const app = await NestFactory.create(GatewayModule, { logger: nestLogLevels(config.LOG_LEVEL) });
configureGateway(app);
await app.listen(config.GATEWAY_PORT);
new Logger('Gateway').log(`listening on http://localhost:${config.GATEWAY_PORT}`);
