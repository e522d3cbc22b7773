import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { AppRoutes } from '../app/App.tsx';
import { AppProviders } from '../app/AppProviders.tsx';
import { AppShell } from '../app/AppShell.tsx';

/** The whole app at `path`, with a location the spec can read (`location.history`). */
export function renderApp(path: string) {
  const location = memoryLocation({ path, record: true });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <Router hook={location.hook} searchHook={location.searchHook}>
      <AppProviders client={client}>
        <AppShell>
          <AppRoutes />
        </AppShell>
      </AppProviders>
    </Router>,
  );
  return { ...view, location };
}

/** Where the memory location is now, path and query. */
export function currentPath(location: ReturnType<typeof memoryLocation>): string {
  return location.history.at(-1) ?? '';
}
