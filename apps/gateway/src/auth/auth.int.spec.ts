import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRepository } from '#libs/database';
import { atTimeOfDay } from '../../../../test/support/clock.js';
import { emptyDatabase } from '../../../../test/support/fixtures.js';
import { decodeJwt, forgeJwt, tamper } from '../../../../test/support/jwt.js';
import { bootGateway } from '../../../../test/support/nest-app.js';
import { bearer, loggedIn, type TestUser } from '../../../../test/support/users.js';
import { PasswordService } from './password.service.js';

const SECRET = 'auth-spec-secret-0123456789-abcdefghijklmnop';
const TOO_FEW_VISIBLE =
  'password must have at least 12 visible characters (letters, digits, punctuation or symbols; spaces and invisible characters do not count)';
const CONTROL = (field: string) => `${field} must not contain control characters (U+0000 to U+001F or U+007F)`;
const EMAIL = 'email must be an email address such as satoshi@example.com, at most 254 characters';

describe('accounts and tokens', () => {
  let app: NestExpressApplication;
  const http = () => request(app.getHttpServer());
  const me = (token: string) => http().get('/auth/users/me').set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    app = await bootGateway({
      JWT_SECRET: SECRET,
      JWT_ACCESS_TTL: '15m',
      QUEUE_PREFIX: 'auth-spec',
      LOGIN_LIMIT_PER_IP: '1000',
      SIGNUP_LIMIT_PER_IP: '1000',
    });
    await emptyDatabase(app.get(DataSource));
  });

  afterAll(() => app.close());

  describe('POST /auth/signup', () => {
    it('creates a user with the role user, and never shows the password hash', async () => {
      const res = await http()
        .post('/auth/signup')
        .send({ username: 'Satoshi', password: 'peer to peer cash 2008', email: 'satoshi@example.com' })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        username: 'satoshi',
        email: 'satoshi@example.com',
        role: 'user',
        createdAt: expect.any(String),
      });
    });

    it('answers a taken username with 409, whatever its case', async () => {
      const res = await http().post('/auth/signup').send({ username: 'SATOSHI', password: 'another long password' }).expect(409);
      expect(res.body).toEqual({ statusCode: 409, error: 'Conflict', message: "The username 'satoshi' is taken" });
    });

    it.each([
      [{ username: 'hal', password: 'short' }, TOO_FEW_VISIBLE],
      [{ username: 'hal', password: 'x'.repeat(129) }, 'password must be at most 128 characters long'],
      [{ username: 'hal', password: 'aaaaaaaaaaaaaaaa' }, 'password must use at least 5 different visible characters'],
      [{ username: 'hal', password: '\u200B\u200C\u200D\u2060\uFEFF'.repeat(4) }, TOO_FEW_VISIBLE],
      [{ username: 'hal', password: '\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309\u030A\u030B\u030C' }, TOO_FEW_VISIBLE],
      [{ username: 'hal', password: ' \u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u3000' }, TOO_FEW_VISIBLE],
      [{ username: 'hal', password: `abcde${'\u200B'.repeat(12)}` }, TOO_FEW_VISIBLE],
      [{ username: 'hal', password: 'a long enough\u0000password' }, CONTROL('password')],
      [{ username: 'hal', password: 'a long enough\tpassword' }, CONTROL('password')],
      [{ username: 'hal', password: 'a long enough\u007Fpassword' }, CONTROL('password')],
      [{ username: 'hal\u0000', password: 'a long enough password' }, CONTROL('username')],
      [{ username: 'hal', password: 'a long enough password', email: 'hal@example.com\u0000' }, CONTROL('email')],
      [{ username: 'finney', password: 'my name is finney ok' }, 'password must not contain the username'],
      [
        { username: 'h', password: 'a long enough password' },
        'username must be 3 to 32 characters: letters, digits, _ . -, starting with a letter',
      ],
      [
        { username: "admin'--", password: 'a long enough password' },
        'username must be 3 to 32 characters: letters, digits, _ . -, starting with a letter',
      ],
      [{ username: 'hal', password: 'a long enough password', email: 'not-an-email' }, EMAIL],
      [{ username: 'hal', password: 'a long enough password', email: 'Hal <hal@example.com>' }, EMAIL],
      [{ username: 'hal', password: 'a long enough password', email: '"hal finney"@example.com' }, EMAIL],
      [{ username: 'hal', password: 'a long enough password', email: 'hal@[127.0.0.1]' }, EMAIL],
      [{ username: 'hal', password: 'a long enough password', email: 'hal@localhost' }, EMAIL],
      [{ username: 'hal', password: 'a long enough password', email: 'hal..finney@example.com' }, EMAIL],
      [{ username: 'hal', password: 'a long enough password', email: `${'h'.repeat(60)}@${'e'.repeat(190)}.com` }, EMAIL],
      [{ username: 'hal', password: 'a long enough password', email: 42 }, EMAIL],
      [{ username: 'hal', password: 'a long enough password', email: 'hal\u200B@example.com' }, EMAIL],
      [{ username: 'hal', password: 'a long enough password', email: 'hal@exa\u200Bmple.com' }, EMAIL],
      [{ username: 'hal', password: 'a long enough password', email: 'hal@\u202Emoc.elpmaxe' }, EMAIL],
      [{ username: 'hal', password: 'a long enough password', email: 'hål@example.com' }, EMAIL],
      [
        { username: 'hal', password: 'a long enough password', role: null },
        'role cannot be chosen here: an admin changes roles with PUT /auth/users/{username}/role',
      ],
      [
        { username: 'ſatoshi', password: 'a long enough password' },
        'username must be 3 to 32 characters: letters, digits, _ . -, starting with a letter',
      ],
      [{ username: 'hal', password: 'a long enough password', constructor: 'x' }, 'property constructor should not exist'],
      [
        { username: 'hal', password: 'a long enough password', role: 'admin' },
        'role cannot be chosen here: an admin changes roles with PUT /auth/users/{username}/role',
      ],
      [{ username: 'hal', password: 'a long enough password', is_admin: true }, 'property is_admin should not exist'],
      [{ username: 'hal' }, 'password must be a string'],
    ])('refuses %j with 400', async (body, message) => {
      const res = await http().post('/auth/signup').send(body).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
      expect(await app.get(UserRepository).findByUsername('hal')).toBeNull();
    });

    it.each([
      ['{"username":"hal","password":"a long enough password","__proto__":{"role":"admin"}}', 'property __proto__ should not exist'],
      ['{"username":"hal","password":"a long enough password","hasOwnProperty":1}', 'property hasOwnProperty should not exist'],
      ['{"username":"hal","password":"a long enough password","valueOf":"x"}', 'property valueOf should not exist'],
    ])('refuses the prototype key of %s like any unknown field, and creates no user', async (json, message) => {
      const res = await http().post('/auth/signup').set('content-type', 'application/json').send(json).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
      expect(await app.get(UserRepository).findByUsername('hal')).toBeNull();
    });

    it('takes an email with an international domain, and null as no email', async () => {
      const res = await http()
        .post('/auth/signup')
        .send({ username: 'nakamoto', password: 'peer to peer cash 2009', email: 'nakamoto@bücher.example' })
        .expect(201);
      expect(res.body.email).toBe('nakamoto@bücher.example');
      const none = await http().post('/auth/signup').send({ username: 'szabo', password: 'bit gold and smart contracts', email: null });
      expect(none.status).toBe(201);
      expect(none.body.email).toBeNull();
    });
  });

  describe('POST /auth/login', () => {
    it('returns an access and a refresh token', async () => {
      const res = await http().post('/auth/login').send({ username: 'satoshi', password: 'peer to peer cash 2008' }).expect(200);
      expect(res.body).toEqual({
        access_token: expect.any(String),
        refresh_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 900,
      });
      expect(decodeJwt(res.body.access_token)).toMatchObject({ username: 'satoshi', role: 'user' });
      await me(res.body.access_token).expect(200);
    });

    it('gives the same 401 for a wrong password and an unknown user', async () => {
      const wrong = await http().post('/auth/login').send({ username: 'satoshi', password: 'not the password' }).expect(401);
      const unknown = await http().post('/auth/login').send({ username: 'nobody-here', password: 'not the password' }).expect(401);
      expect(wrong.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Invalid username or password' });
      expect(unknown.body).toEqual(wrong.body);
    });

    it.each([
      [{ username: 'satoshi' }, 'password must be a string'],
      [{ username: 'satoshi', password: 'x', extra: 1 }, 'property extra should not exist'],
      [{ username: { $ne: null }, password: 'x' }, 'username must be a string'],
      [{ username: 'satoshi\u0000', password: 'peer to peer cash 2008' }, CONTROL('username')],
      [{ username: 'satoshi\t', password: 'peer to peer cash 2008' }, CONTROL('username')],
      [{ username: 'satoshi', password: 'peer to peer\u0000cash 2008' }, 'password must not contain the NUL character (U+0000)'],
      [{ username: 'satoshi', password: 'x', toString: 'y' }, 'property toString should not exist'],
    ])('refuses %j with 400', async (body, message) => {
      const res = await http().post('/auth/login').send(body).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
    });

    it('still logs in a user whose password, set under the older policy, holds a tab', async () => {
      const oldPassword = 'tabs\tare\tfrom\tbefore';
      await app.get(UserRepository).create({
        username: 'oldtimer',
        email: null,
        passwordHash: await app.get(PasswordService).hash(oldPassword),
        role: 'user',
      });
      await http().post('/auth/login').send({ username: 'oldtimer', password: oldPassword }).expect(200);
      await http().post('/auth/login').send({ username: 'oldtimer', password: 'tabs are from before' }).expect(401);
    });
  });

  describe('refresh tokens', () => {
    let session: TestUser;

    beforeAll(async () => {
      session = await loggedIn(app, 'rotator');
    });

    it('trade a refresh token for a new pair, once', async () => {
      const first = await http().post('/auth/refresh').send({ refresh_token: session.refreshToken }).expect(200);
      expect(first.body.refresh_token).not.toBe(session.refreshToken);
      await me(first.body.access_token).expect(200);
      session = { ...session, token: first.body.access_token, refreshToken: first.body.refresh_token };
    });

    it('revoke the whole session when a used refresh token comes back', async () => {
      const stolen = session.refreshToken;
      const legit = await http().post('/auth/refresh').send({ refresh_token: stolen }).expect(200);
      const reuse = await http().post('/auth/refresh').send({ refresh_token: stolen }).expect(401);
      expect(reuse.body.message).toBe('Refresh token used twice: its session is revoked, log in again');
      // Everything of that session is dead now: the newest refresh token and the access tokens.
      await http().post('/auth/refresh').send({ refresh_token: legit.body.refresh_token }).expect(401);
      await me(legit.body.access_token).expect(401);
      await me(session.token).expect(401);
    });

    it.each([
      ['an unknown token', '00000000-0000-4000-8000-000000000000.c2VjcmV0'],
      ['garbage', 'not-a-token'],
      ['a SQL injection', "' OR 1=1 --.x"],
    ])('refuse %s with 401', async (_, token) => {
      const res = await http().post('/auth/refresh').send({ refresh_token: token }).expect(401);
      expect(res.body.message).toBe('Invalid refresh token');
    });

    it('refuse a missing token with 400', async () => {
      const res = await http().post('/auth/refresh').send({}).expect(400);
      expect(res.body.message).toBe('refresh_token must be a string');
    });
  });

  describe('POST /auth/logout', () => {
    it('ends the session: its refresh and access tokens stop working, other sessions go on', async () => {
      const phone = await loggedIn(app, 'leaver');
      const laptop = await loggedIn(app, 'leaver');
      await http().post('/auth/logout').set(bearer(phone)).send({}).expect(204);
      await me(phone.token).expect(401);
      await http().post('/auth/refresh').send({ refresh_token: phone.refreshToken }).expect(401);
      await me(laptop.token).expect(200);
    });

    it("ends the session of a given refresh token, but never someone else's", async () => {
      const alice = await loggedIn(app, 'alice');
      const bob = await loggedIn(app, 'bob');
      const res = await http().post('/auth/logout').set(bearer(alice)).send({ refresh_token: bob.refreshToken }).expect(401);
      expect(res.body.message).toBe('Invalid refresh token');
      await me(bob.token).expect(200);
      await http().post('/auth/logout').set(bearer(bob)).send({ refresh_token: bob.refreshToken }).expect(204);
      await me(bob.token).expect(401);
    });

    it('needs a logged-in caller', async () => {
      await http().post('/auth/logout').send({}).expect(401);
    });
  });

  describe('forged access tokens', () => {
    let user: TestUser;
    let claims: Record<string, unknown>;

    beforeAll(async () => {
      user = await loggedIn(app, 'forger');
      claims = decodeJwt(user.token);
    });

    it.each([
      ["with alg 'none' and no signature", () => forgeJwt({ alg: 'none', typ: 'JWT' }, claims)],
      ['signed with another secret', () => forgeJwt({ alg: 'HS256', typ: 'JWT' }, claims, 'some-other-secret-of-enough-length-0000')],
      ['signed with the right secret but HS512', () => forgeJwt({ alg: 'HS512', typ: 'JWT' }, claims, SECRET, 'sha512')],
      ['with a payload changed after signing', () => tamper(user.token, { role: 'admin' })],
      [
        'of a user who does not exist',
        () => forgeJwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, sub: '00000000-0000-4000-8000-000000000000' }, SECRET),
      ],
      ['that is not a JWT at all', () => 'hello'],
    ])('refuses a token %s with 401', async (_, token) => {
      const res = await me(token()).expect(401);
      expect(res.body.statusCode).toBe(401);
    });

    it('refuses an expired token with 401 and says to refresh', async () => {
      const expired = forgeJwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: 1_600_000_000, exp: 1_600_000_900 }, SECRET);
      const res = await me(expired).expect(401);
      expect(res.body.message).toBe('The access token has expired: get a new one with POST /auth/refresh');
    });

    it('refuses a token it accepted before, once that token has expired', async () => {
      const now = Math.floor(Date.now() / 1000);
      const shortLived = forgeJwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now, exp: now + 60 }, SECRET);
      await me(shortLived).expect(200);
      await me(shortLived).expect(200); // the second use meets the remembered signature check
      // A minute later by the clock the gateway reads, without waiting for it.
      const res = await atTimeOfDay((now + 60) * 1000, () => me(shortLived).expect(401));
      expect(res.body.message).toBe('The access token has expired: get a new one with POST /auth/refresh');
    });

    it('refuses a payload changed after signing even when the genuine token was accepted before', async () => {
      await me(user.token).expect(200);
      await me(tamper(user.token, { sid: 'another-session' })).expect(401);
    });

    it('accepts the genuine token', async () => {
      await me(user.token).expect(200);
    });
  });
});
