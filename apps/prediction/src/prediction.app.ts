import type { INestApplication } from '@nestjs/common';
import { validationPipe } from '#libs/http';

/** Everything main.ts sets on the app besides listening, shared with the end-to-end tests. */
export function configurePrediction<A extends INestApplication>(app: A): A {
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
  return app;
}
