/**
 * A local stand-in for Kraken's public REST API: a real HTTP server on 127.0.0.1 (a free port)
 * that replays the responses recorded from api.kraken.com in test/fixtures/kraken-api/.
 *
 *   const kraken = await KrakenStandIn.start();
 *   parseEnv({ KRAKEN_API_URL: kraken.url, ... });
 *   kraken.fail(2, 'rate-limit');                      // the next 2 requests get {"error":["EAPI:Rate limit exceeded"]}
 *   kraken.useOhlc('ohlc-XBTUSD-60-2020-10-27.json');  // or a body object; null goes back to the default
 *   kraken.useOhlcFor('LTCUSD', 1440, body);           // one pair at one interval only (before useOhlc's body)
 *   kraken.useTicker('ticker-XBTUSD-2020-10-27.json'); // the other recorded ticker; null goes back to the default
 *   kraken.useTickerFor('ETHUSD', entry);              // a Ticker entry for a pair nothing was recorded for
 *   kraken.requests;                                   // every request: path, query, arrival time, fault served
 *   kraken.reset();                                    // forget faults, OHLC override and recorded requests
 *   await kraken.stop();
 *
 * What it serves, as Kraken does (HTTP 200 and `{"error": [...]}` for every Kraken error):
 * - GET /0/public/AssetPairs: assetpairs.json, byte for byte; `?pair=a,b` narrows it.
 * - GET /0/public/OHLC?pair&interval&since: for XXBTZUSD (asked as XBTUSD, XXBTZUSD or in lower
 *   case) at interval 60, ohlc-XBTUSD-60.json, or the body chosen with useOhlc(). `since` keeps
 *   the rows with time > since; the still-open last row and `last` stay, as on Kraken.
 * - GET /0/public/Ticker?pair=a,b,c: one entry per pair under its canonical key, as Kraken answers
 *   several pairs in one call; only XXBTZUSD was recorded (ticker-XBTUSD.json, or the other
 *   recording chosen with useTicker()). Entries given with useTickerFor() join them. A pair Kraken has but nothing was recorded or given for is left
 *   out of the answer (Kraken would include it), and a call on such pairs alone is the 404 below:
 *   a test reading one of them sees it missing rather than made-up prices. One unknown pair
 *   among them refuses the whole call with Kraken's unknown-pair error, as Kraken does.
 * - A pair missing from assetpairs.json: `{"error":["EQuery:Unknown asset pair"]}`. An interval
 *   Kraken does not offer: `{"error":["EGeneral:Invalid arguments"]}`.
 * - A pair Kraken has but nothing was recorded for: HTTP 404 with a plain-text message, so that
 *   a test asking for data that does not exist fails loudly instead of getting made-up candles.
 *
 * Faults scripted with fail() apply to the next requests in order, whatever their endpoint.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const KRAKEN_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'kraken-api');

/**
 * Kraken error bodies, written by hand from Kraken's documented error format
 * (`{"error":["<severity><category>:<message>"]}`, HTTP 200, no `result`). None were recorded:
 * every recorded response in test/fixtures/kraken-api is a success (see data/SOURCES.md).
 */
export const KRAKEN_ERROR_BODIES = {
  'unknown-pair': '{"error":["EQuery:Unknown asset pair"]}',
  'rate-limit': '{"error":["EAPI:Rate limit exceeded"]}',
  'too-many-requests': '{"error":["EGeneral:Too many requests"]}',
  unavailable: '{"error":["EService:Unavailable"]}',
  busy: '{"error":["EService:Busy"]}',
  'invalid-arguments': '{"error":["EGeneral:Invalid arguments"]}',
} as const;

export type KrakenErrorFault = keyof typeof KRAKEN_ERROR_BODIES;

export type KrakenFault =
  /** One of Kraken's own errors, with HTTP 200. */
  | KrakenErrorFault
  /** An HTTP error from Kraken's front end, with an HTML page as the body. */
  | 'http-429'
  | 'http-500'
  | 'http-502'
  | 'http-503'
  /** Never answers; the request stays open until the client gives up or the stand-in stops. */
  | 'timeout'
  /** HTTP 200 with a body cut off in the middle of its JSON. */
  | 'malformed-json'
  /** HTTP 200 with JSON that is not Kraken's envelope (no `error`, no `result`). */
  | 'not-kraken'
  /** Answers normally, but only after this delay. */
  | { delayMs: number };

export interface RecordedRequest {
  method: string;
  /** `/0/public/OHLC` */
  path: string;
  query: Record<string, string>;
  /** Arrival time, epoch milliseconds with sub-millisecond precision. */
  time: number;
  /** The fault served instead of the normal answer, if any. */
  fault?: KrakenFault;
}

