import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { isWebClient } from './web-client.js';

const REFUSED = "Cookie mode takes requests from the web app's own page only";

/**
 * CSRF defence of the routes that read or set the session cookie: in cookie mode, a request
 * must come from a page of PUBLIC_ORIGIN. Browsers say where a request comes from in
 * Sec-Fetch-Site (which a page cannot forge); older ones only in Origin. A request with
 * neither did not come from a browser page we can vouch for, so it is refused too. Other
 * clients carry their tokens in bodies, which no other site can read or send, and pass.
 */
@Injectable()
export class SameOriginGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (!isWebClient(req)) return true;
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined) {
      if (site === 'same-origin') return true;
      throw new ForbiddenException(`${REFUSED}: Sec-Fetch-Site is ${site.slice(0, 40)}, not same-origin`);
    }
    const origin = req.headers.origin;
    if (origin === this.config.PUBLIC_ORIGIN) return true;
    throw new ForbiddenException(
      origin === undefined
        ? `${REFUSED}: the request has neither Sec-Fetch-Site nor Origin`
        : `${REFUSED}: Origin ${origin.slice(0, 200)} is not ${this.config.PUBLIC_ORIGIN}`,
    );
  }
}
