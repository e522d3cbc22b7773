/**
 * The browser's session (DESIGN.md's cookie mode). The access token lives in this object only;
 * the refresh token is the HttpOnly `__Host-candlecast_refresh` cookie, which JavaScript never sees.
 *
 * Refresh tokens are single-use with reuse detection: two refreshes sending the same cookie end the
 * session. So refreshes are single-flight within a tab (concurrent callers share one request) and
 * serialised across tabs by a Web Lock: a tab that waited for the lock refreshes with the cookie the
 * browser holds by then, the successor the other tab received. Logout spreads to the other tabs
 * over a BroadcastChannel.
 */
import { ApiError } from '../api/api-error.ts';

export type SessionStatus = 'booting' | 'signed-in' | 'signed-out';

export interface SessionSnapshot {
  status: SessionStatus;
  /** Why the last session ended without the user asking (the refresh was refused), once. */
  ended: boolean;
}

interface TokenAnswer {
  access_token: string;
  expires_in: number;
}

type Message = { type: 'logout' } | { type: 'login' };

export interface SessionDeps {
  fetch: typeof fetch;
  /** navigator.locks where the browser has it. */
  locks?: Pick<LockManager, 'request'>;
  channel?: Pick<BroadcastChannel, 'postMessage' | 'addEventListener' | 'close'>;
  /**
   * Whether this browser had a session when last seen (a flag, never a token: JavaScript cannot read
   * the cookie). Without it every first visit would start with a refused refresh.
   */
  hint?: { get(): boolean; set(signedIn: boolean): void };
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export const WEB_CLIENT_HEADER = { 'X-Candlecast-Client': 'web' } as const;
const LOCK = 'candlecast-refresh';
/** Refresh this long before the access token expires (or at 80% of a shorter life). */
const EARLY_MS = 60_000;

export class Session {
  private token: string | null = null;
  private snapshot: SessionSnapshot = { status: 'booting', ended: false };
  private inflight: Promise<string | null> | null = null;
  private timer: unknown = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: SessionDeps) {
    deps.channel?.addEventListener('message', (event) => this.onMessage((event as MessageEvent<Message>).data));
  }

  accessToken(): string | null {
    return this.token;
  }

  getSnapshot = (): SessionSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** On page load: a cookie left by an earlier page (a reload, another tab) gives a session. */
  async boot(): Promise<void> {
    if (this.deps.hint?.get() !== false) await this.refresh().catch(() => null);
    if (this.snapshot.status === 'booting') this.set({ status: 'signed-out', ended: false });
  }

  async login(username: string, password: string, remember: boolean): Promise<void> {
    const answer = await this.post<TokenAnswer>('/auth/login', { username, password, remember });
    this.accept(answer);
    this.deps.channel?.postMessage({ type: 'login' } satisfies Message);
  }

  /**
   * A new access token from the cookie, or null when the session is over. Concurrent callers in
   * this tab share one request; other tabs wait for the lock.
   */
  refresh(): Promise<string | null> {
    this.inflight ??= this.locked(() => this.refreshNow()).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** After a 401 on `rejected`: one refresh, unless another caller already brought a newer token. */
  async refreshAfter401(rejected: string | null): Promise<string | null> {
    if (this.token !== null && this.token !== rejected) return this.token;
    return this.refresh();
  }

  /** Ends the session here and in every other tab; the cookie alone is enough for the gateway. */
  async logout(): Promise<void> {
    try {
      await this.locked(() => this.post('/auth/logout', {}));
    } finally {
      this.clear(false);
      this.deps.channel?.postMessage({ type: 'logout' } satisfies Message);
    }
  }

  /** Marks the "session ended" notice as shown. */
  acknowledgeEnded(): void {
    if (this.snapshot.ended) this.set({ ...this.snapshot, ended: false });
  }

  private async refreshNow(): Promise<string | null> {
    try {
      this.accept(await this.post<TokenAnswer>('/auth/refresh', {}));
      return this.token;
    } catch (error) {
      // 429 leaves the session (and its cookie) usable; anything else 4xx means it is over.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429) {
        this.clear(this.snapshot.status === 'signed-in');
        return null;
      }
      throw error;
    }
  }

  private locked<T>(work: () => Promise<T>): Promise<T> {
    const locks = this.deps.locks;
    return locks ? (locks.request(LOCK, work) as Promise<T>) : work();
  }

  private async post<T>(path: string, body: object): Promise<T> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...WEB_CLIENT_HEADER };
    if (this.token && path === '/auth/logout') headers.Authorization = `Bearer ${this.token}`;
    const response = await this.deps.fetch(path, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin' });
    const parsed: unknown = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) throw ApiError.from(response, parsed);
    return parsed as T;
  }

  private accept(answer: TokenAnswer): void {
    this.token = answer.access_token;
    this.deps.hint?.set(true);
    this.schedule(answer.expires_in * 1000);
    this.set({ status: 'signed-in', ended: false });
  }

  private schedule(lifeMs: number): void {
    this.cancelTimer();
    const setTimer = this.deps.setTimer ?? ((run, ms) => setTimeout(run, ms));
    const early = Math.min(EARLY_MS, lifeMs * 0.2);
    this.timer = setTimer(() => void this.refresh().catch(() => null), Math.max(0, lifeMs - early));
  }

  private cancelTimer(): void {
    if (this.timer !== null) (this.deps.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>)))(this.timer);
    this.timer = null;
  }

  private clear(ended: boolean): void {
    this.cancelTimer();
    this.token = null;
    this.deps.hint?.set(false);
    this.set({ status: 'signed-out', ended });
  }

  private onMessage(message: Message): void {
    if (message.type === 'logout') this.clear(false);
    // Signed in in another tab: this one takes its own access token from the shared cookie.
    else if (message.type === 'login' && this.token === null) void this.refresh().catch(() => null);
  }

  private set(snapshot: SessionSnapshot): void {
    this.snapshot = snapshot;
    for (const listener of this.listeners) listener();
  }
}

const HINT_KEY = 'candlecast.signed-in';

/** The page's one session. */
export const session = new Session({
  fetch: (...args) => fetch(...args),
  hint: {
    get: () => {
      try {
        return localStorage.getItem(HINT_KEY) === '1';
      } catch {
        return true;
      }
    },
    set: (signedIn) => {
      try {
        if (signedIn) localStorage.setItem(HINT_KEY, '1');
        else localStorage.removeItem(HINT_KEY);
      } catch {
        // No storage: every visit tries the cookie.
      }
    },
  },
  locks: typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : undefined,
  channel: typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel('candlecast-session') : undefined,
});
