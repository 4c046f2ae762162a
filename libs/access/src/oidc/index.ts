export * from './oidc-config.js';
export * from './oidc-email.js';
export * from './oidc-user-mapping.js';
export * from './oidc-client.js';
