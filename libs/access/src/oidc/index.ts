export * from './oidc-config.js';
export * from './oidc-email.js';
export * from './oidc-user-mapping.js';
export * from './oidc-client.js';
export { OIDC_SIGN_IN_ERROR_CODES, type OidcSignInErrorCode } from './oidc-sign-in.flow.js';
export { OIDC_NOT_CONFIGURED } from './oidc.controller.js';
export { PENDING_SIGN_IN_COOKIE } from './pending-sign-in-cookie.js';
