import { describe, expect, it } from 'vitest';
import gatewayPolicy from '../../../gateway/src/auth/password.policy.ts?raw';
import { PASSWORD_DISTINCT, PASSWORD_MAX, PASSWORD_MIN } from './password-policy.ts';

describe('the password policy shown before typing', () => {
  it('is the gateway’s (apps/gateway/src/auth/password.policy.ts)', () => {
    expect(gatewayPolicy).toContain(`PASSWORD_LENGTH = { min: ${PASSWORD_MIN}, max: ${PASSWORD_MAX} }`);
    expect(gatewayPolicy).toContain(`PASSWORD_DISTINCT = ${PASSWORD_DISTINCT};`);
  });
});
