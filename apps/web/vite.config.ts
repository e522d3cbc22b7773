/**
 * The web app's build, dev server and unit tests.
 *
 * `npm run dev:web` serves the app on :5173 and forwards every API prefix to the gateway, so that
 * the browser sees one origin and the refresh cookie (SameSite=Strict, `__Host-`) passes as it does
 * in production. GATEWAY_URL points it at another gateway (default http://localhost:3000; keep the
 * name `localhost`: browsers drop Secure cookies on plain HTTP under any other name).
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
// The gateway's own list (which it refuses to answer with the app's page): one list for both.
import { API_PREFIXES } from '../gateway/src/web-app/api-prefixes.ts';

const gateway = process.env.GATEWAY_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', assetsDir: 'static', emptyOutDir: true },
  server: {
    port: 5173,
    strictPort: true,
    // The gateway sees the browser's own Host, Origin and Sec-Fetch-Site, as behind a reverse proxy.
    proxy: Object.fromEntries(API_PREFIXES.map((prefix) => [prefix, { target: gateway, changeOrigin: false, ws: true }])),
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
    // Two cores shared by many: the first render of a file loads the lazy pages.
    testTimeout: 20_000,
  },
});
