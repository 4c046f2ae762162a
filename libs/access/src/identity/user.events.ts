import type { Grant } from '#libs/policy';

/**
 * Staff accounts, managed by events. A user's id is derived from their (lower-cased) email, so
 * one email can only ever be one account. Password hashes are credentials, not facts: they live
 * in the credential store, and the events only say that a password was set.
 */
export type UserEvent =
  | { type: 'user.invited'; data: { userId: string; email: string; displayName: string; grants: Grant[] } }
  | { type: 'user.role_granted'; data: { grant: Grant } }
  | { type: 'user.role_revoked'; data: { grant: Grant } }
  | { type: 'user.password_set'; data: { via: PasswordSetVia } }
  | { type: 'user.deactivated'; data: Record<string, never> }
  | { type: 'user.reactivated'; data: Record<string, never> }
  | { type: 'user.locked_out'; data: { until: string } }
  /** The account is the coach of this coach record: the coach's screens open on it. */
  | { type: 'user.coach_record_linked'; data: { coachId: string } }
  | { type: 'user.coach_record_unlinked'; data: { coachId: string } };

export type PasswordSetVia = 'invitation' | 'change' | 'admin_cli';

export const USER_EVENT_TYPES = [
  'user.invited',
  'user.role_granted',
  'user.role_revoked',
  'user.password_set',
  'user.deactivated',
  'user.reactivated',
  'user.locked_out',
  'user.coach_record_linked',
  'user.coach_record_unlinked',
] as const;

export function userStream(userId: string): string {
  return `user-${userId}`;
}