/** One pair's entry of a Kraken Ticker answer: ask, bid, last trade, volume, VWAP, trades, low, high (each [today, 24 h]) and today's open. */
export interface KrakenTickerEntry {
  a: [string, string, string];
  b: [string, string, string];
  c: [string, string];
  v: [string, string];
  p: [string, string];
  t: [number, number];
  l: [string, string];
  h: [string, string];
  o: string;
}

/** A Kraken OHLC response body: `{error, result: {<pair key>: rows, last}}`. */
export interface KrakenOhlcBody {
  error: string[];
  result?: Record<string, unknown>;
}

const OHLC_INTERVALS = new Set([1, 5, 15, 30, 60, 240, 1440, 10080, 21600]);
const RECORDED_PAIR = 'XXBTZUSD';

const fixture = (file: string): string => readFileSync(join(KRAKEN_FIXTURES, file), 'utf8');

export class KrakenStandIn {
  /** Every request received, oldest first. */
  readonly requests: RecordedRequest[] = [];

  private readonly faults: KrakenFault[] = [];
  private readonly pending = new Set<NodeJS.Timeout>();
  private readonly assetPairsText = fixture('assetpairs.json');
  private readonly assetPairs = JSON.parse(this.assetPairsText).result as Record<string, { altname: string }>;
  private readonly defaultTickerText = fixture('ticker-XBTUSD.json');
  private tickerText = this.defaultTickerText;
  private readonly defaultOhlcText = fixture('ohlc-XBTUSD-60.json');
  private ohlcOverride: string | null = null;
  private readonly ohlcPerPair = new Map<string, string>();
  private readonly tickerPerPair = new Map<string, KrakenTickerEntry>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<KrakenStandIn> {
    const server = createServer();
    const standIn = new KrakenStandIn(server);
    server.on('request', (req, res) => standIn.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return standIn;
  }

  /**
   * The settings of a worker that syncs BTC's `intervals` from this stand-in, unpaced, and does
   * nothing else of its own: no shipped history, no first training, and an hour between its
   * scheduler's syncs (the first runs at start), so that a spec runs any further sync it needs.
   */
  workerEnv(intervals: string): Record<string, string> {
    return {
      KRAKEN_API_URL: this.url,
      KRAKEN_MIN_INTERVAL_MS: '0',
      TRACKED_ASSETS: 'BTC',
      TRACKED_INTERVALS: intervals,
      IMPORT_DEFAULT_HISTORY: 'false',
      TRAIN_ON_FIRST_START: 'false',
      SYNC_EVERY: '1h',
    };
  }

  /** Base URL for KRAKEN_API_URL, e.g. `http://127.0.0.1:41234`. */
  get url(): string {
    const { address, port } = this.server.address() as AddressInfo;
    return `http://${address}:${port}`;
  }

  /** Serves `fault` instead of the normal answer to the next `times` requests (after any faults already scripted). */
  fail(times: number, fault: KrakenFault): this {
    for (let i = 0; i < times; i++) this.faults.push(fault);
    return this;
  }

  /**
   * Serves this OHLC body for every OHLC request on a pair Kraken has (any interval Kraken offers),
   * instead of the default recording: a file name in test/fixtures/kraken-api, or a body.
   * `null` goes back to the default.
   */
  useOhlc(source: string | KrakenOhlcBody | null): this {
    this.ohlcOverride = source === null ? null : typeof source === 'string' ? fixture(source) : JSON.stringify(source);
    return this;
  }

  /** Serves this OHLC body for one pair (by key or altname) at one interval (Kraken's minutes), whatever useOhlc() says. */
  useOhlcFor(pair: string, interval: number, source: string | KrakenOhlcBody): this {
    const key = this.pairKey(pair);
    if (key === undefined) throw new Error(`kraken stand-in: Kraken has no pair ${pair}`);
    this.ohlcPerPair.set(`${key} ${interval}`, typeof source === 'string' ? fixture(source) : JSON.stringify(source));
    return this;
  }

  /** Serves this recorded Ticker body (a file name in test/fixtures/kraken-api) for XXBTZUSD; `null` goes back to ticker-XBTUSD.json. */
  useTicker(file: string | null): this {
    this.tickerText = file === null ? this.defaultTickerText : fixture(file);
    return this;
  }

  /**
   * Serves this Ticker entry for one pair (by key or altname) nothing was recorded for: a test that
   * needs a live price for it (the browser tests' ETH and LTC) says where the figures come from.
   */
  useTickerFor(pair: string, entry: KrakenTickerEntry): this {
    const key = this.pairKey(pair);
    if (key === undefined) throw new Error(`kraken stand-in: Kraken has no pair ${pair}`);
    this.tickerPerPair.set(key, entry);
    return this;
  }

  /** Requests to one endpoint (`OHLC`, `AssetPairs`, `Ticker`). */
  requestsTo(endpoint: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === `/0/public/${endpoint}`);
  }

