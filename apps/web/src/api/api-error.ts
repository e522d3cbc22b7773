/** The API's error body (ErrorView): every 4xx and 5xx of the gateway has this shape. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

/** A refused request, with the API's own words; `retryAfterSeconds` from Retry-After on a 429. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }

  /** From a response and its parsed body (whatever it was: a proxy's HTML page has no ErrorView). */
  static from(response: Response, body: unknown): ApiError {
    const shaped = isErrorBody(body) ? body : null;
    const message = shaped ? (Array.isArray(shaped.message) ? shaped.message.join('; ') : shaped.message) : response.statusText;
    return new ApiError(
      response.status,
      shaped?.error ?? response.statusText,
      message || `HTTP ${response.status}`,
      retryAfter(response.headers.get('Retry-After')),
    );
  }
}

function isErrorBody(body: unknown): body is ErrorBody {
  return typeof body === 'object' && body !== null && 'statusCode' in body && 'message' in body;
}

/** Retry-After in seconds, from either of its forms (seconds, or an HTTP date). */
export function retryAfter(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}
