import { Inject, Injectable } from '@nestjs/common';
import { parseCookie } from 'cookie';
import type { CookieOptions, Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import type { AccessTokenDto } from '../dto/token-pair.dto.js';
import type { IssuedTokens } from '../token.service.js';

/** `__Host-`: the browser keeps it only if Secure, Path=/ and without Domain, so no subdomain can set or shadow it. */
export const SESSION_COOKIE = '__Host-candlecast_refresh';

/**
 * HttpOnly: no script reads it, so an XSS cannot take the session away. Secure: browsers send it
 * over HTTPS, and over plain HTTP to localhost only. SameSite=Strict: never sent with a request
 * another site starts.
 */
const FLAGS: CookieOptions = { httpOnly: true, secure: true, sameSite: 'strict', path: '/' };

/** The web app's refresh token, kept in a cookie instead of JavaScript (cookie mode). */
@Injectable()
export class SessionCookie {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  read(req: Request): string | undefined {
    const header = req.headers.cookie;
    return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
  }

  /**
   * Puts the refresh token in the cookie and answers the rest. A session opened with "stay
   * signed in" gets a cookie that lives as long as its refresh token; any other, a cookie the
   * browser forgets when it closes.
   */
  hand(res: Response, issued: IssuedTokens): AccessTokenDto {
    const { refresh_token: refreshToken, ...rest } = issued.pair;
    res.cookie(SESSION_COOKIE, refreshToken, issued.persistent ? { ...FLAGS, maxAge: this.config.JWT_REFRESH_TTL * 1000 } : FLAGS);
    return rest;
  }

  clear(res: Response): void {
    res.clearCookie(SESSION_COOKIE, FLAGS);
  }
}
