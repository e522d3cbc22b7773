import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';
import type { components } from '../api/schema';
import { webhookKeys } from './webhooks.keys.ts';

export type WebhookView = components['schemas']['WebhookViewDto'];
export type CreatedWebhook = components['schemas']['CreatedWebhookDto'];
export type DeliveryView = components['schemas']['DeliveryViewDto'];

export function useWebhooks() {
  return useQuery({ queryKey: webhookKeys.list(), queryFn: () => call(api.GET('/webhooks')) });
}

/** The newest deliveries of one webhook (read while open, again every few seconds while one is pending). */
export function useDeliveries(id: string) {
  return useQuery({
    queryKey: webhookKeys.deliveries(id),
    queryFn: () => call(api.GET('/webhooks/{id}/deliveries', { params: { path: { id }, query: { limit: 10 } } })),
    refetchInterval: (query) => (query.state.data?.deliveries.some((d) => d.status === 'pending') ? 3000 : false),
  });
}

export function useWebhookActions() {
  const client = useQueryClient();
  const settle = () => client.invalidateQueries({ queryKey: webhookKeys.all });
  const add = useMutation({
    mutationFn: (url: string): Promise<CreatedWebhook> => call(api.POST('/webhooks', { body: { url } })),
    onSettled: settle,
  });
  const remove = useMutation({
    mutationFn: (id: string) => call(api.DELETE('/webhooks/{id}', { params: { path: { id } } })),
    onSettled: settle,
  });
  const test = useMutation({
    mutationFn: (id: string) => call(api.POST('/webhooks/{id}/test', { params: { path: { id } } })),
    onSettled: settle,
  });
  return { add, remove, test };
}
