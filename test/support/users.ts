import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { UserRepository, type UserRole } from '#libs/database';
import { PasswordService } from '../../apps/gateway/src/auth/password.service.js';

export const TEST_PASSWORD = 'a long test password 1';

export interface TestUser {
  username: string;
  password: string;
  token: string;
  refreshToken: string;
}

/** A user with the given role, logged in through POST /auth/login. */
export async function loggedIn(app: INestApplication, username: string, role: UserRole = 'user'): Promise<TestUser> {
  const users = app.get(UserRepository);
  if (!(await users.findByUsername(username))) {
    await users.create({ username, email: null, passwordHash: await app.get(PasswordService).hash(TEST_PASSWORD), role });
  }
  const res = await request(app.getHttpServer()).post('/auth/login').send({ username, password: TEST_PASSWORD });
  if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { username, password: TEST_PASSWORD, token: res.body.access_token, refreshToken: res.body.refresh_token };
}

export const bearer = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });
