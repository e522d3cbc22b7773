import { request, type ClientRequest } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { eventually } from './queues.js';

/** One Server-Sent Event as a client sees it; `comment` for a `: …` line. */
export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/**
 * An open GET of an event stream, as the web app's streamed fetch makes it (Authorization in a
 * header): the response's status and headers, every event and comment parsed as it arrives, and
 * whether the server closed it.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  status = 0;
  headers: Record<string, string | string[] | undefined> = {};
  body = '';
  closed = false;
  private buffer = '';
  private req?: ClientRequest;

  static async open(server: Server, path: string, headers: Record<string, string>): Promise<SseClient> {
    const client = new SseClient();
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      client.req = request({ host: '127.0.0.1', port, path, headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
        client.status = res.statusCode ?? 0;
        client.headers = res.headers;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => client.take(chunk));
        res.on('close', () => (client.closed = true));
        resolve();
      });
      client.req.on('error', (error) => (client.closed ? undefined : reject(error)));
      client.req.end();
    });
    return client;
  }

  /** The `notification` events' data, parsed. */
  get notifications(): { id: string; [key: string]: unknown }[] {
    return this.events.filter((e) => e.event === 'notification').map((e) => JSON.parse(e.data) as { id: string });
  }

  /** Waits until `count` notification events have arrived (10 s at most) and returns them all. */
  async received(count: number): Promise<{ id: string; [key: string]: unknown }[]> {
    await eventually(
      async () => this.notifications.length,
      (n) => n >= count,
      10_000,
      `${count} notification event(s) on the stream`,
    );
    return this.notifications;
  }

  /** Waits for the server to close the stream (10 s at most); the `end` event's data, if one came. */
  async ended(timeoutMs = 10_000): Promise<unknown> {
    await eventually(
      async () => this.closed,
      (closed) => closed,
      timeoutMs,
      'the server to close the stream',
    );
    const end = this.events.find((e) => e.event === 'end');
    return end && JSON.parse(end.data);
  }

  close(): void {
    this.closed = true;
    this.req?.destroy();
  }

  private take(chunk: string): void {
    this.body += chunk;
    this.buffer += chunk;
    let cut: number;
    while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, cut);
      this.buffer = this.buffer.slice(cut + 2);
      const event: SseEvent = { event: 'message', data: '' };
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
        else {
          const at = line.indexOf(':');
          const [name, value] = at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + 1).replace(/^ /, '')];
          if (name === 'id') event.id = value;
          else if (name === 'event') event.event = value;
          else if (name === 'data') data.push(value);
        }
      }
      // A block without data (the `retry:` line, a comment) dispatches no event.
      if (data.length) this.events.push({ ...event, data: data.join('\n') });
    }
  }
}
