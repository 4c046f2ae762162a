import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import { UnauthenticatedError, ValidationError } from '#libs/kernel';
import { OIDC_ENV, type OidcConfig } from './oidc-config.js';

/**
 * The two legs of an OpenID Connect authorization-code sign-in (PKCE S256, state and nonce),
 * kept as thin as possible over openid-client, which does the protocol checks that matter:
 * issuer, audience, expiry and signature of the ID token, state, nonce, and the PKCE exchange.
 *
 * It has not been run against a real identity provider here. Its spec drives it against an
 * in-process provider over loopback HTTP, which exercises openid-client's real validation but
 * cannot stand in for the quirks of a particular provider; try it against the organisation's
 * provider before relying on it.
 */

/**
 * What `complete` needs from `begin`. Keep it server-side, or in an encrypted, HttpOnly cookie
 * bound to the browser that started the sign-in, and use it once: the code verifier is the
 * secret that makes a stolen authorization code useless.
 */
export interface PendingOidcSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export type OidcSignInSettings = Pick<OidcConfig, 'redirectUri' | 'scopes'>;

export class OidcSignIn {
  /**
   * @param configuration openid-client configuration for this client at the provider; made by
   *   `discover`, or by hand from known server metadata.
   */
  constructor(
    private readonly configuration: client.Configuration,
    private readonly settings: OidcSignInSettings,
  ) {}

  /** Reads the provider's discovery document (a network call; do it once at start-up). */
  static async discover(config: OidcConfig): Promise<OidcSignIn> {
    const issuer = new URL(config.issuerUrl);
    // loadOidcConfig only admits plain http for loopback addresses, for local development.
    const execute = issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
    const discovered = await client.discovery(issuer, config.clientId, undefined, client.None(), { execute });
    const metadata = discovered.serverMetadata();
    const configuration = new client.Configuration(
      metadata,
      config.clientId,
      config.clientSecret,
      clientAuthentication(metadata.token_endpoint_auth_methods_supported, config.clientSecret),
    );
    execute.forEach((apply) => apply(configuration));
    return new OidcSignIn(configuration, config);
  }

  /** Where to send the browser, and what to keep until it comes back. */
  begin(): { url: string; pending: PendingOidcSignIn } {
    const pending: PendingOidcSignIn = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    };
    const url = client.buildAuthorizationUrl(this.configuration, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes.join(' '),
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: pkceS256Challenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, pending };
  }

  /**
   * Redeems the code in the callback and returns the validated ID-token claims.
   *
   * The parameters are read from `callbackUrl` but sent back with the configured redirect URI,
   * so a callback URL rebuilt behind a proxy (another host or scheme) still matches the one the
   * provider saw at `begin`.
   *
   * @throws UnauthenticatedError when the provider reports an error, the callback does not match
   *   `pending`, the ID token fails validation, or the provider cannot be reached; the
   *   openid-client error is its `cause`, for the server log.
   */
  async complete(callbackUrl: URL, pending: PendingOidcSignIn): Promise<Record<string, unknown>> {
    const current = new URL(this.settings.redirectUri);
    current.search = callbackUrl.search;
    try {
      const tokens = await client.authorizationCodeGrant(this.configuration, current, {
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        pkceCodeVerifier: pending.codeVerifier,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (claims === undefined) throw new TypeError('the token response carried no ID token');
      return { ...claims };
    } catch (cause) {
      const error = new UnauthenticatedError('Single sign-on could not be completed. Please try again.');
      error.cause = cause;
      throw error;
    }
  }
}

/** RFC 7636 S256: BASE64URL(SHA-256(verifier)), computed synchronously so `begin` can be. */
export function pkceS256Challenge(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
}

/**
 * How the client proves itself at the token endpoint. OpenID Connect Discovery makes
 * client_secret_basic the default when a provider does not list its methods, and openid-client
 * would otherwise default to client_secret_post, which some providers refuse.
 */
export function clientAuthentication(supported: readonly string[] | undefined, clientSecret: string): client.ClientAuth {
  const methods = supported ?? ['client_secret_basic'];
  if (methods.includes('client_secret_basic')) return client.ClientSecretBasic(clientSecret);
  if (methods.includes('client_secret_post')) return client.ClientSecretPost(clientSecret);
  throw new ValidationError(
    'the identity provider accepts neither client_secret_basic nor client_secret_post at its token endpoint',
    OIDC_ENV.issuerUrl,
  );
}
