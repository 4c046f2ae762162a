import type { Sealed } from '#libs/kernel';
import type { ReferralSource } from '../shared/vocabulary.js';

/** Personal data in these events is sealed with the person's own key (see kernel personal-data). */
export interface SealedContact {
  readonly phone?: Sealed;
  readonly email?: Sealed;
}

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
  | { type: 'person.details_changed'; data: { displayName?: Sealed; contact?: SealedContact } }
  | { type: 'person.moved_area'; data: { areaId: string; teamId: string; coachId: string; movedOn: string } };

export const PERSON_EVENT_TYPES = ['person.joined', 'person.consent_recorded', 'person.details_changed', 'person.moved_area'] as const;

export function personStream(personId: string): string {
  return `person-${personId}`;
}
