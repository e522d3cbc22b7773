import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';
import type { components } from '../api/schema';
import { authKeys } from '../auth/auth.keys.ts';

export type UpdateMe = components['schemas']['UpdateMeDto'];

/** PUT /auth/users/me (current password required); the answer is the user as now stored. */
export function useUpdateMe() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMe) => call(api.PUT('/auth/users/me', { body })),
    onSuccess: (user) => client.setQueryData(authKeys.me(), user),
  });
}
