import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';
import type { AlertRuleInput, AlertRuleList, AlertRuleView } from './alert-types.ts';
import { alertKeys } from './alerts.keys.ts';

/** The caller's rules, newest first, and the per-user limit. */
export function useAlertRules() {
  return useQuery({
    queryKey: alertKeys.list(),
    queryFn: async (): Promise<AlertRuleList> => call(api.GET('/alerts')),
  });
}

/** Create (no id), replace (an id) or delete a rule; the list is read again after each. */
export function useSaveAlertRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: AlertRuleInput }): Promise<AlertRuleView> =>
      id === null ? call(api.POST('/alerts', { body: input })) : call(api.PUT('/alerts/{id}', { params: { path: { id } }, body: input })),
    onSettled: () => client.invalidateQueries({ queryKey: alertKeys.all }),
  });
}

export function useDeleteAlertRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.DELETE('/alerts/{id}', { params: { path: { id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: alertKeys.all }),
  });
}
