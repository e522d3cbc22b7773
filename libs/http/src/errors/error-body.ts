import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';

/** The one shape of every error the API answers with (DESIGN.md): the status, its reason phrase, and what was wrong. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

export function errorBody(statusCode: number, message: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
}

/**
 * Answers `status` with the error shape, as JSON even where the route had set another type (such
 * as /metrics' text); a response whose headers went out already (a stream) is only ended.
 */
export function sendError(response: Response, status: number, message: string): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  response.status(status).type('application/json').json(errorBody(status, message));
}
