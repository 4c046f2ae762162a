import type { OidcConfig } from './oidc-config.js';
import { emailDomainInAscii, normaliseEmailAddress } from './oidc-email.js';

/**
 * Decides which existing user, if any, a provider's ID-token claims sign in. SSO only proves who
 * someone is to the organisation's identity provider; whether they may use this product is still
 * decided here, by the user list administrators keep. So there is no auto-provisioning: an
 * address we do not know is refused, as is a deactivated user. Every check that can refuse
 * runs before anything is trusted, and the refusal reasons name the rule, never the address,
 * so they are safe to log and to count.
 */

export type OidcRefusalReason =
  /** No claim, or a value that is not plainly one email address. */
  | 'missing_email'
  /** The provider says the address is unverified, or does not say and the config does not trust it. */
  | 'email_not_verified'
  /** An allow-list of domains is configured and the address is outside it. */
  | 'domain_not_allowed'
  /** No user has this address. */
  | 'unknown_user'
  | 'deactivated';

export type OidcUserMapping = { readonly ok: true; readonly userId: string } | { readonly ok: false; readonly reason: OidcRefusalReason };

/** Finds a user by email address as stored: trimmed, lower-cased. */
export interface UserByEmailLookup {
  findUserByEmail(email: string): Promise<{ userId: string; active: boolean } | undefined>;
}

export type OidcMappingConfig = Pick<OidcConfig, 'emailClaim' | 'allowedEmailDomains' | 'trustUnverifiedEmail'>;

export async function mapOidcClaimsToUser(
  claims: Record<string, unknown>,
  config: OidcMappingConfig,
  lookup: UserByEmailLookup,
): Promise<OidcUserMapping> {
  const email = normaliseEmailAddress(claims[config.emailClaim]);
  if (email === undefined) return refuse('missing_email');
  if (!isVerified(claims, config)) return refuse('email_not_verified');
  if (config.allowedEmailDomains !== undefined && !config.allowedEmailDomains.includes(emailDomainInAscii(email))) {
    return refuse('domain_not_allowed');
  }
  const user = await lookup.findUserByEmail(email);
  if (user === undefined) return refuse('unknown_user');
  if (!user.active) return refuse('deactivated');
  return { ok: true, userId: user.userId };
}

/**
 * Only the boolean `true` counts as verified: a provider that sends anything else (`"true"`,
 * `1`, `null`) has not said so in the way the OpenID Connect standard claims define.
 */
function isVerified(claims: Record<string, unknown>, config: OidcMappingConfig): boolean {
  if (!Object.hasOwn(claims, 'email_verified')) return config.trustUnverifiedEmail;
  return claims.email_verified === true;
}

const refuse = (reason: OidcRefusalReason): OidcUserMapping => ({ ok: false, reason });
