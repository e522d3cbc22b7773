import { request } from 'node:http';
import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body as it came on the wire (still compressed when it was sent so). */
  body: Buffer;
  text: string;
  /** The body read as JSON, or undefined when it is not. */
  json: unknown;
}

/**
 * One HTTP request with exactly the headers given (a name given twice is sent twice, which
 * supertest cannot do) and the body as given, to a server that listens.
 */
export function rawRequest(
  server: Server,
  method: string,
  path: string,
  headers: [name: string, value: string][] = [],
  body?: string | Buffer,
): Promise<RawReply> {
  const { port } = server.address() as AddressInfo;
  const merged: Record<string, string | string[]> = {};
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    const before = merged[key];
    merged[key] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: merged }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode!, headers: res.headers, body, text, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Opens a raw TCP connection to `server`, hands it to `send` (which writes as slowly as it
 * likes), and resolves with what the server wrote once it closes the connection. Rejects, failing
 * the test, if the server has not closed it within `withinMs`.
 */
export function untilServerCloses(server: Server, send: (socket: Socket) => void, withinMs: number): Promise<string> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for more than ${withinMs} ms`));
    }, withinMs);
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined); // a write after the server closed: the close below says it
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on('connect', () => send(socket));
  });
}
