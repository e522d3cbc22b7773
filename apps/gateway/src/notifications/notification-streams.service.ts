import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Response } from 'express';
import { CHANGE_CHANNELS, ChangeFeed, NotificationRepository, UserRepository } from '#libs/database';
import { RateLimitedError } from '#libs/domain';
import { Metrics, streamStarted } from '#libs/observability';
import type { AuthUser } from '../auth/auth-user.js';
import { notificationView } from './notification-view.js';

/** A comment line every so often keeps proxies and browsers from timing an idle stream out: every 15 s (a test may provide another). */
export const HEARTBEAT_MS = Symbol('HEARTBEAT_MS');
/** Entries sent per read: a long replay goes out in pages. */
const PAGE = 100;
/** After a failed read (Postgres away), the stream tries again this much later. */
const RETRY_MS = 1000;
/** How often a stream looks for the lost feed's return. */
const FEED_CHECK_MS = 100;
/** Open streams one user may hold on one gateway: a tab each, and more than anyone keeps open; beyond it, 429. */
export const STREAMS_PER_USER = 10;
/** setTimeout's longest delay. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export type EndReason = 'session_ended' | 'token_expired';

/** Who a stream is for: the caller as the JWT strategy verified them, with their session, token version and token expiry. */
export type StreamCaller = Pick<AuthUser, 'id' | 'sessionId' | 'tokenVersion' | 'expiresAt'>;

interface Stream extends StreamCaller {
  res: Response;
  /** The id of the last entry sent (or skipped, opened without Last-Event-ID); undefined until known. */
  lastId?: string;
  /** Entries up to this id are a replay (Last-Event-ID), not news: kept out of the latency metric. */
  replayTo?: string;
  pumping: boolean;
  again: boolean;
  closed: boolean;
  timers: NodeJS.Timeout[];
}

/**
 * The open GET /notifications/stream responses of this gateway. Every gateway LISTENs on
 * candlecast_notifications, so whichever one holds a user's stream hears of each new entry; a
 * stream then reads what it has not sent (id > the last it sent), so that nothing is sent twice or
 * missed: not across a lost LISTEN connection (the feed says null and every stream reads again),
 * not across a reconnection (Last-Event-ID). A stream ends when its session does (candlecast_auth
 * names the user: logout, deletion, a new password) and when its access token expires.
 */
