import { uuidV5 } from '#libs/kernel';

const USER_ID_NAMESPACE = '8f7d2c1a-5b3e-4e6f-9a0b-1c2d3e4f5a6b';

/** Emails compare without case or surrounding space. */
export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

/** The one account an email can be: its id is derived from the normalised email. */
export function userIdFor(email: string): string {
  return uuidV5(normaliseEmail(email), USER_ID_NAMESPACE);
}
