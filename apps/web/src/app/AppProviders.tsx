import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { authHooks } from '../api/client.ts';
import { createQueryClient } from '../api/query-client.ts';
import { authKeys } from '../auth/auth.keys.ts';
import { SessionEffects } from '../auth/SessionEffects.tsx';
import { NotificationEffects } from '../notifications/NotificationEffects.tsx';
import { ThemeProvider } from './theme/ThemeProvider.tsx';

/** Everything a page may rely on: server state, theme, the session's side effects. */
export function AppProviders({ children, client }: { children: ReactNode; client?: QueryClient }) {
  const [queryClient] = useState(() => {
    const created = client ?? createQueryClient();
    authHooks.onForbidden = () => void created.invalidateQueries({ queryKey: authKeys.me() });
    return created;
  });
  return (
    <QueryClientProvider client={queryClient}>
      <ThemeProvider>
        <SessionEffects />
        <NotificationEffects />
        {children}
      </ThemeProvider>
    </QueryClientProvider>
  );
}
