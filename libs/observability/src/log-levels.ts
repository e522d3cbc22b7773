import type { LogLevel } from '@nestjs/common';
import type { AppConfig } from '#libs/config';

const ORDER: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
const NEST_NAME: Record<AppConfig['LOG_LEVEL'], LogLevel> = { fatal: 'fatal', error: 'error', warn: 'warn', info: 'log', debug: 'debug', verbose: 'verbose' };

/** Nest's logger levels for LOG_LEVEL: that level and everything more severe. */
export function nestLogLevels(level: AppConfig['LOG_LEVEL']): LogLevel[] {
  return ORDER.slice(0, ORDER.indexOf(NEST_NAME[level]) + 1);
}
