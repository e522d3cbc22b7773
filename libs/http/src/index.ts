export * from './public.decorator.js';
export * from './validation.pipe.js';
export * from './secret.js';
