/** The auth module's surface: API keys and the principal every request carries. It owns `api_keys`. */
export { createApiKey, findPrincipal, hashKey, ROLES, ROLE_ORDER, type Principal, type Role } from './keys.js';