@Injectable()
export class NotificationStreams implements OnModuleDestroy {
  private readonly logger = new Logger(NotificationStreams.name);
  private readonly byUser = new Map<string, Set<Stream>>();
  /** While the feed is down: checks for its return, when every stream reads and checks again. */
  private watchingFeed?: NodeJS.Timeout;

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly users: UserRepository,
    private readonly metrics: Metrics,
    private readonly feed: ChangeFeed,
    @Inject(HEARTBEAT_MS) private readonly heartbeatMs: number,
  ) {
    feed.on(CHANGE_CHANNELS.notifications, (payload) => {
      if (payload === null) this.feedLost();
      else this.each(payload.split(':')[0], (stream) => this.pump(stream));
    });
    feed.on(CHANGE_CHANNELS.auth, (payload) => {
      const userId = payload === null || payload === '*' ? undefined : payload;
      this.each(userId, (stream) => void this.checkSession(stream));
    });
  }

  /**
   * The feed lost its connection: what is committed until it listens again notifies nobody. Every
   * stream reads (and checks its session) now, and again once the feed is back, so that what
   * came in between is sent too.
   */
  private feedLost(): void {
    this.each(undefined, (stream) => this.pump(stream));
    if (this.watchingFeed) return;
    this.watchingFeed = setInterval(() => {
      if (!this.feed.isLive) return;
      clearInterval(this.watchingFeed);
      this.watchingFeed = undefined;
      this.each(undefined, (stream) => {
        this.pump(stream);
        void this.checkSession(stream);
      });
    }, FEED_CHECK_MS);
    this.watchingFeed.unref();
  }

  /** Starts streaming to `res`: what came after `lastEventId` first, when given, then each new entry. */
  async open(caller: StreamCaller, res: Response, lastEventId?: string): Promise<void> {
    if ((this.byUser.get(caller.id)?.size ?? 0) >= STREAMS_PER_USER)
      throw new RateLimitedError(`at most ${STREAMS_PER_USER} notification streams may be open at once; close one`, 30);
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    // no-transform: no proxy may compress or buffer it; nothing caches it.
    res.setHeader('Cache-Control', 'no-cache, no-store, no-transform');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    streamStarted(res);
    res.socket?.setNoDelay(true);
    res.socket?.setTimeout(0);
    res.write('retry: 2000\n\n');

    const stream: Stream = { ...caller, res, pumping: false, again: false, closed: false, timers: [] };
    if (!this.byUser.has(caller.id)) this.byUser.set(caller.id, new Set());
    this.byUser.get(caller.id)!.add(stream);
    res.on('close', () => this.close(stream));
    stream.timers.push(setInterval(() => this.write(stream, ': ping\n\n'), this.heartbeatMs));
    const untilExpiry = caller.expiresAt * 1000 - Date.now();
    stream.timers.push(setTimeout(() => this.end(stream, 'token_expired'), Math.max(0, Math.min(untilExpiry, MAX_TIMER_MS))));

    try {
      const newest = await this.notifications.newestId(caller.id);
      stream.lastId = lastEventId ?? newest;
      stream.replayTo = newest;
    } catch (error) {
      this.logger.warn(`cannot open a notification stream: ${(error as Error).message}`);
      res.end();
      return;
    }
    // The session may have ended between the guard's check and this registration.
    await this.checkSession(stream);
    this.pump(stream);
  }

  onModuleDestroy(): void {
    clearInterval(this.watchingFeed);
    this.each(undefined, (stream) => {
      stream.res.end();
      this.close(stream);
    });
  }

  private each(userId: string | undefined, act: (stream: Stream) => void): void {
    const sets = userId === undefined ? [...this.byUser.values()] : [this.byUser.get(userId) ?? new Set<Stream>()];
    for (const streams of sets) for (const stream of [...streams]) act(stream);
  }

  /** Sends what the stream has not sent yet; one read at a time per stream, once more if news came meanwhile. */
  private pump(stream: Stream): void {
    if (stream.closed) return;
    if (stream.pumping || stream.lastId === undefined) {
      stream.again = true;
      return;
    }
    stream.pumping = true;
    void (async () => {
      try {
        do {
          stream.again = false;
          for (;;) {
            const rows = await this.notifications.after(stream.id, stream.lastId!, PAGE);
            if (stream.closed) return;
            for (const row of rows) {
              const view = notificationView(row);
              this.write(stream, `id: ${view.id}\nevent: notification\ndata: ${JSON.stringify(view)}\n\n`);
              if (row.occurredAt && BigInt(row.id) > BigInt(stream.replayTo ?? '0'))
                this.metrics.notificationDelivered('stream', row.occurredAt);
              stream.lastId = view.id;
            }
            if (rows.length < PAGE) break;
          }
        } while (stream.again && !stream.closed);
      } catch (error) {
        this.logger.warn(`a notification stream could not read its entries (${(error as Error).message}); trying again`);
        stream.timers.push(setTimeout(() => this.pump(stream), RETRY_MS));
      } finally {
        stream.pumping = false;
      }
    })();
  }

  private async checkSession(stream: Stream): Promise<void> {
    if (stream.closed) return;
    try {
      const subject = await this.users.tokenSubject(stream.id, stream.sessionId);
      if (!subject || subject.sessionRevoked || subject.user.tokenVersion !== stream.tokenVersion) this.end(stream, 'session_ended');
    } catch (error) {
      // Postgres away: the session is checked again on the next notice (a lost feed sends one to all).
      this.logger.warn(`cannot check the session of a notification stream: ${(error as Error).message}`);
    }
  }

  private end(stream: Stream, reason: EndReason): void {
    if (stream.closed) return;
    this.write(stream, `event: end\ndata: ${JSON.stringify({ reason })}\n\n`);
    stream.res.end();
    this.close(stream);
  }

  private write(stream: Stream, text: string): void {
    if (!stream.closed) stream.res.write(text);
  }

  private close(stream: Stream): void {
    if (stream.closed) return;
    stream.closed = true;
    for (const timer of stream.timers) clearTimeout(timer);
    const streams = this.byUser.get(stream.id);
    streams?.delete(stream);
    if (streams?.size === 0) this.byUser.delete(stream.id);
  }
}
