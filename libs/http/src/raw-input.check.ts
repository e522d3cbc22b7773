import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { CONTROL_CHARACTERS, hasNul } from '#libs/domain';

/** Keys that class-transformer drops silently (it skips what the object already inherits), so that the whitelist never sees them. */
const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

/** The properties whose values may hold control characters other than NUL: passwords stored under an older policy. */
const TOLERANT = new WeakMap<object, Set<string>>();

/**
 * This string property may hold C0 control characters (a tab, say), though never NUL: for the
 * passwords checked at login and at a password change, which an older policy allowed.
 */
export function ToleratesControlCharacters(): PropertyDecorator {
  return (target, propertyName) => {
    const properties = TOLERANT.get(target.constructor) ?? new Set<string>();
    properties.add(propertyName as string);
    TOLERANT.set(target.constructor, properties);
  };
}

function tolerates(dto: unknown, property: string): boolean {
  for (let type = dto; typeof type === 'function' && type !== Function.prototype; type = Object.getPrototypeOf(type) as unknown) {
    if (TOLERANT.get(type)?.has(property)) return true;
  }
  return false;
}

const child = (path: string, key: string) => (path ? `${path}.${key}` : key);
const unknown = (path: string) => new BadRequestException(`property ${path} should not exist`);

/**
 * Checks a body, query or path as it arrived, before class-transformer sees it: a key named after
 * a member of Object.prototype (`__proto__`, `constructor`, `toString`, ...), at any depth, is refused
 * like any unknown field, and so is a key with a control character; a string with a C0 control
 * character or DEL is refused naming its field, so that none reaches Postgres (where a NUL in a
 * text parameter fails the query). Walks without recursion, so that no depth of nesting can
 * overflow the stack.
 */
export function checkRawInput(value: unknown, metadata: ArgumentMetadata): void {
  if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') return;
  const pending: [string, unknown][] = [[metadata.data ?? '', value]];
  while (pending.length) {
    const [path, item] = pending.pop()!;
    if (typeof item === 'string') {
      if (!CONTROL_CHARACTERS.test(item)) continue;
      if (!tolerates(metadata.metatype, path)) {
        throw new BadRequestException(`${path || 'the value'} must not contain control characters (U+0000 to U+001F or U+007F)`);
      }
      if (hasNul(item)) throw new BadRequestException(`${path} must not contain the NUL character (U+0000)`);
    } else if (Array.isArray(item)) {
      item.forEach((element, i) => pending.push([`${path}[${i}]`, element]));
    } else if (typeof item === 'object' && item !== null) {
      for (const key of Object.keys(item)) {
        if (PROTOTYPE_KEYS.has(key)) throw unknown(child(path, key));
        if (CONTROL_CHARACTERS.test(key)) throw unknown(child(path, JSON.stringify(key)));
        pending.push([child(path, key), (item as Record<string, unknown>)[key]]);
      }
    }
  }
}
