/** Query keys of the caller's webhooks and each one's deliveries. */
export const webhookKeys = {
  all: ['webhooks'] as const,
  list: () => [...webhookKeys.all, 'list'] as const,
  deliveries: (id: string) => [...webhookKeys.all, id, 'deliveries'] as const,
};
