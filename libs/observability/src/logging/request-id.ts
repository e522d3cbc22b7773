import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header a request id travels in: from a client to the gateway, from the gateway to the prediction service, and back in every answer. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What a request id may look like: a UUID, or any short token of letters, digits and `. _ : -`. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's request id when it is one we can log safely, else a new UUID. */
export function requestIdFrom(header: unknown): string {
  return typeof header === 'string' && REQUEST_ID_PATTERN.test(header) ? header : randomUUID();
}

/** The id the logging middleware gave this request (its own, or the caller's from x-request-id). */
export function requestIdOf(req: IncomingMessage & { id?: unknown }): string {
  return typeof req.id === 'string' ? req.id : requestIdFrom(req.headers[REQUEST_ID_HEADER]);
}
