import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** How deeply objects and arrays may nest in a body: far above any DTO of ours (3 levels), far below what breaks a recursive walk. */
export const MAX_JSON_DEPTH = 32;

const JSON_TYPES = ['application/json', 'application/*+json'];

/** A request with bytes in its body; a POST without one (Content-Length: 0, or none at all) has nothing to refuse. */
function carriesBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}

/** 415 for a body that is not JSON: form data or text would otherwise reach the DTOs as an empty object. */
function requireJsonContentType(req: Request, _res: Response, next: NextFunction): void {
  if (!carriesBody(req) || req.is(JSON_TYPES)) return next();
  const given = (req.headers['content-type'] ?? '').split(';')[0].trim().slice(0, 100);
  next(new UnsupportedMediaTypeException(`send the body as JSON, with Content-Type: application/json${given ? ` (not ${given})` : ''}`));
}

/** Whether objects and arrays in `value` nest deeper than `max` levels, found without recursion. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const pending: [node: unknown, depth: number][] = [[value, 1]];
  while (pending.length) {
    const [node, depth] = pending.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
    }
  }
  return false;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string'
    ? 'a string'
    : typeof value === 'number'
      ? 'a number'
      : typeof value === 'boolean'
        ? 'a boolean'
        : typeof value;
}

/**
 * Every body is a JSON object nested at most MAX_JSON_DEPTH deep. Checked once it is parsed and
 * before class-transformer and class-validator walk it (recursively: 2,000 nested arrays overflow
 * their stack). body-parser runs non-strict so that `null`, `"x"` and `123` arrive here and get
 * this message, rather than a JSON syntax error that is not one; Nest would turn a `null` into `{}`.
 */
function requireJsonObject(req: Request, _res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  if (body === undefined) return next();
  if (nestedDeeperThan(body, MAX_JSON_DEPTH)) {
    return next(new BadRequestException(`body is nested too deeply: at most ${MAX_JSON_DEPTH} levels of objects and arrays`));
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return next(new BadRequestException(`expected a JSON object as the body, got ${kindOf(body)}`));
  }
  next();
}

/**
 * The only bodies an app takes: JSON objects of at most `limit` (such as `16kb`). Other content
 * types are 415; a POST without a body stays valid. The app must be created with `bodyParser: false`,
 * so that Nest adds no parsers of its own (it would parse form data too).
 */
export function acceptJsonBodies<A extends NestExpressApplication>(app: A, limit: string): A {
  app.use(requireJsonContentType);
  app.useBodyParser('json', { limit, strict: false, type: JSON_TYPES });
  app.use(requireJsonObject);
  return app;
}
