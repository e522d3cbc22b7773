import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST a receiver got: when, its headers and its body as sent (the signature covers these bytes). */
export interface Received {
  path: string;
  at: Date;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A webhook receiver of our own on 127.0.0.1: records every request, and answers each path with
 * the statuses it is given in turn (the last one from then on; 200 for a path given none); a
 * status of 0 is no answer at all (the request hangs until the client gives up).
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  private readonly answers = new Map<string, number[]>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookReceiver> {
    const receiver: WebhookReceiver = new WebhookReceiver(
      createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const path = req.url ?? '/';
          receiver.received.push({ path, at: new Date(), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
          const statuses = receiver.answers.get(path) ?? [200];
          const status = statuses.length > 1 ? statuses.shift()! : statuses[0];
          if (status === 0) return;
          res.writeHead(status, { 'Content-Type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
        });
      }),
    );
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path: string, host = '127.0.0.1'): string {
    return `http://${host}:${this.port}${path}`;
  }

  /** `path` answers these statuses, one per request, then the last one for ever. */
  answer(path: string, ...statuses: number[]): void {
    this.answers.set(path, statuses);
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
