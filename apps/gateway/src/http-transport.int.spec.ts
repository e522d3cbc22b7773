import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { emptyDatabase } from '../../../test/support/fixtures.js';
import { bootGateway } from '../../../test/support/nest-app.js';
import { expectObservedRefusal, LogSink, type Refusal } from '../../../test/support/observed.js';
import { rawRequest, untilServerCloses } from '../../../test/support/raw-http.js';
import { bearer, loggedIn, type TestUser } from '../../../test/support/users.js';

const DEEP_ARRAYS = '['.repeat(2000) + ']'.repeat(2000);
const DEEP_OBJECTS = '{"a":'.repeat(2000) + '1' + '}'.repeat(2000);
const TOO_DEEP = 'body is nested too deeply: at most 32 levels of objects and arrays';
const JSON_TYPE: [string, string] = ['content-type', 'application/json'];
const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

/** What the specs read of /docs-json. */
interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      { requestBody?: unknown; responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }> }
    >
  >;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
}

/** An error answer in the documented shape, exactly: these three keys, the message a string. */
function expectErrorShape(json: unknown, statusCode: number): void {
  expect(json).toEqual({ statusCode, error: expect.any(String), message: expect.any(String) });
  expect(Object.keys(json as object).sort()).toEqual(['error', 'message', 'statusCode']);
}

