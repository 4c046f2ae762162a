import type { Sealed } from '#libs/kernel';
import type { Channel, Ending, Frequency, Initiator, PauseRequester, Place } from '../shared/vocabulary.js';

export interface InteractionRecorded {
  readonly interactionId: string;
  readonly occurredOn: string;
  readonly channel: Channel;
  readonly initiatedBy: Initiator;
  readonly place?: Place;
  readonly minutes: number;
  /** What mattered to the person, sealed with their key. */
  readonly whatMattered: Sealed;
  readonly strengthsNoticed: readonly Sealed[];
  readonly aspirationsMentioned: readonly Sealed[];
  readonly connectionsMade: readonly Sealed[];
  /** Organisations the coach introduced the person to (brokerage). */
  readonly organisationsIntroduced: readonly string[];
}

export type CoachingEvent =
  | { type: 'coaching.started'; data: { personId: string; coachId: string; startedOn: string } }
  | { type: 'coaching.paused'; data: { requestedBy: PauseRequester; pausedOn: string; reason?: Sealed } }
  | { type: 'coaching.resumed'; data: { resumedOn: string } }
  | { type: 'coaching.varied'; data: { frequency: Frequency; preferredChannel: Channel; variedOn: string } }
  | {
      type: 'coaching.ended';
      data: { ending: Ending; endedOn: string; endingConversationHeld: boolean; inPersonsWords?: Sealed };
    }
  | { type: 'coaching.reopened'; data: { reopenedOn: string; coachId: string } }
  | { type: 'interaction.recorded'; data: InteractionRecorded };

export const COACHING_EVENT_TYPES = [
  'coaching.started',
  'coaching.paused',
  'coaching.resumed',
  'coaching.varied',
  'coaching.ended',
  'coaching.reopened',
  'interaction.recorded',
] as const;

export function coachingStream(personId: string): string {
  return `coaching-${personId}`;
}
