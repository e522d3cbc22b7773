import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy* waits this long for what a page shows after loading its lazy code and data.
configure({ asyncUtilTimeout: 5000 });

// Vitest runs without globals, so Testing Library cannot unmount by itself between tests.
afterEach(() => {
  cleanup();
  localStorage.clear();
});
