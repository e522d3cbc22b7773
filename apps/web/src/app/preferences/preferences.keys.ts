/** Query keys of the preferences (one document per user). */
export const preferencesKeys = {
  all: ['preferences'] as const,
};
