import type { UserRole } from '#libs/database';

/** The caller, as the guards found them in Postgres for this request. */
export interface AuthUser {
  id: string;
  username: string;
  role: UserRole;
  /** The login session (refresh-token family) the access token belongs to. */
  sessionId: string;
  /** The access token's `ver` (the user's token version when it was issued) and `exp` (unix seconds). */
  tokenVersion: number;
  expiresAt: number;
}
