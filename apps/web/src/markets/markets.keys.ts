/** Query keys of the markets feature (the asset page shares `assets()` for the list). */
export const marketsKeys = {
  all: ['markets'] as const,
  assets: () => [...marketsKeys.all, 'assets'] as const,
  overview: (query: object) => [...marketsKeys.all, 'overview', query] as const,
};
