export * from './audit.js';
export * from './errors.js';
export * from './events.js';
export * from './panel.js';
export * from './resources.js';
export * from './roles.js';
export * from './subscriptions.js';
export * from './totals.js';
