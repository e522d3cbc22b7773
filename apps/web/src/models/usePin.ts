import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';
import { toast } from '../app/toasts/toasts.store.ts';
import { describeError } from '../auth/describe-error.ts';
import { pinNotice } from './model-registry.ts';
import { modelsKeys } from './models.keys.ts';

/** Admin: pin a model to serve its series, or unpin it; a toast either way, then the registry and the forecasts are read again. */
export function usePin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'pin' | 'unpin'; name: string }) =>
      call(
        action === 'pin'
          ? api.PUT('/prediction/models/{id}/pin', { params: { path: { id } } })
          : api.DELETE('/prediction/models/{id}/pin', { params: { path: { id } } }),
      ),
    onSuccess: (_, { action, name }) => {
      toast.success(pinNotice(action, name));
      void client.invalidateQueries({ queryKey: modelsKeys.all });
      // The served forecast may now come from another model.
      void client.invalidateQueries({ queryKey: ['asset'] });
    },
    onError: (error, { action, name }) => toast.error(`Could not ${action} ${name}: ${describeError(error)}`),
  });
}
