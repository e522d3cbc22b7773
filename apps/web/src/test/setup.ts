import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy* waits this long for what a page shows after loading its lazy code and data.
configure({ asyncUtilTimeout: 5000 });

// Vitest runs without globals, so Testing Library cannot unmount by itself between tests.
afterEach(() => {
  cleanup();
  localStorage.clear();
});

// The API client uses relative URLs, as the page does; Node's Request (undici) does not resolve them
// against jsdom's location, so component tests give it the page's base.
const NodeRequest = globalThis.Request;
globalThis.Request = class extends NodeRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === 'string' ? new URL(input, window.location.href) : input, init);
  }
} as typeof Request;
