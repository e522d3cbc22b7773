import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';
import { adminKeys } from './admin.keys.ts';

/** The hyperparameters a training takes, with their ranges and defaults, and the cost budget. */
export function useHyperparameters() {
  return useQuery({
    queryKey: adminKeys.hyperparameters(),
    queryFn: () => call(api.GET('/prediction/hyperparameters')),
    staleTime: 5 * 60_000,
  });
}
