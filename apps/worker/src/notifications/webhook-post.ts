import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedAddress } from '#libs/notifications';

/** A delivery that got no answer within WEBHOOK_TIMEOUT_MS. */
export class WebhookTimeoutError extends Error {}

/**
 * POSTs `body` to `url` over a connection to `address`, the one the address guard checked: the
 * lookup Node would make is answered with it, so that a name that resolves elsewhere by now (DNS
 * rebinding) changes nothing. TLS still checks the certificate against the URL's host name.
 * Redirects are not followed (a 3xx is a failed delivery). Resolves with the response status once
 * the headers arrive; the body is not read.
 */
export function postWebhook(
  url: URL,
  address: CheckedAddress,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<number> {
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) (callback as unknown as (e: null, all: { address: string; family: number }[]) => void)(null, [address]);
    else callback(null, address.address, address.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      {
        method: 'POST',
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        lookup,
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        resolve(res.statusCode ?? 0);
        res.destroy();
      },
    );
    req.on('error', (error) => {
      reject(
        error.name === 'AbortError' || error.name === 'TimeoutError' ? new WebhookTimeoutError(`no answer within ${timeoutMs} ms`) : error,
      );
    });
    req.end(body);
  });
}
