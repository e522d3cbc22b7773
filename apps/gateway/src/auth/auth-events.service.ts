import { Injectable } from '@nestjs/common';
import { Metrics } from '#libs/observability';

/** The security events of `candlecast_auth_events_total` (DESIGN.md, Metrics; README, Accounts and tokens). */
export const AUTH_EVENTS = ['login_failed', 'lockout', 'refresh_reuse', 'password_guess'] as const;
export type AuthEvent = (typeof AUTH_EVENTS)[number];

/** Counts security events; every series exists from the start, at 0, so that rates and alerts see the first one. */
@Injectable()
export class AuthEvents {
  constructor(private readonly metrics: Metrics) {
    for (const event of AUTH_EVENTS) metrics.authEvents.inc({ event }, 0);
  }

  count(event: AuthEvent): void {
    this.metrics.authEvents.inc({ event });
  }
}
