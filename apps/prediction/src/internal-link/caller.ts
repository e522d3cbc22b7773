import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { UserRole } from '#libs/database';

/**
 * Who asked, as the gateway vouches for it: read from x-user-id, x-user-role and x-request-id,
 * and only from a request that carried the internal token. Each is null when absent or malformed.
 */
export interface Caller {
  userId: string | null;
  role: UserRole | null;
  requestId: string | null;
}

export type RequestWithCaller = { caller?: Caller };

/** The caller of this request (set by InternalTokenGuard). */
export const CurrentCaller = createParamDecorator(
  (_: unknown, context: ExecutionContext): Caller =>
    context.switchToHttp().getRequest<RequestWithCaller>().caller ?? { userId: null, role: null, requestId: null },
);
