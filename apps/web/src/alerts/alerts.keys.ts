/** Query keys of the alert rules (the caller's list; the editor filters it by asset). */
export const alertKeys = {
  all: ['alerts'] as const,
  list: () => [...alertKeys.all, 'list'] as const,
};
