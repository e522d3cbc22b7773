import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { IS_PUBLIC } from '#libs/http';
import type { AuthUser } from '../auth-user.js';
import { JwtStrategy } from '../jwt.strategy.js';
import { isWebClient } from '../web-session/web-client.js';
import { COOKIE_AUTHENTICATES } from '../web-session/web-session.decorator.js';

/**
 * Applied to every route: a valid access token is required unless the route is @Public(), or
 * @CookieAuthenticates() and the request in cookie mode.
 * Passport checks a token the first time it is seen; after that, until it expires, only whether
 * its user and session still hold (JwtStrategy.known), which spares the hot routes Passport's work.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly strategy: JwtStrategy,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    // Such a route reads the session cookie in cookie mode, and never an access token there (one
    // that expired must not keep a tab from signing out). No route takes an access token from a cookie.
    if (this.reflector.getAllAndOverride<boolean>(COOKIE_AUTHENTICATES, [context.getHandler()]) && isWebClient(req)) return true;
    const known = this.strategy.known(req);
    if (!known) return super.canActivate(context) as Promise<boolean>;
    req.user = await known;
    return true;
  }

  override handleRequest<T>(error: unknown, user: T, info: unknown): T {
    if (user) return user;
    // A token refused by JwtStrategy, or a failure to check it (Postgres down): the latter is the
    // server's trouble, never a 401 that tells the caller to throw a valid session away.
    if (error) throw error instanceof Error ? error : new Error(String(error));
    const reason = info instanceof Error ? info : undefined;
    if (reason?.name === 'TokenExpiredError')
      throw new UnauthorizedException('The access token has expired: get a new one with POST /auth/refresh');
    if (reason?.message === 'No auth token') throw new UnauthorizedException('Log in first: send Authorization: Bearer <access_token>');
    throw new UnauthorizedException('Invalid access token');
  }
}
