import type { ModelFilters } from './model-filters.ts';

/** Query keys of the models feature. */
export const modelsKeys = {
  all: ['models'] as const,
  lists: () => [...modelsKeys.all, 'list'] as const,
  list: (filters: ModelFilters) => [...modelsKeys.lists(), filters] as const,
};
