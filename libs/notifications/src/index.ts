export * from './notification-dispatcher.service.js';
export * from './notifications.module.js';
export * from './address-guard.js';
export * from './secret-cipher.js';
export * from './webhook-errors.js';
export * from './webhook-policy.service.js';
export * from './webhook-signature.js';
