import { BadRequestException, ValidationPipe, type INestApplication, type ValidationError } from '@nestjs/common';
import { DomainErrorFilter } from './errors/domain-error.filter.js';

/** Every constraint message, nested properties included, each once. */
function describe(errors: ValidationError[]): string[] {
  return [...new Set(errors.flatMap((e) => [...Object.values(e.constraints ?? {}), ...describe(e.children ?? [])]))];
}

/** Everything main.ts sets on the app besides listening, shared with the end-to-end tests. */
export function configureGateway(app: INestApplication): INestApplication {
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new BadRequestException(describe(errors).join('; ')),
    }),
  );
  app.useGlobalFilters(new DomainErrorFilter());
  app.enableShutdownHooks();
  return app;
}
