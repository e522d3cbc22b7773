export * from './public.decorator.js';
export * from './validation.pipe.js';
export * from './raw-input.check.js';
export * from './secret.js';
export * from './fields/email.field.js';
export * from './fields/integer.field.js';
export * from './fields/optional.field.js';
export * from './fields/time.field.js';
