/** Node's and Postgres' codes for a server that cannot be reached or went away (Postgres class 08, shutdowns 57P01-57P03). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);
/** The same from pg's pool and ioredis, which say it in words. */
const UNREACHABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Connection is closed|Reached the max retries per request limit/i;

/** Whether an error says that Postgres or Redis is out of reach, rather than that our code is wrong. */
export function isOutage(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = (e as Error & { cause?: unknown }).cause) {
    const code = (e as Error & { code?: unknown }).code;
    if ((typeof code === 'string' && UNREACHABLE_CODES.has(code)) || UNREACHABLE_MESSAGES.test(e.message)) return true;
    const driverError = (e as Error & { driverError?: unknown }).driverError;
    if (driverError !== undefined && isOutage(driverError)) return true;
  }
  return false;
}
