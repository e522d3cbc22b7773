import { describe, expect, it } from '@jest/globals';
import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, ValidateNested } from 'class-validator';
import { Optional } from './fields/optional.field.js';
import { ToleratesControlCharacters } from './raw-input.check.js';
import { validationPipe } from './validation.pipe.js';

class Settings {
  @Optional()
  @IsInt({ message: 'settings.units must be a whole number' })
  units?: number;
}

class Credentials {
  @IsString({ message: 'username must be a string' })
  username!: string;

  @IsString({ message: 'password must be a string' })
  @ToleratesControlCharacters()
  password!: string;

  @Optional()
  @ValidateNested()
  @Type(() => Settings)
  settings?: Settings;
}

class Search {
  @Optional()
  @IsString({ message: 'q must be a string' })
  q?: string;
}

const body = { type: 'body', metatype: Credentials, data: '' } as const satisfies ArgumentMetadata;
const query = { type: 'query', metatype: Search, data: '' } as const satisfies ArgumentMetadata;
const refusal = (message: string) => new BadRequestException(message);

describe('the validation pipe, on input as it arrived', () => {
  const pipe = validationPipe();

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'toLocaleString'])(
    'refuses a body key named %s like any unknown field, where class-transformer would drop it',
    async (key) => {
      const raw = JSON.parse(`{"username":"a","password":"b","${key}":{"admin":true}}`) as object;
      await expect(pipe.transform(raw, body)).rejects.toThrow(refusal(`property ${key} should not exist`));
    },
  );

  it('refuses a prototype key nested in an object or an array, naming its path', async () => {
    const nested = JSON.parse('{"username":"a","password":"b","settings":{"__proto__":{"units":1}}}') as object;
    await expect(pipe.transform(nested, body)).rejects.toThrow(refusal('property settings.__proto__ should not exist'));
    const inArray = JSON.parse('{"username":"a","password":"b","settings":[{"constructor":1}]}') as object;
    await expect(pipe.transform(inArray, body)).rejects.toThrow(refusal('property settings[0].constructor should not exist'));
  });

  it('refuses a query key named after Object.prototype, as Express parses it (an own key of a null-prototype object)', async () => {
    const raw = Object.assign(Object.create(null) as object, { q: 'x', toString: 'y' });
    await expect(pipe.transform(raw, query)).rejects.toThrow(refusal('property toString should not exist'));
    const proto = Object.create(null) as Record<string, string>;
    Object.defineProperty(proto, '__proto__', { value: '1', enumerable: true });
    await expect(pipe.transform(proto, query)).rejects.toThrow(refusal('property __proto__ should not exist'));
  });

  it.each(['\u0000', '\u0001', '\t', '\n', '\u001F', '\u007F'])('refuses %j in a string field, naming it', async (c) => {
    await expect(pipe.transform({ username: `sa${c}toshi`, password: 'p' }, body)).rejects.toThrow(
      refusal('username must not contain control characters (U+0000 to U+001F or U+007F)'),
    );
    await expect(pipe.transform({ q: `x${c}` }, query)).rejects.toThrow(
      refusal('q must not contain control characters (U+0000 to U+001F or U+007F)'),
    );
  });

  it('refuses a control character in a path parameter, naming it', async () => {
    await expect(pipe.transform('BTC\u0000', { type: 'param', metatype: String, data: 'symbol' })).rejects.toThrow(
      refusal('symbol must not contain control characters (U+0000 to U+001F or U+007F)'),
    );
  });

  it('refuses a control character in a key or in a nested string, naming where', async () => {
    await expect(pipe.transform({ username: 'a', password: 'b', 'x\u0000': 1 }, body)).rejects.toThrow(
      refusal('property "x\\u0000" should not exist'),
    );
    await expect(pipe.transform({ username: 'a', password: 'b', settings: { units: ['1', 'x\u0007'] } }, body)).rejects.toThrow(
      refusal('settings.units[1] must not contain control characters (U+0000 to U+001F or U+007F)'),
    );
  });

  it('lets a field that tolerates control characters hold a tab, but never NUL', async () => {
    await expect(pipe.transform({ username: 'a', password: 'tab\there' }, body)).resolves.toEqual({ username: 'a', password: 'tab\there' });
    await expect(pipe.transform({ username: 'a', password: 'nul\u0000' }, body)).rejects.toThrow(
      refusal('password must not contain the NUL character (U+0000)'),
    );
  });

  it('walks a deeply nested body without overflowing the stack', async () => {
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    await expect(pipe.transform({ username: 'a', password: 'b', settings: deep }, body)).rejects.toThrow(
      /must not contain control characters/,
    );
  });

  it('keeps refusing a bad query after a good one was remembered', async () => {
    await expect(pipe.transform({ q: 'x' }, query)).resolves.toEqual({ q: 'x' });
    await expect(pipe.transform({ q: 'x\u0000' }, query)).rejects.toThrow(/q must not contain control characters/);
  });
});
