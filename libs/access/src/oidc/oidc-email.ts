import { domainToASCII } from 'node:url';
import { normaliseEmail } from '../identity/user-id.js';

/**
 * Email addresses as they arrive from an identity provider, made comparable with the ones local
 * accounts store (trimmed, lower-cased). An identity provider is outside our control, so a claim
 * that is not plainly one address (a display-name form, a list, a quoted local part, an address
 * without a real domain) is treated as no address at all rather than guessed at: a guess is how a
 * sign-in lands on the wrong account.
 */

const MAX_ADDRESS_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;
const MAX_DOMAIN_LENGTH = 253;
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Whitespace, control and invisible formatting characters, and the specials RFC 5322 only allows quoted. */
const FORBIDDEN_IN_LOCAL_PART = /[\s\p{C}"(),:;<>[\]\\@]/u;

/**
 * A claim value normalised exactly as local accounts store addresses (trimmed, NFC, lower-cased),
 * or `undefined` when it is not a string or not a plausible single address.
 */
export function normaliseEmailAddress(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const email = normaliseEmail(value);
  if (email.length === 0 || email.length > MAX_ADDRESS_LENGTH) return undefined;
  const at = email.indexOf('@');
  if (at <= 0 || at !== email.lastIndexOf('@')) return undefined;
  const local = email.slice(0, at);
  if (!isPlausibleLocalPart(local)) return undefined;
  if (asciiDomain(email.slice(at + 1)) === undefined) return undefined;
  return email;
}

/** The domain of an address returned by `normaliseEmailAddress`, in ASCII (punycode) form. */
export function emailDomainInAscii(normalisedEmail: string): string {
  const domain = asciiDomain(normalisedEmail.slice(normalisedEmail.lastIndexOf('@') + 1));
  if (domain === undefined) throw new TypeError('emailDomainInAscii expects a normalised email address');
  return domain;
}

/**
 * A domain name in lower-case ASCII (internationalised names in punycode), so that `bücher.example`
 * and `xn--bcher-kva.example` compare equal; `undefined` unless it has at least two valid DNS labels
 * and a non-numeric top-level label (which rules out IP addresses).
 */
export function asciiDomain(domain: string): string | undefined {
  if (domain.length === 0 || /[\s\p{C}]/u.test(domain)) return undefined;
  const ascii = domainToASCII(domain.normalize('NFC'));
  if (ascii.length === 0 || ascii.length > MAX_DOMAIN_LENGTH) return undefined;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => DNS_LABEL.test(label))) return undefined;
  if (/^[0-9]+$/.test(labels[labels.length - 1])) return undefined;
  return ascii;
}

function isPlausibleLocalPart(local: string): boolean {
  if (local.length === 0 || local.length > MAX_LOCAL_PART_LENGTH) return false;
  if (FORBIDDEN_IN_LOCAL_PART.test(local)) return false;
  return !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}
