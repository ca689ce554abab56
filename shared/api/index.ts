export * from './common';
export * from './problem';
export * from './roles';
export * from './auth';
export * from './members';
export * from './invitations';
export * from './sandbox';
export * from './audit';
