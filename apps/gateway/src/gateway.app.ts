import type { NestApplicationOptions } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { validationPipe } from '#libs/http';
import { DomainErrorFilter } from './errors/domain-error.filter.js';

/** Created without Nest's default body parser, so that configureGateway can set the size limit. */
export const GATEWAY_APP_OPTIONS: NestApplicationOptions = { bodyParser: false };

/** Everything main.ts sets on the app besides listening, shared with the end-to-end tests. */
export function configureGateway(app: NestExpressApplication): NestExpressApplication {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.set('trust proxy', config.TRUST_PROXY);
  // No ETag: hashing every answer costs CPU on each request, and API clients do not revalidate.
  app.set('etag', false);
  app.use(helmet());
  app.enableCors(
    config.CORS_ORIGINS.length ? { origin: config.CORS_ORIGINS.includes('*') ? true : config.CORS_ORIGINS } : { origin: false },
  );
  app.useBodyParser('json', { limit: config.BODY_LIMIT });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new DomainErrorFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Candlecast')
      .setDescription(
        'Crypto price forecasts from Kraken candles. Log in with POST /auth/login, then send the access_token as a bearer token.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}
