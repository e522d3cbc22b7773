import { describe, expect, it } from '@jest/globals';
import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { validationPipe } from './validation.pipe.js';

class PageQuery {
  @IsIn(['1h', '1d'], { message: 'interval must be 1h or 1d' })
  interval!: string;

  @IsOptional()
  @Type(() => Number)
  @Min(1, { message: 'limit must be at least 1' })
  @Max(100, { message: 'limit must be at most 100' })
  @IsInt({ message: 'limit must be a whole number' })
  limit?: number;
}

const asQuery = { type: 'query', metatype: PageQuery, data: '' } as const;

describe('validationPipe', () => {
  it('makes the same DTO from a query string it has seen before, as a new object each time', async () => {
    const pipe = validationPipe();
    const first = (await pipe.transform({ interval: '1h', limit: '20' }, asQuery)) as PageQuery;
    const second = (await pipe.transform({ interval: '1h', limit: '20' }, asQuery)) as PageQuery;

    expect(first).toBeInstanceOf(PageQuery);
    expect(second).toBeInstanceOf(PageQuery);
    expect(second).toEqual({ interval: '1h', limit: 20 });
    expect(second).not.toBe(first);
    first.limit = 99;
    expect(((await pipe.transform({ interval: '1h', limit: '20' }, asQuery)) as PageQuery).limit).toBe(20);
  });

  it('tells queries apart by every value', async () => {
    const pipe = validationPipe();
    await pipe.transform({ interval: '1h', limit: '20' }, asQuery);

    await expect(pipe.transform({ interval: '1d', limit: '20' }, asQuery)).resolves.toEqual({ interval: '1d', limit: 20 });
    await expect(pipe.transform({ interval: '1h', limit: '21' }, asQuery)).resolves.toEqual({ interval: '1h', limit: 21 });
    await expect(pipe.transform({ interval: '1h' }, asQuery)).resolves.toEqual({ interval: '1h' });
  });

  it('refuses bad input every time, naming what is wrong, however often a good query came before', async () => {
    const pipe = validationPipe();
    await pipe.transform({ interval: '1h', limit: '20' }, asQuery);

    for (let i = 0; i < 2; i++) {
      await expect(pipe.transform({ interval: '1h', limit: '0' }, asQuery)).rejects.toThrow(
        new BadRequestException('limit must be at least 1'),
      );
      await expect(pipe.transform({ interval: '1h', limit: '20', extra: 'x' }, asQuery)).rejects.toThrow(/property extra should not exist/);
    }
  });

  it('validates bodies as before', async () => {
    const pipe = validationPipe();
    await expect(pipe.transform({ interval: '1d', limit: 5 }, { type: 'body', metatype: PageQuery, data: '' })).resolves.toEqual({
      interval: '1d',
      limit: 5,
    });
    await expect(pipe.transform({ interval: '5m' }, { type: 'body', metatype: PageQuery, data: '' })).rejects.toThrow(
      new BadRequestException('interval must be 1h or 1d'),
    );
  });
});
