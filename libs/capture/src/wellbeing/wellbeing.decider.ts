import { ConflictError, type Decider, type Sealed, ValidationError } from '#libs/kernel';
import type { WellbeingEvent } from './wellbeing.events.js';
import { SCORE_RANGE, swemwbsMetric, type WellbeingScale } from './wellbeing.scales.js';

export type WellbeingCommand = {
  kind: 'check_in';
  checkInId: string;
  scale: WellbeingScale;
  checkedInOn: string;
  /** The total of the (already checked) answers; the decider derives the score from it. */
  rawScore: number;
  answers: Sealed;
};

export interface WellbeingState {
  readonly checkInIds: ReadonlySet<string>;
}

export const wellbeingDecider: Decider<WellbeingCommand, WellbeingEvent, WellbeingState> = {
  initialState: { checkInIds: new Set() },

  evolve(state, event) {
    return { checkInIds: new Set([...state.checkInIds, event.data.checkInId]) };
  },

  decide(command, state) {
    if (state.checkInIds.has(command.checkInId)) throw new ConflictError('This check-in is already recorded.');
    const range = SCORE_RANGE[command.scale];
    if (!Number.isInteger(command.rawScore) || command.rawScore < range.min || command.rawScore > range.max) {
      throw new ValidationError(`must be a whole number from ${range.min} to ${range.max}`, 'rawScore');
    }
    const score = command.scale === 'wemwbs' ? command.rawScore : swemwbsMetric(command.rawScore);
    const { checkInId, scale, checkedInOn, rawScore, answers } = command;
    return [{ type: 'wellbeing.checked_in', data: { checkInId, scale, checkedInOn, rawScore, score, answers } }];
  },
};
