import type { Sealed } from '#libs/kernel';

/**
 * What grows in coaching, in the person's own words: aspirations they set (and how each one
 * went), strengths noticed, and connections made with people, groups and activities. Every
 * word is sealed with the person's key before it is recorded. Stream: `growth-<personId>`.
 */

/** Who or what a person is now connected with. */
export const CONNECTION_KINDS = ['family', 'friend', 'peer', 'community_group', 'activity', 'volunteering', 'work', 'faith'] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

/** Who noticed a strength: often the person themselves. */
export const STRENGTH_NOTICERS = ['person', 'coach'] as const;
export type StrengthNoticer = (typeof STRENGTH_NOTICERS)[number];

/** Where an aspiration stands. `changed` means the person reshaped it into a new one. */
export const ASPIRATION_STATUSES = ['active', 'achieved', 'changed', 'let_go'] as const;
export type AspirationStatus = (typeof ASPIRATION_STATUSES)[number];

export type GrowthEvent =
  | {
      type: 'aspiration.set';
      /** `changedFrom`: the aspiration this one grew out of, when the person changed an earlier one. */
      data: { aspirationId: string; inPersonsWords: Sealed; setOn: string; changedFrom?: string };
    }
  | { type: 'aspiration.progress_noted'; data: { aspirationId: string; note: Sealed; notedOn: string } }
  | { type: 'aspiration.achieved'; data: { aspirationId: string; achievedOn: string; note?: Sealed } }
  | { type: 'aspiration.changed'; data: { aspirationId: string; changedOn: string; changedTo: string; note?: Sealed } }
  | { type: 'aspiration.let_go'; data: { aspirationId: string; letGoOn: string; note?: Sealed } }
  | { type: 'strength.noticed'; data: { strengthId: string; inPersonsWords: Sealed; noticedOn: string; noticedBy: StrengthNoticer } }
  | { type: 'connection.made'; data: { connectionId: string; kind: ConnectionKind; description: Sealed; madeOn: string } }
  | { type: 'connection.ended'; data: { connectionId: string; endedOn: string; note?: Sealed } };

export const GROWTH_EVENT_TYPES = [
  'aspiration.set',
  'aspiration.progress_noted',
  'aspiration.achieved',
  'aspiration.changed',
  'aspiration.let_go',
  'strength.noticed',
  'connection.made',
  'connection.ended',
] as const;

export function growthStream(personId: string): string {
  return `growth-${personId}`;
}
