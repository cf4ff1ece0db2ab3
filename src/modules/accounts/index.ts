export { default as accountsRoutes } from './accounts.routes.js';
export * as accountsService from './accounts.service.js';
export { SESSION_COOKIE, lookupSession, pruneSessions, type Stage } from './sessions.js';
export { totpNow, openSecret } from './secrets.js';
export { createAccount } from './accounts.service.js';
export { primaryRole } from './sessions.js';
export { hashPassword, oneTimePassword } from './secrets.js';
