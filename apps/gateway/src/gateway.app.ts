import { ValidationPipe, type INestApplication } from '@nestjs/common';

/** Everything main.ts sets on the app besides listening, shared with the end-to-end tests. */
export function configureGateway(app: INestApplication): INestApplication {
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.enableShutdownHooks();
  return app;
}
