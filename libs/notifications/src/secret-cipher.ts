import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

/**
 * The 32-byte key WEBHOOK_SECRET_KEY stands for: 64 hex digits or base64 of 32 bytes as they are;
 * any other text (the development default) through SHA-256, so that every accepted value is a key.
 */
export function webhookKey(text: string): Buffer {
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  const base64 = /^[A-Za-z0-9+/_-]{43}=?$/.test(text) ? Buffer.from(text, 'base64') : undefined;
  if (base64?.length === 32) return base64;
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Keeps each webhook's signing secret encrypted at rest (AES-256-GCM, a fresh IV each time): the
 * column holds `v1:<iv>:<tag>:<ciphertext>` in base64url, and a row changed in the database fails
 * to open rather than signing with a secret nobody chose.
 */
export class SecretCipher {
  private readonly key: Buffer;

  constructor(keyText: string) {
    this.key = webhookKey(keyText);
  }

  seal(secret: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const text = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), text].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join(':');
  }

  open(sealed: string): string {
    const [version, iv, tag, text] = sealed.split(':');
    if (version !== VERSION || iv === undefined || tag === undefined || text === undefined) throw new Error('not a sealed webhook secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(text, 'base64url')), decipher.final()]).toString('utf8');
  }
}
