export * from './internal-headers.js';
