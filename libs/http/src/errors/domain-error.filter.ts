import { ArgumentsHost, Catch, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  AssetAlreadyTrackedError,
  AssetTrackedBeforeError,
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidRequestError,
  KrakenResponseError,
  KrakenUnavailableError,
  LastAdminError,
  NotFoundError,
  RateLimitedError,
  TrainingBudgetExceededError,
  UnknownAssetError,
  UnknownAssetPairError,
  UsernameTakenError,
} from '#libs/domain';
import { sendError } from './error-body.js';
import type { UnexpectedErrorCounter } from './unexpected-error.counter.js';

type DomainErrorClass = abstract new (...args: never[]) => DomainError;

/** The one place where domain errors become HTTP statuses; a subclass takes its parent's status. */
const STATUS = new Map<DomainErrorClass, HttpStatus>([
  [NotFoundError, HttpStatus.NOT_FOUND],
  [UnknownAssetError, HttpStatus.NOT_FOUND],
  [InvalidRequestError, HttpStatus.BAD_REQUEST],
  [UnknownAssetPairError, HttpStatus.BAD_REQUEST],
  [TrainingBudgetExceededError, HttpStatus.BAD_REQUEST],
  [AssetAlreadyTrackedError, HttpStatus.CONFLICT],
  [AssetTrackedBeforeError, HttpStatus.CONFLICT],
  [UsernameTakenError, HttpStatus.CONFLICT],
  [LastAdminError, HttpStatus.CONFLICT],
  [ConflictError, HttpStatus.CONFLICT],
  [ForbiddenError, HttpStatus.FORBIDDEN],
  [RateLimitedError, HttpStatus.TOO_MANY_REQUESTS],
  [KrakenUnavailableError, HttpStatus.SERVICE_UNAVAILABLE],
  [KrakenResponseError, HttpStatus.BAD_GATEWAY],
]);

export function statusOf(error: DomainError): HttpStatus {
  for (let type: unknown = error.constructor; type && type !== DomainError; type = Object.getPrototypeOf(type)) {
    const status = STATUS.get(type as DomainErrorClass);
    if (status !== undefined) return status;
  }
  return HttpStatus.INTERNAL_SERVER_ERROR;
}

@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(DomainErrorFilter.name);

  constructor(private readonly unexpected?: UnexpectedErrorCounter) {}

  catch(error: DomainError, host: ArgumentsHost): void {
    const status = statusOf(error);
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    if (status === HttpStatus.INTERNAL_SERVER_ERROR) {
      // A domain error nobody mapped is a bug like any other.
      this.unexpected?.count(http.getRequest<Request>());
      this.logger.error(`unmapped ${error.name}: ${error.message}`, error.stack);
      return sendError(response, status, 'Internal server error');
    }
    if (status >= 500) this.logger.warn(error.message);
    const message = status === HttpStatus.SERVICE_UNAVAILABLE ? `${error.message}; try again later` : error.message;
    if (error instanceof RateLimitedError) response.setHeader('Retry-After', String(error.retryAfterSeconds));
    sendError(response, status, message);
  }
}
