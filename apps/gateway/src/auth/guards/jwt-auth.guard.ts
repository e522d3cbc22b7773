import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { IS_PUBLIC } from '#libs/http';

/** Applied to every route: a valid access token is required unless the route is @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    return isPublic || super.canActivate(context);
  }

  override handleRequest<T>(error: unknown, user: T, info: unknown): T {
    if (user) return user;
    // A token refused by JwtStrategy, or a failure to check it (Postgres down): the latter is the
    // server's trouble, never a 401 that tells the caller to throw a valid session away.
    if (error) throw error;
    const reason = info instanceof Error ? info : undefined;
    if (reason?.name === 'TokenExpiredError') throw new UnauthorizedException('The access token has expired: get a new one with POST /auth/refresh');
    if (reason?.message === 'No auth token') throw new UnauthorizedException('Log in first: send Authorization: Bearer <access_token>');
    throw new UnauthorizedException('Invalid access token');
  }
}
