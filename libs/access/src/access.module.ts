import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { CaptureModule } from '#libs/capture';
import type { SqlDatabase } from '#libs/database';
import { READ_MODELS } from '#libs/projections';
import { AccessResolver } from './access.resolver.js';
import { AuditLogQueries } from './audit/audit-log.queries.js';
import { AccountsService } from './identity/accounts.service.js';
import { CredentialStore } from './identity/credential-store.js';
import type { OidcConfig } from './oidc/oidc-config.js';
import { OIDC_CONFIG, OidcSignInFlow, PENDING_OIDC_SIGN_INS } from './oidc/oidc-sign-in.flow.js';
import { OidcController } from './oidc/oidc.controller.js';
import { PendingOidcSignInStore } from './oidc/pending-sign-in-store.js';
import { SessionMiddleware } from './sessions/session.middleware.js';
import { WebSocketSessions } from './sessions/websocket-sessions.js';
import { SessionStore } from './sessions/session-store.js';
import { SignInLockout } from './sessions/sign-in-lockout.js';
import { SignInRateLimitGuard } from './sessions/sign-in-rate-limit.guard.js';
import { CREDENTIAL_STORE, LOCKOUT, SESSION_STORE } from './tokens.js';

const migrated = <T extends { migrate(): Promise<void> }>(make: (db: SqlDatabase) => T) => async (db: SqlDatabase) => {
  const store = make(db);
  await store.migrate();
  return store;
};

/**
 * The token under which the server (apps/api RuntimeModule) provides its opened runtime; a
 * registered symbol, so this library need not import the app. Single sign-on settings come from
 * its configuration, which `loadConfig` checked with everything else at start.
 */
const RUNTIME = Symbol.for('learning-loop.runtime');

/**
 * Accounts, sessions and the audit log. Every request passes the session middleware, which puts
 * the signed-in principal (or nobody) on it for the policy guard.
 */
@Module({
  imports: [CaptureModule],
  providers: [
    { provide: CREDENTIAL_STORE, inject: [READ_MODELS], useFactory: migrated((db) => new CredentialStore(db)) },
    {
      provide: SESSION_STORE,
      inject: [READ_MODELS],
      useFactory: migrated((db) => new SessionStore(db, { idleMs: 60 * 60 * 1000, maxMs: 12 * 60 * 60 * 1000 })),
    },
    { provide: LOCKOUT, inject: [READ_MODELS], useFactory: (db: SqlDatabase) => new SignInLockout(db) },
    AccountsService,
    AuditLogQueries,
    AccessResolver,
    SignInRateLimitGuard,
    SessionMiddleware,
    WebSocketSessions,
    { provide: OIDC_CONFIG, inject: [RUNTIME], useFactory: (runtime: { config: { oidc?: OidcConfig } }) => runtime.config.oidc },
    { provide: PENDING_OIDC_SIGN_INS, inject: [READ_MODELS], useFactory: migrated((db) => new PendingOidcSignInStore(db)) },
    OidcSignInFlow,
  ],
  controllers: [OidcController],
  exports: [AccountsService, WebSocketSessions],
})
export class AccessModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SessionMiddleware).forRoutes('*');
  }
}
