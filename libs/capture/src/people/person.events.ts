import type { Sealed } from '#libs/kernel';
import type { ReferralSource } from '../shared/vocabulary.js';

/** Personal data in these events is sealed with the person's own key (see kernel personal-data). */
export interface SealedContact {
  readonly phone?: Sealed;
  readonly email?: Sealed;
}

/** A contact detail that can be given, changed or removed. */
export type ContactField = 'phone' | 'email';

export type PersonEvent =
  | {
      type: 'person.joined';
      data: {
        personId: string;
        displayName: Sealed;
        contact: SealedContact;
        referralSource: ReferralSource;
        areaId: string;
        teamId: string;
        coachId: string;
        joinedOn: string;
      };
    }
  | { type: 'person.consent_recorded'; data: { toHoldInformation: boolean; toShareWordsAnonymised: boolean; recordedOn: string } }
  /**
   * `removed`: contact details the person no longer wants held. Events written before it existed
   * lack it, which means the same: nothing removed.
   */
  | { type: 'person.details_changed'; data: { displayName?: Sealed; contact?: SealedContact; removed?: ContactField[] } }
  | { type: 'person.moved_area'; data: { areaId: string; teamId: string; coachId: string; movedOn: string } }
  /** Their key was destroyed: nothing they said, nor their name or contact details, can be read again. */
  | { type: 'person.forgotten'; data: { personId: string; reason: ForgetReason } };

/** Why a person was forgotten: a fixed list, so the reason itself holds no personal data. */
export const FORGET_REASONS = ['person_asked', 'consent_withdrawn', 'no_longer_needed', 'other'] as const;
export type ForgetReason = (typeof FORGET_REASONS)[number];

export const PERSON_EVENT_TYPES = ['person.joined', 'person.consent_recorded', 'person.details_changed', 'person.moved_area', 'person.forgotten'] as const;

export function personStream(personId: string): string {
  return `person-${personId}`;
}
