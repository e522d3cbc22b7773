import { BadGatewayException, GatewayTimeoutException, Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { INTERNAL_HEADERS } from '#libs/prediction-api';

/** Who the gateway forwards a request for. */
export interface ForwardedFor {
  userId: string;
  role: string;
  requestId: string;
}

export interface PredictionCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** `/prediction/latest`: the same path on both services. */
  path: string;
  /** A validated query DTO: its defined fields become the query string. */
  query?: object;
  /** A validated body DTO, sent as JSON. */
  body?: object;
}

/** The prediction service's answer, to pass on as it is. */
export interface PredictionReply {
  status: number;
  body: unknown;
  /** The body as the prediction service sent it: JSON, ready to send on. */
  json: string;
}

function queryString(query: object | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) params.set(key, value instanceof Date ? value.toISOString() : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The gateway's link to the private prediction service: each call carries the internal token and
 * the caller's identity, and ends within PREDICTION_TIMEOUT_MS. A service that is down, slow, or
 * answers with something that is not its JSON becomes a 503, 504 or 502 at once, never a hang or a 500.
 */
@Injectable()
export class PredictionClient {
  private readonly logger = new Logger(PredictionClient.name);
  private readonly baseUrl: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.baseUrl = config.PREDICTION_URL.replace(/\/+$/, '');
  }

  async forward(call: PredictionCall, caller: ForwardedFor): Promise<PredictionReply> {
    const timeoutMs = this.config.PREDICTION_TIMEOUT_MS;
    const url = `${this.baseUrl}${call.path}${queryString(call.query)}`;
    const headers: Record<string, string> = {
      accept: 'application/json',
      [INTERNAL_HEADERS.token]: this.config.INTERNAL_API_TOKEN,
      [INTERNAL_HEADERS.userId]: caller.userId,
      [INTERNAL_HEADERS.userRole]: caller.role,
      [INTERNAL_HEADERS.requestId]: caller.requestId,
      ...(call.body ? { 'content-type': 'application/json' } : {}),
    };
    let status: number;
    let text: string;
    // One deadline bounds the whole exchange: connecting, the headers and the body. Cleared as
    // soon as the exchange ends, so that no timer outlives its request.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    try {
      const response = await fetch(url, {
        method: call.method,
        headers,
        body: call.body ? JSON.stringify(call.body) : undefined,
        redirect: 'manual',
        signal: deadline.signal,
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      if (deadline.signal.aborted) {
        this.logger.warn(`${call.method} ${call.path} (request ${caller.requestId}): no answer within ${timeoutMs} ms`);
        throw new GatewayTimeoutException(`The prediction service did not answer within ${timeoutMs} ms`);
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      this.logger.warn(`${call.method} ${call.path} (request ${caller.requestId}): ${cause?.code ?? cause?.message ?? String(error)}`);
      throw new ServiceUnavailableException('The prediction service is unavailable: try again in a moment');
    } finally {
      clearTimeout(timer);
    }
    return this.reply(call, caller, status, text);
  }

  private reply(call: PredictionCall, caller: ForwardedFor, status: number, text: string): PredictionReply {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const what = `${call.method} ${call.path} (request ${caller.requestId})`;
    if (typeof body !== 'object' || body === null) {
      this.logger.warn(`${what}: HTTP ${status} without JSON`);
      if (status >= 500) throw new ServiceUnavailableException('The prediction service is unavailable: try again in a moment');
      throw new BadGatewayException('The prediction service sent an answer the gateway cannot read');
    }
    if (status === 401 || status === 403) {
      // The caller did nothing wrong: the gateway's own credential was refused.
      this.logger.error(
        `${what}: the prediction service refused the internal token (HTTP ${status}); INTERNAL_API_TOKEN must be the same on both`,
      );
      throw new BadGatewayException('The gateway could not authenticate with the prediction service');
    }
    if (status >= 500 && status !== 503 && status !== 504) {
      this.logger.warn(`${what}: HTTP ${status} ${text.slice(0, 200)}`);
      throw new BadGatewayException(`The prediction service failed to answer (request id ${caller.requestId})`);
    }
    return { status, body, json: text };
  }
}
