import { ValidationError, type FieldProblem } from '#libs/kernel';
import { asciiDomain } from './oidc-email.js';

/**
 * Single sign-on settings, read once from the environment at start-up. SSO is optional: with
 * none of the required variables set the product runs on local accounts alone. A half-finished
 * set-up fails loudly, naming every variable at fault, because silently falling back to "SSO
 * off" would hide the mistake until someone could not sign in. Problems name the variable and
 * never its value: the secret must not reach logs, and the others need not.
 */
export interface OidcConfig {
  /** Issuer identifier; discovery reads `<issuer>/.well-known/openid-configuration`. */
  readonly issuerUrl: string;
  readonly clientId: string;
  /** Confidential: never log it or put it in an error. */
  readonly clientSecret: string;
  /** Exactly as registered at the provider; the callback route must be served at this URL. */
  readonly redirectUri: string;
  /** Always includes `openid`. */
  readonly scopes: readonly string[];
  /** ID-token claim holding the user's email address. */
  readonly emailClaim: string;
  /**
   * When set, only addresses in these domains may sign in (exact match, so `example.org` does not
   * admit `sub.example.org`). Lower-case ASCII; internationalised domains in punycode.
   */
  readonly allowedEmailDomains: readonly string[] | undefined;
  /**
   * Accept an email the provider does not mark as verified when it omits `email_verified`.
   * Off by default: a provider that lets its users type any address (and does not say whether it
   * checked it) would otherwise let anyone sign in as any of our users by claiming their address.
   * Turn it on only for a provider that never issues unchecked addresses, typically an
   * organisation's own directory where administrators set them.
   */
  readonly trustUnverifiedEmail: boolean;
}

export const OIDC_ENV = {
  issuerUrl: 'OIDC_ISSUER_URL',
  clientId: 'OIDC_CLIENT_ID',
  clientSecret: 'OIDC_CLIENT_SECRET',
  redirectUri: 'OIDC_REDIRECT_URI',
  scopes: 'OIDC_SCOPES',
  emailClaim: 'OIDC_EMAIL_CLAIM',
  allowedEmailDomains: 'OIDC_ALLOWED_EMAIL_DOMAINS',
  trustUnverifiedEmail: 'OIDC_TRUST_UNVERIFIED_EMAIL',
} as const;

const REQUIRED = [OIDC_ENV.issuerUrl, OIDC_ENV.clientId, OIDC_ENV.clientSecret, OIDC_ENV.redirectUri] as const;
const DEFAULT_SCOPES = ['openid', 'email', 'profile'];
const DEFAULT_EMAIL_CLAIM = 'email';
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** RFC 6749 §3.3 scope-token characters. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/**
 * The SSO settings in `env`, or `undefined` when SSO is not configured.
 * @throws ValidationError listing every problem, one per variable (or list entry) at fault.
 */
export function loadOidcConfig(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  if (REQUIRED.every((name) => read(name) === undefined)) return undefined;

  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  for (const name of REQUIRED) {
    if (read(name) === undefined) problem(name, 'must be set when single sign-on is configured');
  }

  const issuerUrl = checkedUrl(read(OIDC_ENV.issuerUrl), OIDC_ENV.issuerUrl, problem);
  const redirectUri = checkedUrl(read(OIDC_ENV.redirectUri), OIDC_ENV.redirectUri, problem);
  const scopes = parseScopes(read(OIDC_ENV.scopes), problem);
  const emailClaim = read(OIDC_ENV.emailClaim) ?? DEFAULT_EMAIL_CLAIM;
  if (/\s/.test(emailClaim)) problem(OIDC_ENV.emailClaim, 'must be a single claim name without spaces');
  const allowedEmailDomains = parseDomains(env[OIDC_ENV.allowedEmailDomains], problem);
  const trustUnverifiedEmail = parseFlag(read(OIDC_ENV.trustUnverifiedEmail), OIDC_ENV.trustUnverifiedEmail, problem);

  if (problems.length > 0) throw new ValidationError(problems);
  return {
    issuerUrl: issuerUrl!,
    clientId: read(OIDC_ENV.clientId)!,
    clientSecret: read(OIDC_ENV.clientSecret)!,
    redirectUri: redirectUri!,
    scopes,
    emailClaim,
    allowedEmailDomains,
    trustUnverifiedEmail,
  };
}

type Report = (field: string, message: string) => void;

/**
 * An absolute https URL (plain http only on this machine, for local development) without
 * credentials, query or fragment. OpenID Connect forbids a query or fragment in an issuer and
 * OAuth a fragment in a redirect URI; a query in the redirect URI would not survive either,
 * because openid-client derives the `redirect_uri` it sends with the code from the callback
 * URL without its query, which then would not match the one sent at sign-in.
 */
function checkedUrl(value: string | undefined, field: string, problem: Report): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problem(field, 'must be an absolute URL');
    return undefined;
  }
  const faults: string[] = [];
  if (url.protocol === 'http:') {
    if (!LOOPBACK_HOSTS.has(url.hostname)) faults.push('must use https (plain http is allowed only for localhost)');
  } else if (url.protocol !== 'https:') {
    faults.push('must be an https URL');
  }
  if (url.username || url.password) faults.push('must not contain a user name or password');
  if (url.search || value.includes('?')) faults.push('must not contain a query string');
  if (url.hash || value.includes('#')) faults.push('must not contain a fragment');
  faults.forEach((message) => problem(field, message));
  return faults.length === 0 ? url.href : undefined;
}

function parseScopes(value: string | undefined, problem: Report): readonly string[] {
  if (value === undefined) return DEFAULT_SCOPES;
  const scopes = [...new Set(value.split(/\s+/))];
  if (!scopes.every((scope) => SCOPE_TOKEN.test(scope))) {
    problem(OIDC_ENV.scopes, 'must be scope names separated by spaces');
  }
  if (!scopes.includes('openid')) problem(OIDC_ENV.scopes, 'must include openid');
  return scopes;
}

/** Blank means "no allow-list"; a value made only of commas is a mistake, not a wish to allow everyone. */
function parseDomains(value: string | undefined, problem: Report): readonly string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const entries = value.split(',').map((entry) => entry.trim());
  if (entries.every((entry) => entry === '')) {
    problem(OIDC_ENV.allowedEmailDomains, 'must list at least one domain, separated by commas');
    return undefined;
  }
  const domains = new Set<string>();
  entries.forEach((entry, index) => {
    if (entry === '') return;
    const domain = asciiDomain(entry.toLowerCase());
    if (domain === undefined) {
      problem(OIDC_ENV.allowedEmailDomains, `entry ${index + 1} is not a domain name such as example.org`);
    } else {
      domains.add(domain);
    }
  });
  return [...domains];
}

function parseFlag(value: string | undefined, field: string, problem: Report): boolean {
  if (value === undefined) return false;
  switch (value.toLowerCase()) {
    case 'true':
      return true;
    case 'false':
      return false;
    default:
      problem(field, 'must be true or false');
      return false;
  }
}
