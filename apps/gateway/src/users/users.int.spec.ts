import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UserRepository } from '#libs/database';
import { startFromScratch } from '../../../../test/support/fixtures.js';
import { bootGateway } from '../../../../test/support/nest-app.js';
import { bearer, loggedIn, type TestUser } from '../../../../test/support/users.js';
import { PasswordService } from '../auth/password.service.js';
import { FirstAdminBootstrap } from './first-admin.bootstrap.js';

describe('users and roles', () => {
  let app: NestExpressApplication;
  let firstAdmin: TestUser;
  let user: TestUser;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    await startFromScratch();
    app = await bootGateway({
      ADMIN_USERNAME: 'Root',
      ADMIN_PASSWORD: 'first admin password',
      QUEUE_PREFIX: 'users-spec',
      LOGIN_LIMIT_PER_IP: '1000',
    });
    const login = await http().post('/auth/login').send({ username: 'root', password: 'first admin password' }).expect(200);
    firstAdmin = {
      username: 'root',
      password: 'first admin password',
      token: login.body.access_token,
      refreshToken: login.body.refresh_token,
    };
    user = await loggedIn(app, 'plain');
  });

  afterAll(() => app.close());

  describe('the first admin', () => {
    it('is created from ADMIN_USERNAME and ADMIN_PASSWORD when no admin exists', async () => {
      const res = await http().get('/auth/users/me').set(bearer(firstAdmin)).expect(200);
      expect(res.body).toMatchObject({ username: 'root', role: 'admin' });
    });

    it('is created only once when several gateways start on a database without admins', async () => {
      await app.get(DataSource).query(`DELETE FROM users WHERE role = 'admin'`);
      const bootstrap = app.get(FirstAdminBootstrap);
      await Promise.all([bootstrap.onApplicationBootstrap(), bootstrap.onApplicationBootstrap(), bootstrap.onApplicationBootstrap()]);
      expect(await app.get(UserRepository).countAdmins()).toBe(1);
      const login = await http().post('/auth/login').send({ username: 'root', password: 'first admin password' }).expect(200);
      firstAdmin = { ...firstAdmin, token: login.body.access_token, refreshToken: login.body.refresh_token };
    });

    it('is not made of a user who already holds ADMIN_USERNAME', async () => {
      await app.get(DataSource).query(`UPDATE users SET role = 'user' WHERE username = 'root'`);
      await app.get(FirstAdminBootstrap).onApplicationBootstrap();
      expect(await app.get(UserRepository).countAdmins()).toBe(0);
      await app.get(DataSource).query(`UPDATE users SET role = 'admin' WHERE username = 'root'`);
    });
  });

  describe('GET and PUT /auth/users/me', () => {
    it('shows the caller their own profile', async () => {
      const res = await http().get('/auth/users/me').set(bearer(user)).expect(200);
      expect(res.body).toEqual({ id: expect.any(String), username: 'plain', email: null, role: 'user', createdAt: expect.any(String) });
    });

    it('changes the email when the current password is right', async () => {
      const res = await http()
        .put('/auth/users/me')
        .set(bearer(user))
        .send({ current_password: user.password, email: 'plain@example.com' })
        .expect(200);
      expect(res.body.email).toBe('plain@example.com');
    });

    it.each([
      [{ current_password: 'wrong password!!', email: 'x@example.com' }, 'current_password is not your current password'],
      [{ email: 'x@example.com' }, 'current_password must be a string'],
      [
        { current_password: 'a long test password 1', role: 'admin' },
        'role cannot be chosen here: an admin changes roles with PUT /auth/users/{username}/role',
      ],
      [{ current_password: 'a long test password 1', username: 'other' }, 'property username should not exist'],
      [
        { current_password: 'a long test password 1', password: 'short' },
        'password must have at least 12 visible characters (letters, digits, punctuation or symbols; spaces and invisible characters do not count)',
      ],
      [
        { current_password: 'a long test password 1', password: '\u200B'.repeat(24) },
        'password must have at least 12 visible characters (letters, digits, punctuation or symbols; spaces and invisible characters do not count)',
      ],
      [
        { current_password: 'a long test password 1', password: 'a brand new\tsecret 42' },
        'password must not contain control characters (U+0000 to U+001F or U+007F)',
      ],
      [
        { current_password: 'a long test password 1', password: 'a brand new\u0000secret 42' },
        'password must not contain control characters (U+0000 to U+001F or U+007F)',
      ],
      [
        { current_password: 'a long test\u0000password 1', email: 'x@example.com' },
        'current_password must not contain the NUL character (U+0000)',
      ],
      [{ current_password: 'a long test password 1', password: null }, 'password must be a string'],
      [
        { current_password: 'a long test password 1', role: null },
        'role cannot be chosen here: an admin changes roles with PUT /auth/users/{username}/role',
      ],
      [
        { current_password: 'a long test password 1', email: 'x@example.com\r\nBcc: all@example.com' },
        'email must not contain control characters (U+0000 to U+001F or U+007F)',
      ],
      [
        { current_password: 'a long test password 1', email: 'x@localhost' },
        'email must be an email address such as satoshi@example.com, at most 254 characters',
      ],
      [{ current_password: 'a long test password 1', password: 'plain and simple pw' }, 'password must not contain the username'],
    ])('refuses %j with 400 and changes nothing', async (body, message) => {
      const res = await http().put('/auth/users/me').set(bearer(user)).send(body).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
      expect((await http().get('/auth/users/me').set(bearer(user))).body).toMatchObject({ role: 'user', email: 'plain@example.com' });
    });

    it('removes the email given as null', async () => {
      const mailer = await loggedIn(app, 'mailer');
      await http()
        .put('/auth/users/me')
        .set(bearer(mailer))
        .send({ current_password: mailer.password, email: 'm@example.com' })
        .expect(200);
      const res = await http()
        .put('/auth/users/me')
        .set(bearer(mailer))
        .send({ current_password: mailer.password, email: null })
        .expect(200);
      expect(res.body.email).toBeNull();
    });

    it('takes a current password that holds a tab, set under the older policy, and refuses the new one with a tab', async () => {
      const oldPassword = 'tabs\tare\tfrom\tbefore';
      await app.get(UserRepository).create({
        username: 'tabby',
        email: null,
        passwordHash: await app.get(PasswordService).hash(oldPassword),
        role: 'user',
      });
      const login = await http().post('/auth/login').send({ username: 'tabby', password: oldPassword }).expect(200);
      const tabby = { Authorization: `Bearer ${login.body.access_token}` };
      await http().put('/auth/users/me').set(tabby).send({ current_password: oldPassword, email: 'tabby@example.com' }).expect(200);
      await http().put('/auth/users/me').set(tabby).send({ current_password: oldPassword, password: 'new\tand\ttabbed 1' }).expect(400);
      await http().put('/auth/users/me').set(tabby).send({ current_password: oldPassword, password: 'no tabs from now on' }).expect(200);
    });

    it('ends every session on a password change, and the new password works', async () => {
      const changer = await loggedIn(app, 'changer');
      const other = await loggedIn(app, 'changer');
      await http()
        .put('/auth/users/me')
        .set(bearer(changer))
        .send({ current_password: changer.password, password: 'a brand new secret 42' })
        .expect(200);
      await http().get('/auth/users/me').set(bearer(changer)).expect(401);
      await http().get('/auth/users/me').set(bearer(other)).expect(401);
      await http().post('/auth/refresh').send({ refresh_token: other.refreshToken }).expect(401);
      await http().post('/auth/login').send({ username: 'changer', password: 'a brand new secret 42' }).expect(200);
    });

    it('needs a logged-in caller', async () => {
      await http().get('/auth/users/me').expect(401);
      await http().put('/auth/users/me').send({ current_password: 'x' }).expect(401);
    });
  });

  describe('admin routes', () => {
    const routes: [string, string, object][] = [
      ['get', '/auth/users', {}],
      ['put', '/auth/users/plain/role', { role: 'admin' }],
      ['delete', '/auth/users/plain', {}],
    ];
    const call = (method: string, url: string) => (http() as unknown as Record<string, (u: string) => request.Test>)[method](url);

    it.each(routes)('%s %s refuses a caller without a token with 401', async (method, url, body) => {
      await call(method, url).send(body).expect(401);
    });

    it.each(routes)('%s %s refuses a user with 403 and changes nothing', async (method, url, body) => {
      const res = await call(method, url).set(bearer(user)).send(body).expect(403);
      expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Only admins may do this' });
      expect((await http().get('/auth/users/me').set(bearer(user))).body.role).toBe('user');
    });

    it('lists users, paged', async () => {
      const res = await http().get('/auth/users?limit=2&offset=0').set(bearer(firstAdmin)).expect(200);
      expect(res.body.total).toBeGreaterThanOrEqual(3);
      expect(res.body.users).toHaveLength(2);
      expect(res.body.users[0]).not.toHaveProperty('passwordHash');
      const bad = await http().get('/auth/users?limit=1000').set(bearer(firstAdmin)).expect(400);
      expect(bad.body.message).toBe('limit must be a whole number from 1 to 500');
    });

    it.each([
      ['offset=9223372036854775807', 'offset must be a whole number from 0 to 2147483647'],
      ['offset=2147483648', 'offset must be a whole number from 0 to 2147483647'],
      ['offset=-1', 'offset must be a whole number from 0 to 2147483647'],
      ['offset=0x10', 'offset must be a whole number from 0 to 2147483647'],
      ['offset=1e3', 'offset must be a whole number from 0 to 2147483647'],
      ['offset=%2B1', 'offset must be a whole number from 0 to 2147483647'],
      ['offset=%201', 'offset must be a whole number from 0 to 2147483647'],
      ['offset=1.0', 'offset must be a whole number from 0 to 2147483647'],
      ['limit=0x10', 'limit must be a whole number from 1 to 500'],
      ['limit=1e2', 'limit must be a whole number from 1 to 500'],
      ['limit=', 'limit must be a whole number from 1 to 500'],
      ['limit=1&limit=2', 'limit must be a whole number from 1 to 500'],
      ['limit=%00', 'limit must not contain control characters (U+0000 to U+001F or U+007F)'],
      ['__proto__=1', 'property __proto__ should not exist'],
      ['constructor=1', 'property constructor should not exist'],
      ['toString=1', 'property toString should not exist'],
    ])('answers GET /auth/users?%s with 400 naming the field and its range', async (query, message) => {
      const res = await http().get(`/auth/users?${query}`).set(bearer(firstAdmin)).expect(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message });
    });

    it('takes the last offset of its range, and leading zeros', async () => {
      const res = await http().get('/auth/users?offset=2147483647&limit=010').set(bearer(firstAdmin)).expect(200);
      expect(res.body.users).toEqual([]);
    });

    it('promotes a user at once, also for the token they already hold', async () => {
      const promoted = await loggedIn(app, 'deputy');
      await http().get('/auth/users').set(bearer(promoted)).expect(403);
      const res = await http().put('/auth/users/DEPUTY/role').set(bearer(firstAdmin)).send({ role: 'admin' }).expect(200);
      expect(res.body).toMatchObject({ username: 'deputy', role: 'admin' });
      await http().get('/auth/users').set(bearer(promoted)).expect(200);
    });

    it("demotes an admin at once: their old token loses admin's powers", async () => {
      const demoted = await loggedIn(app, 'deputy');
      await http().put('/auth/users/deputy/role').set(bearer(firstAdmin)).send({ role: 'user' }).expect(200);
      await http().get('/auth/users').set(bearer(demoted)).expect(403);
      await http().get('/auth/users/me').set(bearer(demoted)).expect(200);
    });

    it.each([
      ['put', '/auth/users/plain/role', { role: 'root' }, 400, 'role must be one of user, admin'],
      ['put', '/auth/users/plain/role', {}, 400, 'role must be one of user, admin'],
      [
        'put',
        "/auth/users/plain'%20OR%20'1'='1/role",
        { role: 'admin' },
        400,
        'username must be 3 to 32 characters: letters, digits, _ . -, starting with a letter',
      ],
      ['put', '/auth/users/ghost/role', { role: 'admin' }, 404, "No user named 'ghost'"],
      ['put', '/auth/users/plain/role', { role: null }, 400, 'role must be one of user, admin'],
      [
        'put',
        '/auth/users/%C5%BFlain/role',
        { role: 'admin' },
        400,
        'username must be 3 to 32 characters: letters, digits, _ . -, starting with a letter',
      ],
      ['delete', '/auth/users/plain%00', {}, 400, 'username must not contain control characters (U+0000 to U+001F or U+007F)'],
      [
        'put',
        '/auth/users/plain%09/role',
        { role: 'admin' },
        400,
        'username must not contain control characters (U+0000 to U+001F or U+007F)',
      ],
      ['delete', '/auth/users/ghost', {}, 404, "No user named 'ghost'"],
    ])('answers %s %s %j with %i', async (method, url, body, status, message) => {
      const res = await call(method, url).set(bearer(firstAdmin)).send(body).expect(status);
      expect(res.body.message).toBe(message);
    });

    it('refuses to demote or delete the last admin with 409', async () => {
      const demote = await http().put('/auth/users/root/role').set(bearer(firstAdmin)).send({ role: 'user' }).expect(409);
      expect(demote.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: "'root' is the last admin: make another user admin first",
      });
      await http().delete('/auth/users/root').set(bearer(firstAdmin)).expect(409);
      expect(await app.get(UserRepository).countAdmins()).toBe(1);
    });

    it('never lets two admins demote each other down to none', async () => {
      const second = await loggedIn(app, 'second-admin', 'admin');
      const results = await Promise.all([
        http().put('/auth/users/root/role').set(bearer(second)).send({ role: 'user' }),
        http().put('/auth/users/second-admin/role').set(bearer(firstAdmin)).send({ role: 'user' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await app.get(UserRepository).countAdmins()).toBe(1);
    });

    it('deletes a user: their tokens stop working at once', async () => {
      const doomed = await loggedIn(app, 'doomed');
      const admin =
        (await app.get(UserRepository).findByUsername('root'))?.role === 'admin' ? firstAdmin : await loggedIn(app, 'second-admin');
      await http().delete('/auth/users/doomed').set(bearer(admin)).expect(204);
      await http().get('/auth/users/me').set(bearer(doomed)).expect(401);
      await http().post('/auth/refresh').send({ refresh_token: doomed.refreshToken }).expect(401);
      await http().post('/auth/login').send({ username: 'doomed', password: doomed.password }).expect(401);
    });
  });
});
