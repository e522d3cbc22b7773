import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse, ApiHeader } from '@nestjs/swagger';
import { SameOriginGuard } from './same-origin.guard.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { WEB_CLIENT_HEADER } from './web-client.js';

export const COOKIE_AUTHENTICATES = 'candlecast:cookie-authenticates';

/** A route with a cookie mode: the header documented, cross-site requests in that mode refused (403). */
export const WebSession = () =>
  applyDecorators(
    UseGuards(SameOriginGuard),
    ApiHeader({
      name: WEB_CLIENT_HEADER,
      required: false,
      enum: ['web'],
      description:
        `Cookie mode, for the web app: the refresh token travels in the HttpOnly cookie ${SESSION_COOKIE} ` +
        '(Secure; SameSite=Strict; Path=/), never in a body. Left out: tokens in bodies, as ever.',
    }),
    ApiForbiddenResponse({
      description:
        'Cookie mode only: the request does not come from a page of PUBLIC_ORIGIN (Sec-Fetch-Site other than same-origin; ' +
        'without it, an Origin other than PUBLIC_ORIGIN; or neither header)',
    }),
  );

/** In cookie mode the session cookie, not an access token, says whose session this is: JwtAuthGuard lets the request through. */
export const CookieAuthenticates = () => SetMetadata(COOKIE_AUTHENTICATES, true);
