import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingHttpHeaders } from 'node:http';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { USER_ROLES, type UserRole } from '#libs/database';
import { IS_PUBLIC, secretCheck } from '#libs/http';
import { REQUEST_ID_PATTERN } from '#libs/observability';
import { INTERNAL_HEADERS } from '#libs/prediction-api';
import type { Caller, RequestWithCaller } from './caller.js';

const USER_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Applied to every route: the request must carry INTERNAL_API_TOKEN in x-internal-token, from
 * any address, localhost included. The two are compared as SHA-256 digests with timingSafeEqual,
 * so that neither the comparison's time nor a length mismatch tells anything about the token.
 *
 * The exceptions are GET /health (@Public()): process supervisors, `npm start` and orchestrators
 * probe it without credentials, it answers only "Postgres and Redis are up" with no data; and
 * GET /metrics, which Prometheus reads with METRICS_TOKEN instead. The service listens on
 * 127.0.0.1 by default (Docker: an internal network). Everything that reads data or enqueues work needs the token.
 */
@Injectable()
export class InternalTokenGuard implements CanActivate {
  private readonly isInternalToken: (given: string) => boolean;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.isInternalToken = secretCheck(config.INTERNAL_API_TOKEN);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<RequestWithCaller & { headers: IncomingHttpHeaders }>();
    const given = request.headers[INTERNAL_HEADERS.token];
    if (typeof given !== 'string' || given === '') {
      throw new UnauthorizedException(`This service answers only the gateway: send the internal token in ${INTERNAL_HEADERS.token}`);
    }
    if (!this.isInternalToken(given)) throw new UnauthorizedException('Invalid internal token');
    request.caller = callerFrom(request.headers);
    return true;
  }
}

function callerFrom(headers: IncomingHttpHeaders): Caller {
  const header = (name: string) => (typeof headers[name] === 'string' ? (headers[name] as string) : null);
  const userId = header(INTERNAL_HEADERS.userId);
  const role = header(INTERNAL_HEADERS.userRole);
  const requestId = header(INTERNAL_HEADERS.requestId);
  return {
    userId: userId && USER_ID_PATTERN.test(userId) ? userId : null,
    role: role && USER_ROLES.includes(role as UserRole) ? (role as UserRole) : null,
    requestId: requestId && REQUEST_ID_PATTERN.test(requestId) ? requestId : null,
  };
}
