import type { NestApplicationOptions } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { acceptJsonBodies, hardenHttp, useErrorFilters, validationPipe } from '#libs/http';
import { observeHttp } from '#libs/observability';

/** Created without Nest's default body parsers (form data among them): configurePrediction takes JSON only. */
export const PREDICTION_APP_OPTIONS: NestApplicationOptions = { bodyParser: false };

/** Everything main.ts sets on the app besides listening, shared with the end-to-end tests. */
export function configurePrediction<A extends NestExpressApplication>(app: A): A {
  // First: a request refused by the checks below is still logged, counted and given its id.
  observeHttp(app);
  hardenHttp(app);
  acceptJsonBodies(app, app.get<AppConfig>(APP_CONFIG).BODY_LIMIT);
  app.useGlobalPipes(validationPipe());
  useErrorFilters(app);
  app.enableShutdownHooks();
  return app;
}
