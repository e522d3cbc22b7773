/**
 * The web app's API types (apps/web/src/api/schema.d.ts) follow the gateway's /docs-json: a route
 * changed without regenerating them fails here, and the web app's type-check then shows every
 * caller that the change breaks. `UPDATE_WEB_SCHEMA=1 npm test -- web-api-schema` rewrites the file.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { bootGateway } from '../test/support/nest-app.js';

const WEB = join(dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'web');
const SCHEMA = join(WEB, 'src', 'api', 'schema.d.ts');

describe('the web app’s API types', () => {
  let gateway: NestExpressApplication;

  beforeAll(async () => {
    gateway = await bootGateway();
  });

  afterAll(async () => {
    await gateway.close();
  });

  it('are what openapi-typescript makes of the gateway’s /docs-json today', async () => {
    const { body } = await request(gateway.getHttpServer()).get('/docs-json').expect(200);
    const generated = spawnSync(process.execPath, [join('scripts', 'api-schema.ts'), '--stdin'], {
      cwd: WEB,
      input: JSON.stringify(body),
      encoding: 'utf8',
    });
    expect(generated.stderr).toBe('');
    expect(generated.status).toBe(0);
    if (process.env.UPDATE_WEB_SCHEMA === '1') await writeFile(SCHEMA, generated.stdout);
    const committed = await readFile(SCHEMA, 'utf8').catch(() => '');
    expect(committed).toBe(generated.stdout);
  });
});
