import { maxHeaderSize, STATUS_CODES, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { errorBody } from '../errors/error-body.js';

/** Node's codes for a request it refuses before any app code sees it, and what the caller should hear. */
function refusal(code: string | undefined): { status: number; message: string } {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, message: `the request line and headers are too large: at most ${maxHeaderSize} bytes together` };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, message: 'the request did not arrive in time' };
  return { status: 400, message: 'the request is not valid HTTP/1.1' };
}

/**
 * Requests Node's HTTP parser refuses (headers over its size limit, a malformed request line, a
 * request that timed out) never reach Express, and Node answers them with an empty 400/408/431.
 * Answered here instead, with the same statuses in the one error shape, and the connection closed,
 * as Node does. Nothing is written where a response has begun already, or where the client left.
 */
export function answerClientErrorsInShape(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // As Node's own handler does: never write into a response already under way on this
    // (kept-alive) connection. Node keeps that response on the socket, unexported.
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const { status, message } = refusal(error.code);
    const body = JSON.stringify(errorBody(status, message));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
