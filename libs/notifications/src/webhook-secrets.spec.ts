import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { SecretCipher, webhookKey } from './secret-cipher.js';
import { newWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature.js';

describe('webhook secrets and signatures', () => {
  const cipher = new SecretCipher('dev-only-webhook-key-change-me-0123456789abcdef');

  it('seals a secret with a fresh IV each time, opens it with the same key only, and refuses a changed one', () => {
    const secret = newWebhookSecret();
    const [a, b] = [cipher.seal(secret), cipher.seal(secret)];
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret.slice(6));
    expect(cipher.open(a)).toBe(secret);
    expect(() => new SecretCipher('another-key-of-at-least-32-characters!!').open(a)).toThrow();
    const parts = a.split(':');
    const tampered = [...parts.slice(0, 3), Buffer.from('x'.repeat(secret.length)).toString('base64url')].join(':');
    expect(() => cipher.open(tampered)).toThrow();
  });

  it('takes WEBHOOK_SECRET_KEY as 64 hex digits or base64 of 32 bytes, and any other text through SHA-256', () => {
    expect(webhookKey('ab'.repeat(32))).toEqual(Buffer.alloc(32, 0xab));
    expect(webhookKey(Buffer.alloc(32, 7).toString('base64'))).toEqual(Buffer.alloc(32, 7));
    expect(webhookKey('a passphrase of at least thirty-two characters')).toHaveLength(32);
  });

  it('signs t + "." + body with HMAC-SHA256, as a receiver checks it, and refuses a stale timestamp', () => {
    const at = new Date('2026-12-02T15:00:00Z');
    const header = signWebhook('whsec_test', '{"a":1}', at);
    const t = Math.floor(at.getTime() / 1000);
    expect(header).toBe(`t=${t},v1=${createHmac('sha256', 'whsec_test').update(`${t}.{"a":1}`).digest('hex')}`);
    expect(verifyWebhook('whsec_test', '{"a":1}', header, 300, new Date(at.getTime() + 299_000))).toBe(true);
    expect(verifyWebhook('whsec_test', '{"a":1}', header, 300, new Date(at.getTime() + 301_000))).toBe(false);
    expect(verifyWebhook('whsec_test', '{"a":2}', header, 300, at)).toBe(false);
    expect(verifyWebhook('whsec_test', '{"a":1}', 'v1=00', 300, at)).toBe(false);
  });
});
