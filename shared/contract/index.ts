export * from './errors';
export * from './session';
export * from './members';
export * from './outbox';
export * from './sync';
export * from './commands';
export * from './events';
export * from './api';
