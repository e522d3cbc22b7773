import { Injectable } from '@nestjs/common';
import { PreferencesRepository } from '#libs/database';
import { DEFAULT_PREFERENCES, intervalsProblem, normalizeSymbol, THEMES, TIMEZONES, type UserPreferences } from '#libs/domain';
import type { PreferencesDto } from './dto/preferences.dto.js';

/** Each user's preferences: the defaults until they save some; a stored field that no longer fits falls back to its default. */
@Injectable()
export class PreferencesService {
  constructor(private readonly preferences: PreferencesRepository) {}

  async get(userId: string): Promise<UserPreferences> {
    return withDefaults(await this.preferences.find(userId));
  }

  async put(userId: string, dto: PreferencesDto): Promise<UserPreferences> {
    const intervals = Object.fromEntries(
      Object.entries(dto.intervals ?? {}).map(([symbol, interval]) => [normalizeSymbol(symbol), interval]),
    );
    const saved: UserPreferences = {
      theme: dto.theme ?? DEFAULT_PREFERENCES.theme,
      timezone: dto.timezone ?? DEFAULT_PREFERENCES.timezone,
      swapColors: dto.swapColors ?? DEFAULT_PREFERENCES.swapColors,
      intervals,
    };
    await this.preferences.save(userId, saved);
    return saved;
  }
}

function withDefaults(stored: Record<string, unknown> | null): UserPreferences {
  const value = stored ?? {};
  return {
    theme: THEMES.includes(value.theme as UserPreferences['theme']) ? (value.theme as UserPreferences['theme']) : DEFAULT_PREFERENCES.theme,
    timezone: TIMEZONES.includes(value.timezone as UserPreferences['timezone'])
      ? (value.timezone as UserPreferences['timezone'])
      : DEFAULT_PREFERENCES.timezone,
    swapColors: typeof value.swapColors === 'boolean' ? value.swapColors : DEFAULT_PREFERENCES.swapColors,
    intervals: intervalsProblem(value.intervals) === null ? (value.intervals as UserPreferences['intervals']) : {},
  };
}
