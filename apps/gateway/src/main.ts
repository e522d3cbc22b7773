import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '#libs/config';
import { configureGateway } from './gateway.app.js';
import { GatewayModule } from './gateway.module.js';

const config = loadConfigOrExit();
const app = await NestFactory.create(GatewayModule, { logger: [config.LOG_LEVEL === 'debug' ? 'debug' : 'log', 'warn', 'error', 'fatal'] });
configureGateway(app);
await app.listen(config.GATEWAY_PORT);
new Logger('Gateway').log(`listening on http://localhost:${config.GATEWAY_PORT}`);
