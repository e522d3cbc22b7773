import { createHmac } from 'node:crypto';

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT built by hand, to forge the tokens an attacker would try. */
export function forgeJwt(header: object, payload: object, secret?: string, algorithm = 'sha256'): string {
  const unsigned = `${part(header)}.${part(payload)}`;
  const signature = secret ? createHmac(algorithm, secret).update(unsigned).digest('base64url') : '';
  return `${unsigned}.${signature}`;
}

export function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

/** The same token with its payload changed and its signature kept. */
export function tamper(token: string, changes: object): string {
  const [header, , signature] = token.split('.');
  return `${header}.${part({ ...decodeJwt(token), ...changes })}.${signature}`;
}
