import type { Request, Response } from 'express';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const gzipped = promisify(gzip);
const brotlied = promisify(brotliCompress);

/** Below this, compressing saves less than it costs (the `compression` middleware's default threshold). */
const COMPRESS_MIN_BYTES = 1024;

/** negotiator 1 breaks ties between equally accepted encodings by a `preferred` order; its types (0.6) do not know it. */
type EncodingNegotiator = { encodings(available: readonly string[], options: { preferred: readonly string[] }): string[] };
const PREFERRED = ['br', 'gzip', 'identity'] as const;
type Encoding = (typeof PREFERRED)[number];
/** The encodings in `PREFERRED` order; `available` is a suffix of it. */
type Available = readonly Encoding[];
/**
 * What each Accept-Encoding header chose, per set of encodings on offer: browsers send a handful
 * of distinct headers, and parsing one costs more than the rest of sending a kept page.
 */
const CHOSEN = new LRUCache<string, Encoding>({ max: 500 });
/** Longer headers are negotiated each time, so that the memo stays small whatever clients send. */
const MEMO_MAX_HEADER = 200;

function chosenEncoding(req: Request, available: Available): Encoding {
  const header = req.headers['accept-encoding'] ?? '';
  const key = header.length <= MEMO_MAX_HEADER ? `${available.length}|${header}` : undefined;
  let encoding = key === undefined ? undefined : CHOSEN.get(key);
  if (encoding === undefined) {
    const [best] = (new Negotiator(req) as unknown as EncodingNegotiator).encodings(available, { preferred: PREFERRED });
    // Not even identity is acceptable: identity all the same, as most servers do, rather than a 406.
    encoding = (best as Encoding | undefined) ?? 'identity';
    if (key !== undefined) CHOSEN.set(key, encoding);
  }
  return encoding;
}

/**
 * A JSON answer kept in memory, serialised and gzipped once, with a weak ETag given by its
 * maker: sent to each request in the encoding it accepts (br once brotli() has run, gzip, or
 * none), or as a 304 when the request already holds it.
 */
export class CompressedJson {
  private br?: Buffer;

  private constructor(
    readonly etag: string,
    private readonly json: Buffer,
    private readonly gzip: Buffer | undefined,
    private readonly contentType = 'application/json; charset=utf-8',
  ) {}

  /** Serialises and gzips `value` (on libuv's thread pool, not the event loop). */
  static async of(value: unknown, etag: string): Promise<CompressedJson> {
    return CompressedJson.text(JSON.stringify(value), etag);
  }

  /** A body that is not JSON (the market table as CSV, say), kept and sent the same way. */
  static async text(body: string, etag: string, contentType = 'application/json; charset=utf-8'): Promise<CompressedJson> {
    const bytes = Buffer.from(body);
    return new CompressedJson(
      etag,
      bytes,
      bytes.length >= COMPRESS_MIN_BYTES ? await gzipped(bytes, { level: 6 }) : undefined,
      contentType,
    );
  }

  /** Bytes held, counting the brotli copy to come (it is smaller than the gzip one). */
  get size(): number {
    return this.json.length + 2 * (this.gzip?.length ?? 0);
  }

  get needsBrotli(): boolean {
    return this.gzip !== undefined && this.br === undefined;
  }

  /**
   * Adds the brotli copy, at quality 11 with a window fitting the body: on this JSON, qualities 4
   * to 9 come within 1% of gzip-6, and only 10 and 11 are worth having (a quarter smaller). At
   * 0.9 s of CPU for the full daily history that is no work for a request: callers run it in the
   * background, one at a time, and serve gzip until it is there.
   */
  async brotli(): Promise<void> {
    this.br = await brotlied(this.json, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: this.json.length,
      },
    });
  }

  /** Answers `req`: 304 when its If-None-Match names this ETag, else 200 in the best encoding it accepts. */
  send(req: Request, res: Response): void {
    res.setHeader('ETag', this.etag);
    res.setHeader('Vary', 'Accept-Encoding');
    // Every use revalidates (a 304 costs no body); private: each answer is for a logged-in caller.
    res.setHeader('Cache-Control', 'private, no-cache');
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    const encoding = chosenEncoding(req, this.br ? PREFERRED : this.gzip ? PREFERRED.slice(1) : PREFERRED.slice(2));
    const body = encoding === 'br' ? this.br! : encoding === 'gzip' ? this.gzip! : this.json;
    if (body !== this.json) res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Type', this.contentType);
    res.setHeader('Content-Length', body.length);
    res.status(200).end(body);
  }
}
