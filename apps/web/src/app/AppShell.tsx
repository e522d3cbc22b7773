import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { Toasts } from './toasts/Toasts.tsx';
import { MainNav } from './MainNav.tsx';
import { PreferencesControls } from './preferences/PreferencesControls.tsx';

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell-header">
        <Link href="/markets" className="brand">
          Candlecast
        </Link>
        <MainNav />
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="shell-footer">
        <PreferencesControls />
        <p>
          Charts by{' '}
          <a href="https://www.tradingview.com/" rel="noopener noreferrer" target="_blank">
            TradingView Lightweight Charts™
          </a>
        </p>
      </footer>
      <Toasts />
    </div>
  );
}
