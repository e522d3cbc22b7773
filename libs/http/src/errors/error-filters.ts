import type { INestApplication } from '@nestjs/common';
import { DomainErrorFilter } from './domain-error.filter.js';
import { UnexpectedErrorFilter } from './unexpected-error.filter.js';
import { UnexpectedErrorCounter } from './unexpected-error.counter.js';

function counterOf(app: INestApplication): UnexpectedErrorCounter | undefined {
  try {
    return app.get(UnexpectedErrorCounter, { strict: false });
  } catch {
    return undefined;
  }
}

/**
 * Registers the exception filters every app answers errors with: domain errors to their
 * statuses, everything else in the same shape (storage outages 503, bugs 500). Nest tries the
 * filter registered last first, so the domain filter goes last.
 */
export function useErrorFilters<A extends INestApplication>(app: A): A {
  const counter = counterOf(app);
  app.useGlobalFilters(new UnexpectedErrorFilter(counter), new DomainErrorFilter(counter));
  return app;
}
