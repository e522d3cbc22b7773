export * from './notification-dispatcher.service.js';
export * from './notifications.module.js';
