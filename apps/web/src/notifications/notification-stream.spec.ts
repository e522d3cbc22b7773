import { describe, expect, it } from 'vitest';
import { backoffMs, NotificationStream, STREAM_PATH, type StreamDeps } from './notification-stream.ts';

/** A body that sends `chunks` and then ends (or stays open when `hold`). */
function sseResponse(chunks: string[], hold = false): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (!hold) controller.close();
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
}

const notification = (id: string) => `id: ${id}\nevent: notification\ndata: ${JSON.stringify({ id, title: `n${id}` })}\n\n`;

/** The stream against scripted answers, one per connect; records each request's headers. */
function scripted(answers: (() => Response)[], deps: Partial<StreamDeps> = {}) {
  const requests: { path: string; headers: Record<string, string> }[] = [];
  const received: unknown[] = [];
  const refreshed: (string | null)[] = [];
  const slept: number[] = [];
  let token = 'token-1';
  const stream: NotificationStream = new NotificationStream({
    fetch: async (input, init) => {
      requests.push({ path: String(input), headers: { ...(init?.headers as Record<string, string>) } });
      const answer = answers.shift();
      if (!answer) {
        stream.stop();
        throw new DOMException('stopped', 'AbortError');
      }
      return answer();
    },
    token: () => token,
    refresh: async (rejected) => {
      refreshed.push(rejected);
      token = `token-${refreshed.length + 1}`;
      return token;
    },
    onNotification: (n) => received.push(n),
    sleep: async (ms) => {
      slept.push(ms);
    },
    ...deps,
  });
  return { stream, requests, received, refreshed, slept };
}

describe('the notification stream', () => {
  it('sends the bearer token in a header, never in the URL, and hands on each notification', async () => {
    const { stream, requests, received } = scripted([() => sseResponse([': ping\n\n', notification('1'), notification('2')])]);
    await stream.start();
    expect(requests[0]).toEqual({ path: STREAM_PATH, headers: { Authorization: 'Bearer token-1', Accept: 'text/event-stream' } });
    expect(received).toEqual([
      { id: '1', title: 'n1' },
      { id: '2', title: 'n2' },
    ]);
  });

  it('after `event: end` refreshes the token and reconnects at once, resending the last event id', async () => {
    const { stream, requests, refreshed, slept } = scripted([
      () => sseResponse([notification('41'), 'event: end\ndata: {"reason":"token_expired"}\n\n', notification('99')]),
      () => sseResponse([notification('42')]),
    ]);
    await stream.start();
    expect(refreshed).toEqual(['token-1']);
    expect(requests[1].headers).toEqual({ Authorization: 'Bearer token-2', Accept: 'text/event-stream', 'Last-Event-ID': '41' });
    // What follows `end` on the closed stream is not read; the reconnect did not wait.
    expect(stream.lastEventId).toBe('42');
    expect(slept).toEqual([1000]);
  });

  it('stops when the session is over (the refresh gives no token)', async () => {
    const { stream, requests } = scripted([() => sseResponse(['event: end\ndata: {"reason":"session_ended"}\n\n'])], {
      refresh: async () => null,
    });
    await stream.start();
    expect(requests).toHaveLength(1);
  });

  it('after a 401 refreshes once and retries; after a dropped connection backs off, longer each time', async () => {
    const { stream, requests, refreshed, slept } = scripted([
      () => new Response(null, { status: 401 }),
      () => new Response(null, { status: 503 }),
      () => new Response(null, { status: 503 }),
      () => sseResponse([notification('5')]),
    ]);
    await stream.start();
    expect(refreshed).toEqual(['token-1']);
    expect(requests.map((r) => r.headers.Authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
      'Bearer token-2',
      'Bearer token-2',
      'Bearer token-2',
    ]);
    // Two failures, then a stream that opened and ended: the backoff starts again from 1 s.
    expect(slept).toEqual([1000, 2000, 1000]);
  });

  it('waits at most 30 s between attempts', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(backoffMs)).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });
});
