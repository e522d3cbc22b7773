import { describe, expect, it } from '@jest/globals';
import { describeTimeError, parseTime, type TimeError } from './time.js';

const at = (text: string) => {
  const parsed = parseTime(text);
  return parsed.ok ? parsed.date.toISOString() : parsed.error;
};

describe('parseTime', () => {
  it.each([
    ['2024-01-31', '2024-01-31T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2000-02-29', '2000-02-29T00:00:00.000Z'],
    ['2024-01-31T12:00:00Z', '2024-01-31T12:00:00.000Z'],
    ['2024-01-31T12:00Z', '2024-01-31T12:00:00.000Z'],
    ['2024-01-31 12:00:00Z', '2024-01-31T12:00:00.000Z'],
    ['2024-01-31T12:00:00.5Z', '2024-01-31T12:00:00.500Z'],
    ['2024-01-31T12:00:00.123Z', '2024-01-31T12:00:00.123Z'],
    ['2024-01-31T13:00:00+01:00', '2024-01-31T12:00:00.000Z'],
    ['2024-01-31T07:30-0430', '2024-01-31T12:00:00.000Z'],
    ['2024-01-01T00:30:00+01:00', '2023-12-31T23:30:00.000Z'],
    ['1381104000', '2013-10-07T00:00:00.000Z'],
    ['0', '1970-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.000Z'],
    ['253402300799', '9999-12-31T23:59:59.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(at(text)).toBe(iso);
  });

  it.each([
    ['2024-02-30', 'impossible'],
    ['2023-02-29', 'impossible'],
    ['1900-02-29T00:00Z', 'impossible'],
    ['2024-13-01', 'impossible'],
    ['2024-00-10', 'impossible'],
    ['2024-04-31', 'impossible'],
    ['2024-01-00', 'impossible'],
    ['2024-01-31T24:00Z', 'impossible'],
    ['2024-01-31T23:60Z', 'impossible'],
    ['2024-01-31T23:59:60Z', 'impossible'],
    ['2024-01-31T12:00+24:00', 'impossible'],
    ['2024-01-31T12:00+01:60', 'impossible'],
    ['2024-01-31T10:00', 'zone'],
    ['2024-01-31T10:00:00.000', 'zone'],
    ['1969-12-31', 'range'],
    ['1970-01-01T00:30:00+01:00', 'range'],
    ['9999-12-31T23:00:00-05:00', 'range'],
    ['253402300800', 'range'],
    ['99999999999999999999999', 'range'],
    ['yesterday', 'format'],
    ['', 'format'],
    ['-1', 'format'],
    ['+1381104000', 'format'],
    [' 1381104000', 'format'],
    ['1381104000.5', 'format'],
    ['1e9', 'format'],
    ['0x10', 'format'],
    ['10000-01-01', 'format'],
    ['+010000-01-01T00:00:00Z', 'format'],
    ['2024-1-31', 'format'],
    ['2024-01-31T12', 'format'],
    ['2024-01-31T12:00:00.1234Z', 'format'],
    ['2024-01-31T12:00:00 GMT', 'format'],
  ])('refuses %s (%s), never moving it to another day', (text, error) => {
    expect(at(text)).toBe(error);
  });

  it.each<[TimeError, RegExp]>([
    ['format', /^from must be an ISO 8601 date \(2024-01-31 or 2024-01-31T12:00:00Z\) or unix seconds$/],
    ['impossible', /^from must be a real date and time: a month from 01 to 12, a day that month has/],
    ['zone', /^from must say its time zone: end it with Z or an offset such as \+02:00/],
    ['range', /^from must be from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z$/],
  ])('describes a %s error naming the field and what is allowed', (error, message) => {
    expect(describeTimeError('from', error)).toMatch(message);
  });
});
