import type { ValueTransformer } from 'typeorm';
import { intervalCode, intervalMinutes, type IntervalCode } from '#libs/domain';

/**
 * An `interval int` column (Kraken's minutes, as SQL keeps them) read and written as an
 * `IntervalCode`: the one place where an entity's interval changes unit.
 */
export const INTERVAL_COLUMN: ValueTransformer = {
  to: (code: IntervalCode | null | undefined) => (code == null ? code : intervalMinutes(code)),
  from: (minutes: number | null) => (minutes === null ? null : intervalCode(minutes)),
};
