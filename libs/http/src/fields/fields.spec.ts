import { describe, expect, it } from '@jest/globals';
import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { IsIn } from 'class-validator';
import { validationPipe } from '../validation.pipe.js';
import { EmailField } from './email.field.js';
import { QueryIntegerField } from './integer.field.js';
import { Absent, Optional } from './optional.field.js';
import { TimeField } from './time.field.js';

class PageQuery {
  @QueryIntegerField('limit', { min: 1, max: 100, default: 10 })
  limit: number = 10;

  @QueryIntegerField('offset', { min: 0, max: 1000 })
  offset?: number;

  @QueryIntegerField('shift', { min: -5, max: 5 })
  shift?: number;

  @TimeField('from', 'The start')
  from?: Date;
}

class Order {
  @Optional()
  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order: string = 'asc';

  @Absent('role cannot be chosen here')
  role?: never;
}

class Contact {
  @EmailField()
  email?: string | null;
}

const asQuery = { type: 'query', metatype: PageQuery, data: '' } as const satisfies ArgumentMetadata;
const asBody = { type: 'body', metatype: Order, data: '' } as const satisfies ArgumentMetadata;
const refusal = (message: string) => new BadRequestException(message);

describe('shared request fields', () => {
  const pipe = validationPipe();

  it('reads whole numbers written in plain decimal digits', async () => {
    await expect(pipe.transform({ limit: '20', offset: '0', shift: '-3' }, asQuery)).resolves.toEqual({ limit: 20, offset: 0, shift: -3 });
    await expect(pipe.transform({}, asQuery)).resolves.toEqual({ limit: 10 });
  });

  it.each(['0x10', '1e1', '+1', ' 1', '1.0', '', 'ten', '-1'])('refuses limit=%j, naming the field and its range', async (limit) => {
    await expect(pipe.transform({ limit }, asQuery)).rejects.toThrow(refusal('limit must be a whole number from 1 to 100'));
  });

  it.each(['9223372036854775807', '1001', '1'.repeat(400)])('refuses offset=%s out of its range', async (offset) => {
    await expect(pipe.transform({ offset }, asQuery)).rejects.toThrow(refusal('offset must be a whole number from 0 to 1000'));
  });

  it('refuses a minus where negatives are allowed but out of range, and a repeated parameter', async () => {
    await expect(pipe.transform({ shift: '-6' }, asQuery)).rejects.toThrow(refusal('shift must be a whole number from -5 to 5'));
    await expect(pipe.transform({ limit: ['1', '2'] }, asQuery)).rejects.toThrow(refusal('limit must be a whole number from 1 to 100'));
  });

  it('reads times with libs/domain parseTime and says what was wrong with one it refuses', async () => {
    await expect(pipe.transform({ from: '2024-01-31' }, asQuery)).resolves.toEqual({ limit: 10, from: new Date('2024-01-31T00:00:00Z') });
    await expect(pipe.transform({ from: '2024-02-30' }, asQuery)).rejects.toThrow(/^from must be a real date and time/);
    await expect(pipe.transform({ from: '2024-01-31T10:00' }, asQuery)).rejects.toThrow(/^from must say its time zone/);
    await expect(pipe.transform({ from: '10000000000000' }, asQuery)).rejects.toThrow(
      refusal('from must be from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z'),
    );
    await expect(pipe.transform({ from: 'soon' }, asQuery)).rejects.toThrow(/^from must be an ISO 8601 date/);
  });

  it('lets an optional field be left out, but refuses it as null', async () => {
    await expect(pipe.transform({}, asBody)).resolves.toEqual({ order: 'asc' });
    await expect(pipe.transform({ order: null }, asBody)).rejects.toThrow(refusal('order must be asc or desc'));
  });

  it('refuses a field that must be absent even as null', async () => {
    await expect(pipe.transform({ role: null }, asBody)).rejects.toThrow(refusal('role cannot be chosen here'));
    await expect(pipe.transform({ role: 'admin' }, asBody)).rejects.toThrow(refusal('role cannot be chosen here'));
  });

  it.each(['satoshi@example.com', 'satoshi+candles@bücher.example', null])('takes the email %j', async (email) => {
    await expect(pipe.transform({ email }, { type: 'body', metatype: Contact, data: '' })).resolves.toEqual({ email });
  });

  it.each([
    'not-an-email',
    'Satoshi <satoshi@example.com>',
    '"satoshi nakamoto"@example.com',
    'satoshi@[127.0.0.1]',
    'satoshi@localhost',
    'sato..shi@example.com',
    'satoshi\u200B@example.com',
    'satoshi@exam\u200Dple.com',
    'satoshi@\u202Emoc.elpmaxe',
    'såtoshi@example.com',
    `${'s'.repeat(64)}@${'e'.repeat(63)}.${'x'.repeat(63)}.${'y'.repeat(60)}.com`,
  ])('refuses the email %j, naming the field', async (email) => {
    await expect(pipe.transform({ email }, { type: 'body', metatype: Contact, data: '' })).rejects.toThrow(
      refusal('email must be an email address such as satoshi@example.com, at most 254 characters'),
    );
  });
});
