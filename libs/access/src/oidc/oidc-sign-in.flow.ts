import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnauthenticatedError } from '#libs/kernel';
import { AccountsService } from '../identity/accounts.service.js';
import type { IssuedSession, SessionStore } from '../sessions/session-store.js';
import { SESSION_STORE } from '../tokens.js';
import { OidcSignIn } from './oidc-client.js';
import type { OidcConfig } from './oidc-config.js';
import { mapOidcClaimsToUser, type UserByEmailLookup } from './oidc-user-mapping.js';
import type { PendingOidcSignInStore } from './pending-sign-in-store.js';

/** The single sign-on settings (`undefined` when it is not configured). */
export const OIDC_CONFIG = Symbol('OIDC_CONFIG');
export const PENDING_OIDC_SIGN_INS = Symbol('PENDING_OIDC_SIGN_INS');

/**
 * Why a single sign-on did not sign anyone in, as the `error` parameter of `/sign-in`. Stable:
 * the web app shows a message for each. None of them says anything the person signing in did
 * not already know (they have just proved the address to their provider).
 */
export const OIDC_SIGN_IN_ERROR_CODES = [
  /** The callback does not belong to a sign-in begun in this browser, or it was already used. */
  'state_mismatch',
  /** The sign-in was begun more than 10 minutes ago. */
  'expired',
  /** The provider reported an error (the person cancelled, say), or its answer failed validation. */
  'provider_error',
  /** The provider could not be reached to begin or complete the sign-in. */
  'provider_unavailable',
  'missing_email',
  'email_not_verified',
  'domain_not_allowed',
  'unknown_user',
  'deactivated',
] as const satisfies ReadonlyArray<string>;

export type OidcSignInErrorCode = (typeof OIDC_SIGN_IN_ERROR_CODES)[number];

export type OidcSignInStart = { readonly ok: true; readonly url: string; readonly pendingId: string } | { readonly ok: false; readonly code: OidcSignInErrorCode };

export type OidcSignInOutcome =
  | { readonly ok: true; readonly userId: string; readonly session: IssuedSession }
  | { readonly ok: false; readonly code: OidcSignInErrorCode };

/**
 * Single sign-on with the organisation's OpenID Connect provider, from the browser leaving for
 * the provider to a normal session: the same session, cookie and CSRF token a password sign-in
 * gives. It signs in existing, active users only (see `mapOidcClaimsToUser`).
 *
 * The provider's discovery document is read on the first sign-in rather than at start-up, so an
 * unreachable provider makes single sign-on fail (and be retried on the next attempt) instead of
 * stopping the whole server, where password sign-in would still work.
 */
@Injectable()
export class OidcSignInFlow {
  private readonly logger = new Logger('OidcSignIn');
  private discovered: Promise<OidcSignIn> | undefined;

  constructor(
    @Inject(OIDC_CONFIG) private readonly config: OidcConfig | undefined,
    @Inject(PENDING_OIDC_SIGN_INS) private readonly pending: PendingOidcSignInStore,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    private readonly accounts: AccountsService,
  ) {}

  get enabled(): boolean {
    return this.config !== undefined;
  }

  /** Makes and keeps the state, nonce and PKCE verifier; returns where to send the browser. */
  async begin(): Promise<OidcSignInStart> {
    let signIn: OidcSignIn;
    try {
      signIn = await this.provider();
    } catch (error) {
      return this.refuse('provider_unavailable', describe(error, true));
    }
    const { url, pending } = signIn.begin();
    const { id } = await this.pending.save(pending);
    return { ok: true, url, pendingId: id };
  }

  /**
   * Completes the sign-in the browser holding `pendingId` began, from the URL the provider sent
   * it back to. The pending sign-in is used up whatever the outcome.
   */
  async complete(pendingId: string | undefined, callbackUrl: URL): Promise<OidcSignInOutcome> {
    const config = this.configured();
    if (pendingId === undefined) return this.refuse('state_mismatch', 'no pending sign-in cookie');
    const taken = await this.pending.take(pendingId);
    if (taken.status === 'unknown') return this.refuse('state_mismatch', 'no such pending sign-in (never begun, or already used)');
    if (taken.status === 'expired') return this.refuse('expired');
    const { pending } = taken;
    if (callbackUrl.searchParams.get('state') !== pending.state) return this.refuse('state_mismatch', 'the state is not the pending one');
    const reported = callbackUrl.searchParams.get('error');
    if (reported !== null) return this.refuse('provider_error', `the provider reported ${safeToken(reported)}`);

    let claims: Record<string, unknown>;
    try {
      claims = await (await this.provider()).complete(callbackUrl, pending);
    } catch (error) {
      // OidcSignIn.complete keeps openid-client's error as the cause; a rediscovery throws its own.
      const failure = error instanceof UnauthenticatedError && error.cause !== undefined ? error.cause : error;
      return this.refuse(isUnreachable(failure) ? 'provider_unavailable' : 'provider_error', describe(failure, false));
    }
    const mapping = await mapOidcClaimsToUser(claims, config, this.userLookup);
    if (!mapping.ok) return this.refuse(mapping.reason);
    // The same session a password sign-in issues; like it, a successful sign-in appends no event.
    return { ok: true, userId: mapping.userId, session: await this.sessions.issue(mapping.userId) };
  }

  private readonly userLookup: UserByEmailLookup = {
    findUserByEmail: async (email) => {
      const account = await this.accounts.byEmail(email);
      return account && { userId: account.userId, active: account.active };
    },
  };

  /** The provider's configuration, discovered once; a failed discovery is tried again next time. */
  private provider(): Promise<OidcSignIn> {
    const config = this.configured();
    this.discovered ??= OidcSignIn.discover(config).catch((error: unknown) => {
      this.discovered = undefined;
      throw error;
    });
    return this.discovered;
  }

  private configured(): OidcConfig {
    if (this.config === undefined) throw new TypeError('Single sign-on is not configured; check OidcSignInFlow.enabled first.');
    return this.config;
  }

  /** Logs the reason (a code and, for provider failures, the error's kind: never claims or addresses). */
  private refuse(code: OidcSignInErrorCode, detail?: string): { ok: false; code: OidcSignInErrorCode } {
    this.logger.warn(`Single sign-on refused: ${code}${detail ? ` (${detail})` : ''}`);
    return { ok: false, code };
  }
}

/** A provider-supplied error code, only if it looks like one (it ends up in the log). */
function safeToken(value: string): string {
  return /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : 'an unrecognised error';
}

/**
 * The kind of an error, for the log: openid-client's error code or the error's name, and the
 * message only where it cannot carry anything from an ID token (discovery).
 */
function describe(error: unknown, withMessage: boolean): string {
  if (!(error instanceof Error)) return 'unknown error';
  const code = (error as { code?: unknown }).code;
  const kind = typeof code === 'string' ? `${error.name} ${code}` : error.name;
  return withMessage ? `${kind}: ${error.message}` : kind;
}

/** fetch reports an unreachable host as an error whose cause (or its cause) carries the system error code. */
function isUnreachable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|UND_ERR_)/.test(code)) return true;
    current = current.cause;
  }
  return false;
}
