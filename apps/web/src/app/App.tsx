import { Suspense } from 'react';
import { Redirect, Route, Switch } from 'wouter';
import { AppProviders } from './AppProviders.tsx';
import { AppShell } from './AppShell.tsx';
import { Guard, Loading } from './Guard.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { ROUTES } from './routes.ts';

export function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Switch>
        <Route path="/">
          <Redirect to="/markets" replace />
        </Route>
        {ROUTES.map(({ path, access, page: Page }) => (
          <Route key={path} path={path}>
            <Guard access={access}>
              <Page />
            </Guard>
          </Route>
        ))}
        <Route>
          <NotFoundPage />
        </Route>
      </Switch>
    </Suspense>
  );
}

export function App() {
  return (
    <AppProviders>
      <AppShell>
        <AppRoutes />
      </AppShell>
    </AppProviders>
  );
}
