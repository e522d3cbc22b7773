/** Query keys of the watchlist (one list per user). */
export const watchlistKeys = {
  all: ['watchlist'] as const,
};
