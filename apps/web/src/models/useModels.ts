import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';
import type { ModelFilters } from './model-filters.ts';
import { modelsKeys } from './models.keys.ts';

/** The registry (GET /prediction/models), filtered by the API. */
export function useModels(filters: ModelFilters) {
  return useQuery({
    queryKey: modelsKeys.list(filters),
    queryFn: () => call(api.GET('/prediction/models', { params: { query: filters } })),
  });
}
