import { Algorithm, hash, verify } from '@node-rs/argon2';
import type { Check } from '#libs/capture';

/** OWASP's argon2id baseline: 19 MiB of memory, 2 passes, 1 lane. */
const ARGON2ID = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a password nobody has, verified when the email is unknown so that an unknown email
 * takes as long to refuse as a wrong password.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${Math.random()}`);
  return decoy;
}

/** Long enough to resist guessing, short enough to hash; never the email itself. */
export function checkPassword(check: Check, field: string, password: string | null | undefined, email?: string): string {
  const value = password ?? '';
  if (value.length < PASSWORD_MIN) check.problem(field, `must be at least ${PASSWORD_MIN} characters`);
  else if (value.length > PASSWORD_MAX) check.problem(field, `must be at most ${PASSWORD_MAX} characters`);
  else if (email && value.trim().toLowerCase() === email.trim().toLowerCase()) check.problem(field, 'must not be your email address');
  return value;
}
