export * from './public.decorator.js';
export * from './validation.pipe.js';
