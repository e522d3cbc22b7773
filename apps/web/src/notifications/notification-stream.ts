/**
 * The live inbox: GET /notifications/stream read as a streamed fetch with the Authorization header
 * (never a token in the URL), parsed by SseParser. It reconnects on its own, sending Last-Event-ID so
 * that nothing is missed: at once after `event: end` (the token expired: a refresh first; the session
 * ended: the refresh says whether it really did), after a backoff when the connection drops. It stops
 * when stopped, or when no token can be had (signed out).
 */
import { SseParser } from './sse.ts';

export interface StreamDeps {
  fetch: typeof fetch;
  /** The access token now (the session's). */
  token: () => string | null;
  /** A fresh token after `rejected` was refused or expired; null when the session is over. */
  refresh: (rejected: string | null) => Promise<string | null>;
  onNotification: (notification: unknown) => void;
  /** Each time the stream is open (the caller may re-read what it shows: something may have come while it was closed). */
  onOpen?: () => void;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const STREAM_PATH = '/notifications/stream';
const MAX_BACKOFF_MS = 30_000;

/** The wait before the n-th reconnect in a row after a failure: 1 s, 2 s, 4 s ... at most 30 s. */
export function backoffMs(failures: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, failures - 1));
}

const sleeper = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

type Outcome = { kind: 'end'; reason: string } | { kind: 'refused'; status: number } | { kind: 'dropped' };

export class NotificationStream {
  private readonly abort = new AbortController();
  private lastId: string | null = null;
  private running: Promise<void> | null = null;
  /** Whether the last connect opened the stream: a drop after that starts the backoff anew. */
  private opened = false;

  constructor(private readonly deps: StreamDeps) {}

  /** The last notification id received: sent as Last-Event-ID on the next connect. */
  get lastEventId(): string | null {
    return this.lastId;
  }

  start(): Promise<void> {
    this.running ??= this.loop();
    return this.running;
  }

  stop(): void {
    this.abort.abort();
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async loop(): Promise<void> {
    const sleep = this.deps.sleep ?? sleeper;
    let failures = 0;
    let token = this.deps.token();
    while (!this.stopped) {
      if (token === null) token = await this.deps.refresh(null).catch(() => null);
      if (token === null || this.stopped) return;
      const outcome = await this.connect(token).catch((): Outcome => ({ kind: 'dropped' }));
      if (this.stopped) return;
      if (outcome.kind === 'end' || (outcome.kind === 'refused' && outcome.status === 401)) {
        // The token expired or the session may have ended: a refresh tells which; the reconnect follows at once.
        failures = 0;
        token = await this.deps.refresh(token).catch(() => null);
        continue;
      }
      failures = this.opened ? 1 : failures + 1;
      await sleep(backoffMs(failures), this.abort.signal);
      token = this.deps.token();
    }
  }

  private async connect(token: string): Promise<Outcome> {
    this.opened = false;
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
    if (this.lastId !== null) headers['Last-Event-ID'] = this.lastId;
    const response = await this.deps.fetch(STREAM_PATH, { headers, signal: this.abort.signal, cache: 'no-store' });
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'refused', status: response.status };
    }
    this.opened = true;
    this.deps.onOpen?.();
    const parser = new SseParser();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return { kind: 'dropped' };
        for (const event of parser.feed(value)) {
          if (event.event === 'end') return { kind: 'end', reason: endReason(event.data) };
          if (event.event !== 'notification') continue;
          if (event.id !== null) this.lastId = event.id;
          const notification = parseJson(event.data);
          if (notification !== undefined) this.deps.onNotification(notification);
        }
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function endReason(data: string): string {
  const parsed = parseJson(data);
  return typeof parsed === 'object' && parsed !== null && typeof (parsed as { reason?: unknown }).reason === 'string'
    ? (parsed as { reason: string }).reason
    : 'unknown';
}
