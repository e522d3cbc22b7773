import { BadRequestException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import { answerClientErrorsInShape } from './client-errors.js';

/** Headers a request may carry once: Node keeps only the first Authorization in req.headers, so a second one would pass unseen. */
const SINGLE_HEADERS = new Set(['authorization']);

function refuseRepeatedHeaders(req: Request, _res: Response, next: NextFunction): void {
  const seen = new Set<string>();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase();
    if (!SINGLE_HEADERS.has(name)) continue;
    if (seen.has(name)) return next(new BadRequestException(`send one ${req.rawHeaders[i]} header, not several`));
    seen.add(name);
  }
  next();
}

/**
 * What every app's HTTP does alike: no X-Powered-By (it only tells an attacker what to try), no
 * ETag (hashing every answer costs CPU, and API clients do not revalidate), and one Authorization
 * header per request; what Node's parser refuses before Express sees it answered in the error shape too.
 */
export function hardenHttp<A extends NestExpressApplication>(app: A): A {
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(refuseRepeatedHeaders);
  answerClientErrorsInShape(app.getHttpServer() as Server);
  return app;
}
