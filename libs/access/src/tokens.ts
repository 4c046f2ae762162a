export const CREDENTIAL_STORE = Symbol('CREDENTIAL_STORE');
export const SESSION_STORE = Symbol('SESSION_STORE');
export const LOCKOUT = Symbol('LOCKOUT');
