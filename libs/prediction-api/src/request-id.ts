import { randomUUID } from 'node:crypto';

/** What a request id may look like: a UUID, or any short token of letters, digits and `. _ : -`. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's request id when it is one we can log safely, else a new UUID. */
export function requestIdFrom(header: unknown): string {
  return typeof header === 'string' && REQUEST_ID_PATTERN.test(header) ? header : randomUUID();
}
