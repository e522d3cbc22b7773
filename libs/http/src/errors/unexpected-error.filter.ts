import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { errorBody, sendError } from './error-body.js';
import { isOutage } from './storage-outage.js';
import type { UnexpectedErrorCounter } from './unexpected-error.counter.js';

/** What body-parser (through Nest, as the cause of an HttpException) says went wrong with a body. */
interface BodyParserError extends Error {
  type: string;
  limit?: number;
  encoding?: string;
  charset?: string;
}

function bodyParserError(exception: HttpException): BodyParserError | undefined {
  const cause = exception.cause;
  return cause instanceof Error && typeof (cause as Partial<BodyParserError>).type === 'string' ? (cause as BodyParserError) : undefined;
}

/** The message of a body-parser failure, in words a caller can act on. */
function bodyParserMessage(error: BodyParserError, fallback: string): string {
  switch (error.type) {
    case 'entity.parse.failed':
      return `body is not valid JSON: ${error.message}`;
    case 'entity.too.large':
      return `body is too large: at most ${error.limit} bytes`;
    case 'encoding.unsupported':
      return `Content-Encoding '${error.encoding}' is not supported: send the body as it is, or gzip, deflate or br`;
    case 'charset.unsupported':
      return `charset '${error.charset}' is not supported: send JSON in UTF-8`;
    case 'request.aborted':
      return 'the request was aborted before its body arrived';
    case 'request.size.invalid':
      return 'the body is not as long as Content-Length says';
    default:
      return fallback;
  }
}

/** zlib's failure to decompress a body that its Content-Encoding says is compressed (Z_DATA_ERROR, Z_BUF_ERROR, ...). */
function decompressionError(exception: HttpException): Error | undefined {
  const cause = exception.cause;
  return cause instanceof Error && /^Z_/.test(String((cause as Error & { code?: unknown }).code)) ? cause : undefined;
}

/** The message an HttpException carries: Nest's `{message}` (a string or a list), or its own text. */
function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/**
 * Every error that is not a domain error, answered in the one error shape:
 * - an HttpException (a guard's 401, a pipe's 400, an unknown route's 404, and body-parser's
 *   failures, which Nest hands over as one) keeps its status, with its message as one string;
 * - a database or Redis out of reach is a 503 that says to try again (the caller did nothing
 *   wrong, and a retry will do);
 * - anything else is a bug: a 500 that says nothing of it, logged with its stack.
 * The last two are counted as unexpected errors; answers by design are not.
 */
@Catch()
export class UnexpectedErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionsHandler');

  constructor(private readonly unexpected?: UnexpectedErrorCounter) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    if (exception instanceof HttpException) return this.answer(response, exception);
    this.unexpected?.count(http.getRequest<Request>());
    if (isOutage(exception)) {
      this.logger.error(`storage out of reach: ${(exception as Error).message}`);
      return sendError(response, HttpStatus.SERVICE_UNAVAILABLE, 'A database Candlecast needs is out of reach: try again in a moment');
    }
    this.logger.error(exception instanceof Error ? exception.message : String(exception), (exception as Error | undefined)?.stack);
    sendError(response, HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
  }

  private answer(response: Response, exception: HttpException): void {
    const status = exception.getStatus();
    const body = exception.getResponse();
    // A report of its own (GET /health's 503 names what is down) goes out as it is.
    if (status >= 500 && typeof body === 'object' && !('message' in body)) {
      if (!response.headersSent) response.status(status).type('application/json').json(body);
      return;
    }
    const parser = bodyParserError(exception);
    const zlib = decompressionError(exception);
    const message = parser
      ? bodyParserMessage(parser, messageOf(exception))
      : zlib
        ? `body could not be decompressed as its Content-Encoding says (${zlib.message})`
        : messageOf(exception);
    sendError(response, status, message || errorBody(status, '').error);
  }
}