  /** Forgets scripted faults, the OHLC and Ticker overrides and the recorded requests. */
  reset(): void {
    this.faults.length = 0;
    this.ohlcOverride = null;
    this.ohlcPerPair.clear();
    this.tickerPerPair.clear();
    this.tickerText = this.defaultTickerText;
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const fault = this.faults.shift();
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      time: performance.timeOrigin + performance.now(),
      ...(fault === undefined ? {} : { fault }),
    });

    if (fault === undefined) return this.answer(url, res);
    if (typeof fault === 'object') return this.later(fault.delayMs, () => this.answer(url, res));
    switch (fault) {
      case 'timeout':
        return; // the socket closes when the client aborts or the stand-in stops
      case 'http-429':
      case 'http-500':
      case 'http-502':
      case 'http-503': {
        const status = Number(fault.slice(5));
        return send(
          res,
          status,
          `<html><head><title>${status}</title></head><body><h1>${status}</h1><p>kraken stand-in</p></body></html>`,
          'text/html',
        );
      }
      case 'malformed-json':
        return send(res, 200, this.defaultOhlcText.slice(0, 200));
      case 'not-kraken':
        return send(res, 200, '{"message":"not Kraken"}');
      default:
        return send(res, 200, KRAKEN_ERROR_BODIES[fault]);
    }
  }

  private answer(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    switch (url.pathname) {
      case '/0/public/AssetPairs':
        return this.answerAssetPairs(q.get('pair'), res);
      case '/0/public/OHLC':
        return this.answerOhlc(q, res);
      case '/0/public/Ticker':
        return this.answerTicker(q.get('pair'), res);
      default:
        return send(res, 404, `kraken stand-in: no endpoint ${url.pathname}`, 'text/plain');
    }
  }

  private answerAssetPairs(pairs: string | null, res: ServerResponse): void {
    if (!pairs) return send(res, 200, this.assetPairsText);
    const keys = pairs.split(',').map((p) => this.pairKey(p));
    if (keys.some((k) => k === undefined)) return send(res, 200, KRAKEN_ERROR_BODIES['unknown-pair']);
    const result = Object.fromEntries(keys.map((k) => [k, this.assetPairs[k as string]]));
    return send(res, 200, JSON.stringify({ error: [], result }));
  }

  private answerTicker(pairs: string | null, res: ServerResponse): void {
    const keys = (pairs ?? '').split(',').map((p) => this.pairKey(p));
    if (keys.some((k) => k === undefined)) return send(res, 200, KRAKEN_ERROR_BODIES['unknown-pair']);
    const given = keys.filter((k) => this.tickerPerPair.has(k!));
    if (!keys.includes(RECORDED_PAIR) && given.length === 0) return noRecording(res, `Ticker ${keys.join(',')}`);
    if (keys.length === 1 && keys[0] === RECORDED_PAIR) return send(res, 200, this.tickerText);
    const result: Record<string, unknown> = Object.fromEntries(given.map((k) => [k, this.tickerPerPair.get(k!)]));
    if (keys.includes(RECORDED_PAIR))
      result[RECORDED_PAIR] = (JSON.parse(this.tickerText) as { result: Record<string, unknown> }).result[RECORDED_PAIR];
    return send(res, 200, JSON.stringify({ error: [], result }));
  }

  private answerOhlc(q: URLSearchParams, res: ServerResponse): void {
    const key = this.pairKey(q.get('pair'));
    if (key === undefined) return send(res, 200, KRAKEN_ERROR_BODIES['unknown-pair']);
    const interval = Number(q.get('interval') ?? '1');
    if (!OHLC_INTERVALS.has(interval)) return send(res, 200, KRAKEN_ERROR_BODIES['invalid-arguments']);

    let text = this.ohlcPerPair.get(`${key} ${interval}`) ?? this.ohlcOverride;
    if (text === null) {
      if (key !== RECORDED_PAIR || interval !== 60) return noRecording(res, `OHLC ${key} interval ${interval}`);
      text = this.defaultOhlcText;
    }
    const since = q.get('since');
    if (since === null) return send(res, 200, text);

    const body = JSON.parse(text) as KrakenOhlcBody;
    if (body.result) {
      for (const [name, rows] of Object.entries(body.result)) {
        if (name !== 'last' && Array.isArray(rows)) body.result[name] = rows.filter((row: [number]) => row[0] > Number(since));
      }
    }
    return send(res, 200, JSON.stringify(body));
  }

  /** Kraken's canonical key for a pair asked by key or altname, in any case. */
  private pairKey(name: string | null): string | undefined {
    if (!name) return undefined;
    const wanted = name.toUpperCase();
    return Object.keys(this.assetPairs).find(
      (key) => key.toUpperCase() === wanted || this.assetPairs[key].altname.toUpperCase() === wanted,
    );
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      run();
    }, ms);
    this.pending.add(timer);
  }
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function noRecording(res: ServerResponse, what: string): void {
  send(res, 404, `kraken stand-in: nothing was recorded for ${what}; use useOhlc() to serve a body`, 'text/plain');
}
