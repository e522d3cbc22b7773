import type { NestApplicationOptions } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { Server } from 'node:http';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { acceptJsonBodies, hardenHttp, useErrorFilters, validationPipe } from '#libs/http';
import { observeHttp } from '#libs/observability';
import { ErrorView } from '#libs/prediction-api';
import { SESSION_COOKIE } from './auth/web-session/session-cookie.js';
import { documentBodyErrors } from './docs/body-errors.docs.js';

/** Created without Nest's default body parsers, so that configureGateway can take JSON only, up to the size limit. */
export const GATEWAY_APP_OPTIONS: NestApplicationOptions = { bodyParser: false };

/**
 * A client that trickles its request (headers byte by byte, a body that never ends) is dropped
 * once HTTP_HEADERS_TIMEOUT_MS or HTTP_REQUEST_TIMEOUT_MS has passed. Node checks its
 * connections against both every connectionsCheckingInterval (30 s by default, read when the
 * server starts listening): checked every second, a slow client holds a socket seconds, not a minute.
 */
function dropSlowClients(server: Server & { connectionsCheckingInterval?: number }, config: AppConfig): void {
  server.headersTimeout = config.HTTP_HEADERS_TIMEOUT_MS;
  server.requestTimeout = config.HTTP_REQUEST_TIMEOUT_MS;
  server.connectionsCheckingInterval = Math.min(1000, config.HTTP_HEADERS_TIMEOUT_MS);
}

/**
 * helmet's policy, made stricter for the web app: nothing from another origin (helmet allows
 * fonts and styles from any https: origin); no inline script. Inline styles stay allowed because
 * lightweight-charts adds a <style> element for its attribution logo (and Swagger UI's page at
 * /docs has one); data: images because Vite inlines small images as data: URLs.
 * upgrade-insecure-requests (helmet's default) stays: anything beyond localhost needs TLS in front.
 */
export const CONTENT_SECURITY_POLICY = {
  ...helmet.contentSecurityPolicy.getDefaultDirectives(),
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'style-src': ["'self'", "'unsafe-inline'"],
};

/** Everything main.ts sets on the app besides listening, shared with the end-to-end tests. */
export function configureGateway(app: NestExpressApplication): NestExpressApplication {
  const config = app.get<AppConfig>(APP_CONFIG);
  dropSlowClients(app.getHttpServer() as Server, config);
  app.set('trust proxy', config.TRUST_PROXY);
  // First: a request refused by any check below is still logged, counted and given its id.
  observeHttp(app);
  app.use(helmet({ contentSecurityPolicy: { directives: CONTENT_SECURITY_POLICY } }));
  app.enableCors(
    config.CORS_ORIGINS.length ? { origin: config.CORS_ORIGINS.includes('*') ? true : config.CORS_ORIGINS } : { origin: false },
  );
  hardenHttp(app);
  acceptJsonBodies(app, config.BODY_LIMIT);
  app.useGlobalPipes(validationPipe());
  useErrorFilters(app);
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
      // Read by refresh and logout in cookie mode only; never an access token.
      .addCookieAuth(
        SESSION_COOKIE,
        { type: 'apiKey', in: 'cookie', description: 'The refresh token, in cookie mode (X-Candlecast-Client: web) only' },
        SESSION_COOKIE,
      )
      .build(),
    { extraModels: [ErrorView] },
  );
  SwaggerModule.setup('docs', app, documentBodyErrors(document, config.BODY_LIMIT));
  return app;
}