describe("the gateway's HTTP transport", () => {
  let app: NestExpressApplication;
  let server: Server;
  let admin: TestUser;
  const logs = new LogSink();
  let docs: OpenApiDocument;
  /** Every route of /docs-json that takes a JSON body, with its path parameters filled in. */
  let bodyRoutes: [method: string, path: string][];
  const auth = (user: TestUser): [string, string] => ['authorization', `Bearer ${user.token}`];
  const stillLoggedIn = async (user: TestUser) => (await request(server).get('/auth/users/me').set(bearer(user))).status;

  beforeAll(async () => {
    app = await bootGateway(
      {
        BODY_LIMIT: '16kb',
        HTTP_HEADERS_TIMEOUT_MS: '500',
        HTTP_REQUEST_TIMEOUT_MS: '1000',
        // Nothing here is forwarded: a refused body never leaves the gateway.
        PREDICTION_URL: 'http://127.0.0.1:9',
        METRICS_TOKEN,
      },
      logs.capture('gateway'),
    );
    await app.listen(0, '127.0.0.1');
    server = app.getHttpServer() as Server;
    await emptyDatabase(app.get(DataSource));
    admin = await loggedIn(app, 'boss', 'admin');
    docs = (await request(server).get('/docs-json').expect(200)).body as OpenApiDocument;
    bodyRoutes = Object.entries(docs.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.requestBody)
        .map(([method, _]): [string, string] => [method.toUpperCase(), path.replace('{username}', 'someone').replace('{symbol}', 'BTC')]),
    );
  });

  afterAll(() => app.close());

  describe('deeply nested JSON', () => {
    it('has the routes it checks: login, signup, refresh and every other route with a JSON body', () => {
      expect(bodyRoutes).toEqual(
        expect.arrayContaining([
          ['POST', '/auth/login'],
          ['POST', '/auth/signup'],
          ['POST', '/auth/refresh'],
          ['POST', '/auth/logout'],
          ['PUT', '/auth/users/me'],
          ['PUT', '/auth/users/someone/role'],
          ['POST', '/crypto/assets'],
          ['POST', '/prediction/train'],
          ['POST', '/prediction/score'],
          ['POST', '/prediction/predict'],
          ['POST', '/prediction/ingest'],
        ]),
      );
    });

    it.each([
      ['2,000 nested arrays', DEEP_ARRAYS],
      ['2,000 nested objects', DEEP_OBJECTS],
      ['33 nested objects in a field', `{"username":${'{"a":'.repeat(32)}1${'}'.repeat(32)}}`],
    ])('answers %s with 400 naming the limit, on every JSON route, never 500', async (_, body) => {
      for (const [method, path] of bodyRoutes) {
        const res = await rawRequest(server, method, path, [JSON_TYPE, auth(admin)], body);
        expect({ route: `${method} ${path}`, status: res.status, json: res.json }).toEqual({
          route: `${method} ${path}`,
          status: 400,
          json: { statusCode: 400, error: 'Bad Request', message: TOO_DEEP },
        });
      }
    });

    it('takes nesting up to the limit as an ordinary body, refused for what it holds', async () => {
      const res = await rawRequest(server, 'POST', '/auth/login', [JSON_TYPE], `{"username":${'{"a":'.repeat(30)}1${'}'.repeat(30)}}`);
      expect(res.status).toBe(400);
      expect((res.json as { message: string }).message).toMatch(/username must be a string/);
    });
  });

  describe('bodies that are JSON but not an object', () => {
    it.each([
      ['null', 'null'],
      ['"x"', 'a string'],
      ['123', 'a number'],
      ['true', 'a boolean'],
      ['[]', 'an array'],
      ['[{"username":"boss"}]', 'an array'],
    ])('answers %s with 400 "expected a JSON object", on every JSON route', async (body, kind) => {
      for (const [method, path] of bodyRoutes) {
        const res = await rawRequest(server, method, path, [JSON_TYPE, auth(admin)], body);
        expect({ route: `${method} ${path}`, status: res.status, json: res.json }).toEqual({
          route: `${method} ${path}`,
          status: 400,
          json: { statusCode: 400, error: 'Bad Request', message: `expected a JSON object as the body, got ${kind}` },
        });
      }
    });
  });

  describe('bodies of another content type', () => {
    it.each([
      ['text/plain', '{"username":"boss","password":"a long test password 1"}'],
      ['application/x-www-form-urlencoded', 'username=boss&password=a+long+test+password+1'],
      ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="username"\r\n\r\nboss\r\n--xyz--\r\n'],
      ['', '{"username":"boss","password":"a long test password 1"}'],
    ])('answers a body of type "%s" with 415, on every JSON route', async (type, body) => {
      for (const [method, path] of bodyRoutes) {
        const headers: [string, string][] = type ? [['content-type', type], auth(admin)] : [auth(admin)];
        const res = await rawRequest(server, method, path, headers, body);
        expect({ route: `${method} ${path}`, status: res.status }).toEqual({ route: `${method} ${path}`, status: 415 });
        expect(res.json).toEqual({
          statusCode: 415,
          error: 'Unsupported Media Type',
          message: `send the body as JSON, with Content-Type: application/json${type ? ` (not ${type.split(';')[0]})` : ''}`,
        });
      }
    });

    it('takes JSON of a +json type', async () => {
      const res = await rawRequest(server, 'POST', '/auth/login', [['content-type', 'application/vnd.api+json']], '{"username":"boss"}');
      expect(res.json).toEqual({ statusCode: 400, error: 'Bad Request', message: 'password must be a string' });
    });

    it('takes a POST without a body: a logout with Content-Length 0, or with no body and no content type', async () => {
      const first = await loggedIn(app, 'leaver');
      expect(
        (await rawRequest(server, 'POST', '/auth/logout', [auth(first), ['content-length', '0'], ['content-type', 'text/plain']])).status,
      ).toBe(204);
      expect(await stillLoggedIn(first)).toBe(401);
      const second = await loggedIn(app, 'leaver');
      expect((await rawRequest(server, 'POST', '/auth/logout', [auth(second)])).status).toBe(204);
      expect(await stillLoggedIn(second)).toBe(401);
    });
  });

  describe('POST /auth/logout never ends the wrong session', () => {
    let user: TestUser;

    beforeAll(async () => {
      user = await loggedIn(app, 'stayer');
    });

    it.each([
      ['text/plain', `refresh_token=whatever`],
      ['application/x-www-form-urlencoded', 'refresh_token='],
    ])('answers a body of type %s with 415, and the session goes on', async (type, body) => {
      const res = await rawRequest(server, 'POST', '/auth/logout', [['content-type', type], auth(user)], body);
      expect(res.status).toBe(415);
      expect(await stillLoggedIn(user)).toBe(200);
    });

    it.each([
      ['{"refresh_token":""}', 'refresh_token must not be empty: leave it out to end the session of your access token'],
      ['{"refresh_token":"   "}', 'refresh_token must not be empty: leave it out to end the session of your access token'],
      ['{"refresh_token":null}', 'refresh_token must be a string'],
      ['null', 'expected a JSON object as the body, got null'],
    ])('answers %s with 400, and the session goes on', async (body, message) => {
      const res = await rawRequest(server, 'POST', '/auth/logout', [JSON_TYPE, auth(user)], body);
      expect(res.json).toEqual({ statusCode: 400, error: 'Bad Request', message });
      expect(await stillLoggedIn(user)).toBe(200);
    });
  });

  describe("requests Node's HTTP parser refuses before Express sees them, in the one error shape", () => {
    it('answers a request line and headers over 16 KB with 431', async () => {
      const res = await rawRequest(server, 'GET', `/health?pad=${'a'.repeat(17_000)}`);
      expect(res.status).toBe(431);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json).toEqual({
        statusCode: 431,
        error: 'Request Header Fields Too Large',
        message: 'the request line and headers are too large: at most 16384 bytes together',
      });
    });

    it('answers what is not HTTP with 400, and closes the connection', async () => {
      const written = await untilServerCloses(server, (socket) => socket.write('NOT HTTP AT ALL\r\n\r\n'), 10_000);
      const [head, body] = written.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(JSON.parse(body)).toEqual({ statusCode: 400, error: 'Bad Request', message: 'the request is not valid HTTP/1.1' });
    });
  });

  describe('body-parser failures, in the one error shape', () => {
    it('answers a body over BODY_LIMIT with 413 naming the limit', async () => {
      const res = await rawRequest(server, 'POST', '/auth/login', [JSON_TYPE], JSON.stringify({ username: 'x'.repeat(17_000) }));
      expect(res.json).toEqual({ statusCode: 413, error: 'Payload Too Large', message: 'body is too large: at most 16384 bytes' });
    });

    it('answers malformed JSON with 400', async () => {
      const res = await rawRequest(server, 'POST', '/auth/login', [JSON_TYPE], '{"username": ');
      expectErrorShape(res.json, 400);
      expect((res.json as { message: string }).message).toMatch(/^body is not valid JSON: /);
    });

    it('answers a Content-Encoding it cannot read with 415', async () => {
      const res = await rawRequest(server, 'POST', '/auth/login', [JSON_TYPE, ['content-encoding', 'bogus']], '{"a":1}');
      expect(res.json).toEqual({
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: "Content-Encoding 'bogus' is not supported: send the body as it is, or gzip, deflate or br",
      });
    });

    it('answers a body that is not what its Content-Encoding says with 400, and reads one that is', async () => {
      const bad = await rawRequest(server, 'POST', '/auth/login', [JSON_TYPE, ['content-encoding', 'gzip']], '{"a":1}');
      expectErrorShape(bad.json, 400);
      expect((bad.json as { message: string }).message).toMatch(/^body could not be decompressed as its Content-Encoding says/);
      const good = await rawRequest(
        server,
        'POST',
        '/auth/login',
        [JSON_TYPE, ['content-encoding', 'gzip']],
        gzipSync('{"username":"boss","password":"not the password at all"}'),
      );
      expect(good.status).toBe(401);
    });

    it('answers a charset other than UTF-8 with 415', async () => {
      const res = await rawRequest(server, 'POST', '/auth/login', [['content-type', 'application/json; charset=latin1']], '{"a":1}');
      expect(res.json).toEqual({
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: "charset 'latin1' is not supported: send JSON in UTF-8",
      });
    });

    // Any other path is the web app's (apps/gateway/src/web-app).
    it.each([
      ['GET', '/prediction/no/such/route'],
      ['POST', '/auth/no-such-route'],
      ['DELETE', '/crypto'],
      ['POST', '/no/such/page'],
    ])('answers %s %s, a route that does not exist, with 404 in the same shape', async (method, path) => {
      const res = await rawRequest(server, method, path, [auth(admin)]);
      expect(res.json).toEqual({ statusCode: 404, error: 'Not Found', message: `Cannot ${method} ${path}` });
    });

    it('answers a path with broken percent-encoding with 400 in the same shape', async () => {
      const res = await rawRequest(server, 'GET', '/crypto/assets/%E0%A4%A/latest', [auth(admin)]);
      expectErrorShape(res.json, 400);
    });

    it('answers every 4xx in the same shape: 401, 403, 400 from validation', async () => {
      const user = await loggedIn(app, 'plain');
      expectErrorShape((await rawRequest(server, 'GET', '/auth/users/me')).json, 401);
      expectErrorShape((await rawRequest(server, 'GET', '/auth/users', [auth(user)])).json, 403);
      expectErrorShape((await rawRequest(server, 'GET', '/auth/users?limit=0', [auth(admin)])).json, 400);
    });
  });

  describe('headers', () => {
    it('refuses two Authorization headers with 400, whatever their order, on every route', async () => {
      const user = await loggedIn(app, 'twoheads');
      for (const headers of [
        [auth(user), auth(user)],
        [auth(user), ['authorization', 'Bearer not-a-token']],
        [['Authorization', 'Bearer not-a-token'], auth(admin)],
      ] as [string, string][][]) {
        for (const path of ['/auth/users/me', '/health', '/no/such/route']) {
          const res = await rawRequest(server, 'GET', path, headers);
          expect({ path, json: res.json }).toEqual({
            path,
            json: {
              statusCode: 400,
              error: 'Bad Request',
              message: expect.stringMatching(/^send one authorization header, not several$/i),
            },
          });
        }
      }
      expect((await rawRequest(server, 'GET', '/auth/users/me', [auth(user)])).status).toBe(200);
    });

    it('sends neither X-Powered-By nor an ETag', async () => {
      const res = await rawRequest(server, 'GET', '/auth/users/me', [auth(admin)]);
      expect(res.status).toBe(200);
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers.etag).toBeUndefined();
    });
  });

  describe('slow clients', () => {
    it('drops a client that trickles its headers byte by byte (HTTP_HEADERS_TIMEOUT_MS)', async () => {
      let trickle: NodeJS.Timeout | undefined;
      const answer = await untilServerCloses(
        server,
        (socket) => {
          socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
          trickle = setInterval(() => socket.writable && socket.write('a'), 50);
        },
        10_000,
      ).finally(() => clearInterval(trickle));
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    });

    it('drops a client that trickles its body (HTTP_REQUEST_TIMEOUT_MS)', async () => {
      let trickle: NodeJS.Timeout | undefined;
      await untilServerCloses(
        server,
        (socket) => {
          socket.write('POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
          trickle = setInterval(() => socket.writable && socket.write(' '), 50);
        },
        10_000,
      ).finally(() => clearInterval(trickle));
    });

    it('keeps serving clients that send their request at once', async () => {
      await request(server).get('/auth/users/me').set(bearer(admin)).expect(200);
    });
  });

  describe('a refused request, observed like any other', () => {
    const scrape = async () => (await request(server).get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;

    it.each<[string, Refusal]>([
      [
        'a body over BODY_LIMIT (413)',
        {
          method: 'POST',
          path: '/auth/login?password=hunter2',
          headers: [JSON_TYPE],
          body: JSON.stringify({ username: 'x'.repeat(17_000) }),
          status: 413,
        },
      ],
      [
        "a form body (415), with the caller's request id",
        {
          method: 'POST',
          path: '/auth/signup',
          headers: [
            ['content-type', 'application/x-www-form-urlencoded'],
            ['x-request-id', 'trace-me.415'],
          ],
          body: 'username=a',
          status: 415,
        },
      ],
      [
        'a Content-Encoding it cannot read (415)',
        { method: 'POST', path: '/auth/login', headers: [JSON_TYPE, ['content-encoding', 'bogus']], body: '{}', status: 415 },
      ],
      ['malformed JSON (400)', { method: 'POST', path: '/auth/login?token=abc', headers: [JSON_TYPE], body: '{"username": ', status: 400 }],
      ['2,000 nested arrays (400)', { method: 'POST', path: '/auth/refresh', headers: [JSON_TYPE], body: DEEP_ARRAYS, status: 400 }],
      [
        'two Authorization headers (400)',
        {
          method: 'GET',
          path: '/auth/users/me?access_token=abc',
          headers: [
            ['authorization', 'Bearer a'],
            ['authorization', 'Bearer b'],
          ],
          status: 400,
        },
      ],
    ])('answers %s with x-request-id, logs it once with the redacted URL, and counts it', async (_, refusal) => {
      await expectObservedRefusal(server, 'gateway', logs, scrape, refusal);
    });
  });

  describe('the OpenAPI document', () => {
    it('lists 400, 413 and 415 in the one error shape on every route that takes a JSON body', () => {
      expect(Object.keys(docs.components.schemas.ErrorView.properties ?? {}).sort()).toEqual(['error', 'message', 'statusCode']);
      const operations = Object.entries(docs.paths).flatMap(([path, methods]) =>
        Object.entries(methods)
          .filter(([, op]) => op.requestBody)
          .map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
      );
      expect(operations.length).toBeGreaterThanOrEqual(11);
      for (const { route, op } of operations) {
        for (const status of ['400', '413', '415']) {
          const response = op.responses[status];
          expect({
            route,
            status,
            schema: response?.content?.['application/json']?.schema,
            described: Boolean(response?.description),
          }).toEqual({
            route,
            status,
            schema: { $ref: '#/components/schemas/ErrorView' },
            described: true,
          });
        }
        expect(op.responses['413'].description).toContain('16kb');
        expect(op.responses['400'].description).toContain('not valid JSON');
      }
    });
  });
});
