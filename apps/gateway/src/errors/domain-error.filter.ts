import { ArgumentsHost, Catch, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import {
  AssetAlreadyTrackedError,
  AssetTrackedBeforeError,
  DomainError,
  KrakenResponseError,
  KrakenUnavailableError,
  LastAdminError,
  RateLimitedError,
  UnknownAssetError,
  UnknownAssetPairError,
  UsernameTakenError,
} from '#libs/domain';

/** The one place where domain errors become HTTP statuses. */
const STATUS = new Map<abstract new (...args: never[]) => DomainError, HttpStatus>([
  [UnknownAssetError, HttpStatus.NOT_FOUND],
  [AssetAlreadyTrackedError, HttpStatus.CONFLICT],
  [AssetTrackedBeforeError, HttpStatus.CONFLICT],
  [UsernameTakenError, HttpStatus.CONFLICT],
  [LastAdminError, HttpStatus.CONFLICT],
  [RateLimitedError, HttpStatus.TOO_MANY_REQUESTS],
  [UnknownAssetPairError, HttpStatus.BAD_REQUEST],
  [KrakenUnavailableError, HttpStatus.SERVICE_UNAVAILABLE],
  [KrakenResponseError, HttpStatus.BAD_GATEWAY],
]);

const REASON: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.NOT_FOUND]: 'Not Found',
  [HttpStatus.CONFLICT]: 'Conflict',
  [HttpStatus.TOO_MANY_REQUESTS]: 'Too Many Requests',
  [HttpStatus.BAD_REQUEST]: 'Bad Request',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'Service Unavailable',
  [HttpStatus.BAD_GATEWAY]: 'Bad Gateway',
};

@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(DomainErrorFilter.name);

  catch(error: DomainError, host: ArgumentsHost): void {
    const status = STATUS.get(error.constructor as abstract new (...args: never[]) => DomainError) ?? HttpStatus.INTERNAL_SERVER_ERROR;
    if (status >= 500) this.logger.warn(error.message);
    const message = status === HttpStatus.SERVICE_UNAVAILABLE ? `${error.message}; try again later` : error.message;
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof RateLimitedError) response.setHeader('Retry-After', String(error.retryAfterSeconds));
    response.status(status).json({ statusCode: status, error: REASON[status] ?? 'Internal Server Error', message });
  }
}
