import {
  Inject,
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type OnModuleDestroy,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { from, lastValueFrom, Observable } from 'rxjs';
import { LRUCache } from 'lru-cache';
import pg from 'pg';
import { APP_CONFIG, type AppConfig } from '#libs/config';

/** The channels the database notifies on (migrations 1763800000000-change-notifications and 1763810000000-candle-notifications). */
export const CHANGE_CHANNELS = {
  /** A user or one of their sessions changed: the payload is the user's id, or `*` for everyone. */
  auth: 'candlecast_auth',
  /** A forecast or an asset changed. */
  forecasts: 'candlecast_forecasts',
  /** Candles changed: the payload names the series, `<asset id>:<interval minutes>` comma-separated, or is `*`. */
  candles: 'candlecast_candles',
  /** A notification joined a user's inbox: the payload is `<user id>:<notification id>` (migration 1763850000000-alerts-notifications). */
  notifications: 'candlecast_notifications',
} as const;
export type ChangeChannel = (typeof CHANGE_CHANNELS)[keyof typeof CHANGE_CHANNELS];

/** Called with a notification's payload, or null when anything may have changed unseen. */
type ChangeListener = (payload: string | null) => void;

const RECONNECT_MS = 1000;
/** The feed's own channel, on which caughtUp() sends itself a marker. */
const SYNC_CHANNEL = 'candlecast_sync';
const CATCH_UP_MAX_MS = 1000;
/** The channels each connection listens to. */
const LISTENING = new WeakMap<pg.Client, Set<string>>();

/**
 * What Postgres says has changed (LISTEN), for the caches that keep its data in memory. The feed
 * is `live` only while it listens: when its connection is lost it tells every listener that
 * anything may have changed, and caches neither serve nor store until it listens again, so that
 * no change can slip by unseen. It connects the first time something listens.
 */
@Injectable()
export class ChangeFeed implements OnModuleDestroy {
  private readonly logger = new Logger(ChangeFeed.name);
  private readonly listeners = new Map<ChangeChannel, Set<ChangeListener>>();
  private readonly generations = new Map<ChangeChannel, number>();
  private readonly markers = new Map<string, () => void>();
  private client?: pg.Client;
  private connecting = false;
  private stopped = false;
  private live = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get isLive(): boolean {
    return this.live;
  }

  /** Counts the changes seen on a channel: equal before and after a read means none came between. */
  generation(channel: ChangeChannel): number {
    return this.generations.get(channel) ?? 0;
  }

  on(channel: ChangeChannel, listener: ChangeListener): void {
    const known = this.listeners.has(channel);
    if (!known) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
    if (!known && this.client) {
      // Already listening to others: until this one is listened to too, nothing is live.
      this.live = false;
      void this.listen(this.client);
    } else {
      void this.connect();
    }
  }

  /**
   * Resolves once every change committed before the call has reached the listeners, so that a
   * process sees its own writes in its caches: Postgres delivers notifications in commit order,
   * and this one's marker is committed after them. Waits at most a second.
   */
  async caughtUp(): Promise<void> {
    const client = this.client;
    if (!client || !this.live) return;
    const marker = randomUUID();
    const seen = new Promise<void>((resolve) => this.markers.set(marker, resolve));
    try {
      await client.query(`SELECT pg_notify('${SYNC_CHANNEL}', $1)`, [marker]);
      await Promise.race([seen, delay(CATCH_UP_MAX_MS)]);
    } catch {
      // The connection is going: lost() clears every cache.
    } finally {
      this.markers.delete(marker);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.live = false;
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.client || this.connecting || this.stopped) return;
    this.connecting = true;
    const client = new pg.Client({
      connectionString: this.config.DATABASE_URL,
      keepAlive: true,
      application_name: 'candlecast-change-feed',
    });
    client.on('notification', (message) => {
      if (message.channel === SYNC_CHANNEL) this.markers.get(message.payload ?? '')?.();
      else this.emit(message.channel as ChangeChannel, message.payload ?? null);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      this.client = client;
      await this.listen(client);
    } catch (error) {
      this.logger.warn(`cannot listen for changes (${(error as Error).message}); caches stay off until it can`);
      this.lost(client);
    } finally {
      this.connecting = false;
    }
  }

  /** LISTENs to every channel someone listens to (those added meanwhile too), then goes live. */
  private async listen(client: pg.Client): Promise<void> {
    const listening = LISTENING.get(client) ?? new Set<string>();
    LISTENING.set(client, listening);
    for (;;) {
      const channel = [SYNC_CHANNEL, ...this.listeners.keys()].find((c) => !listening.has(c));
      if (channel === undefined) break;
      listening.add(channel);
      await client.query(`LISTEN ${channel}`);
    }
    if (this.client !== client || this.stopped) return;
    // A value read while the feed was down may predate a change it never heard of: count this as one.
    for (const channel of this.listeners.keys()) this.generations.set(channel, this.generation(channel) + 1);
    this.live = true;
  }

  private lost(client: pg.Client): void {
    if (this.client && this.client !== client) return;
    const wasLive = this.live;
    this.client = undefined;
    this.live = false;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    for (const channel of this.listeners.keys()) this.emit(channel, null);
    if (wasLive) this.logger.warn('lost the connection that listens for changes; caches are off until it is back');
    if (!this.stopped) setTimeout(() => void this.connect(), RECONNECT_MS).unref();
  }

  private emit(channel: ChangeChannel, payload: string | null): void {
    this.generations.set(channel, this.generation(channel) + 1);
    for (const listener of this.listeners.get(channel) ?? []) listener(payload);
  }
}

/**
 * A cache of values read from Postgres that a change feed channel invalidates. It serves and
 * stores only while the feed is live, and never stores a value read while a change came in.
 */
export class ChangeFedCache<V extends object> {
  private readonly entries: LRUCache<string, V>;
  /** With `shareLoads`: the loads under way, shared by the misses of the same key until a change comes. */
  private readonly loading?: Map<string, { generation: number; value: Promise<V | null> }>;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly channel: ChangeChannel,
    /**
     * At most `max` entries, or at most `maxSize` by `sizeOf` (bytes, say). `shareLoads`: a miss
     * while the same key loads (and no change came since it started) waits for that load instead of
     * starting its own; for loads that depend on the key alone (not on who asks).
     */
    options: ({ max: number; ttlMs: number } | { maxSize: number; sizeOf: (value: V) => number; ttlMs: number }) & { shareLoads?: boolean },
    /** Which keys a notification's payload invalidates (`*` and a lost feed invalidate all). */
    private readonly affected: (payload: string, key: string) => boolean = () => true,
  ) {
    this.entries =
      'max' in options
        ? new LRUCache({ max: options.max, ttl: options.ttlMs })
        : new LRUCache({ maxSize: options.maxSize, sizeCalculation: options.sizeOf, ttl: options.ttlMs });
    if (options.shareLoads) this.loading = new Map();
    feed.on(channel, (payload) => this.invalidate(payload));
  }

  /** The cached value, or `load`'s, which is kept when it is not null and `cacheable`. */
  async get(key: string, load: () => Promise<V | null>, cacheable: (value: V) => boolean = () => true): Promise<V | null> {
    if (this.feed.isLive) {
      const cached = this.entries.get(key);
      if (cached !== undefined) return cached;
    }
    const generation = this.feed.generation(this.channel);
    const value = await this.loadOnce(key, generation, load);
    if (value !== null && this.feed.isLive && this.feed.generation(this.channel) === generation && cacheable(value))
      this.entries.set(key, value);
    return value;
  }

  private loadOnce(key: string, generation: number, load: () => Promise<V | null>): Promise<V | null> {
    if (!this.loading) return load();
    const running = this.loading.get(key);
    if (running?.generation === generation) return running.value;
    const value = load().finally(() => {
      if (this.loading!.get(key)?.value === value) this.loading!.delete(key);
    });
    this.loading.set(key, { generation, value });
    return value;
  }

  /** Whether `value` is still what the cache holds for `key` (not replaced, invalidated or evicted). */
  holds(key: string, value: V): boolean {
    return this.entries.peek(key) === value;
  }

  private invalidate(payload: string | null): void {
    if (payload === null || payload === '*') return this.entries.clear();
    for (const key of [...this.entries.keys()]) if (this.affected(payload, key)) this.entries.delete(key);
  }
}

/**
 * For the controllers whose writes change what is cached: after each request that may write
 * (anything but GET and HEAD), waits until the change feed has caught up, so that the next request of the same caller already meets caches without what
 * that one changed: a demoted admin's next request is refused admin rights.
 */
@Injectable()
export class CaughtUpAfterWritesInterceptor implements NestInterceptor {
  constructor(private readonly feed: ChangeFeed) {}

  intercept(context: ExecutionContext, next: CallHandler<unknown>): Observable<unknown> {
    const method = context.switchToHttp().getRequest<{ method: string }>().method;
    if (method === 'GET' || method === 'HEAD') return next.handle();
    return from(
      (async () => {
        try {
          return await lastValueFrom(next.handle(), { defaultValue: undefined });
        } finally {
          await this.feed.caughtUp();
        }
      })(),
    );
  }
}
