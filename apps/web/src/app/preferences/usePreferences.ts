import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { api, call } from '../../api/client.ts';
import { describeError } from '../../auth/describe-error.ts';
import { useSession } from '../../auth/useSession.ts';
import { toast } from '../toasts/toasts.store.ts';
import { preferencesKeys } from './preferences.keys.ts';
import { parsePreferences, preferences as localCopy, preferencesToMove, type Preferences } from './preferences.store.ts';

const asPreferences = (value: unknown): Preferences => parsePreferences(JSON.stringify(value));

/**
 * The server's preferences; on the first answer in this browser, the ones kept here before step 10
 * are moved to the server if it has none. Each answer is copied for the next page's first paint.
 */
async function readPreferences(): Promise<Preferences> {
  let server = asPreferences(await call(api.GET('/preferences')));
  const move = preferencesToMove(server, localCopy.get(), localCopy.settleMove());
  if (move) server = asPreferences(await call(api.PUT('/preferences', { body: move })));
  localCopy.remember(server);
  return server;
}

function usePreferencesQuery() {
  const { status } = useSession();
  return useQuery({ queryKey: preferencesKeys.all, queryFn: readPreferences, enabled: status === 'signed-in', staleTime: 60_000 });
}

/**
 * The preferences: the server's once signed in and answered; before that (signing in, loading, signed
 * out) this browser's copy of the last answer, so the theme does not flash.
 */
export function usePreferences(): Preferences {
  const local = useSyncExternalStore(localCopy.subscribe, localCopy.get);
  const { status } = useSession();
  const { data } = usePreferencesQuery();
  return status === 'signed-in' && data ? data : local;
}

/**
 * `set({ theme: 'dark' })`: shown at once, then saved (PUT, the whole document, one save after another);
 * a refused save puts back what the server had. Signed out, only this browser keeps it.
 */
export function useSetPreferences(): (change: Partial<Preferences>) => void {
  const client = useQueryClient();
  const { status } = useSession();
  const save = useMutation({
    mutationKey: preferencesKeys.all,
    scope: { id: 'preferences' },
    mutationFn: (next: Preferences) => call(api.PUT('/preferences', { body: next })),
    onMutate: async (next) => {
      await client.cancelQueries({ queryKey: preferencesKeys.all });
      const previous = client.getQueryData<Preferences>(preferencesKeys.all);
      client.setQueryData(preferencesKeys.all, next);
      localCopy.remember(next);
      return { previous };
    },
    onError: (error, _next, context) => {
      if (context?.previous) {
        client.setQueryData(preferencesKeys.all, context.previous);
        localCopy.remember(context.previous);
      }
      toast.error(`Preferences not saved: ${describeError(error)}`);
    },
    onSuccess: (saved) => {
      // A later change already shown stays until its own answer.
      if (client.isMutating({ mutationKey: preferencesKeys.all }) <= 1) client.setQueryData(preferencesKeys.all, asPreferences(saved));
    },
  });
  const { mutate } = save;
  return useCallback(
    (change: Partial<Preferences>) => {
      const current = (status === 'signed-in' && client.getQueryData<Preferences>(preferencesKeys.all)) || localCopy.get();
      const next = { ...current, ...change };
      if (status === 'signed-in') mutate(next);
      else localCopy.update(next);
    },
    [client, status, mutate],
  );
}
