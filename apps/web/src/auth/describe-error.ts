import { ApiError } from '../api/api-error.ts';
import { formatWait } from '../app/format.ts';

/** What a form shows for a refused request: the API's own message, and on a 429 how long to wait. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429)
      return error.retryAfterSeconds !== null ? `${error.message} Try again in ${formatWait(error.retryAfterSeconds)}.` : error.message;
    return error.message;
  }
  return 'The server could not be reached. Check your connection and try again.';
}
