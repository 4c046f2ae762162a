import { ConflictError, type Decider, NotFoundError, ValidationError } from '#libs/kernel';
import type { ReflectionCorrections, ReflectionEvent, ReflectionRecorded } from './reflection.events.js';

export type ReflectionCommand =
  | { kind: 'record'; reflection: ReflectionRecorded }
  | { kind: 'revise'; corrections: ReflectionCorrections; reason?: string }
  | { kind: 'withdraw'; reason: string };

export interface ReflectionState {
  readonly recorded: boolean;
  readonly withdrawn: boolean;
  /** The reflection as it stands (corrections applied). */
  readonly reflection?: ReflectionRecorded;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

/** The reflection with the corrections applied. */
export function applyCorrections(reflection: ReflectionRecorded, c: ReflectionCorrections): ReflectionRecorded {
  const next: Mutable<ReflectionRecorded> = { ...reflection };
  if (c.learningQuestion !== undefined) next.learningQuestion = c.learningQuestion;
  if (c.whatHappened !== undefined) next.whatHappened = c.whatHappened;
  if (c.insight !== undefined) next.insight = c.insight;
  if (c.decision !== undefined) {
    if (c.decision === null) delete next.decision;
    else next.decision = c.decision;
  }
  if (c.experiment !== undefined) {
    if (c.experiment === null) delete next.experiment;
    else next.experiment = c.experiment;
  }
  if (c.themeIds !== undefined) next.themeIds = c.themeIds;
  if (c.reportIds !== undefined) next.reportIds = c.reportIds;
  if (c.occurredOn !== undefined) next.occurredOn = c.occurredOn;
  return next;
}

/**
 * One reflection's life: recorded, corrected by revisions (never edited in place; a revision that
 * changes nothing records nothing), and withdrawn with a reason. A withdrawn reflection takes no
 * further change.
 */
export const reflectionDecider: Decider<ReflectionCommand, ReflectionEvent, ReflectionState> = {
  initialState: { recorded: false, withdrawn: false },

  evolve(state, event) {
    switch (event.type) {
      case 'reflection.recorded':
        return { recorded: true, withdrawn: false, reflection: event.data };
      case 'reflection.revised':
        return state.reflection ? { ...state, reflection: applyCorrections(state.reflection, event.data.corrections) } : state;
      case 'reflection.withdrawn':
        return { ...state, withdrawn: true };
    }
  },

  decide(command, state) {
    if (command.kind === 'record') {
      if (state.recorded) throw new ConflictError('This reflection is already recorded: revise it instead.');
      return [{ type: 'reflection.recorded', data: command.reflection }];
    }

    const current = state.reflection;
    if (!state.recorded || !current) throw new NotFoundError('No reflection with this id has been recorded.');
    const reflectionId = current.reflectionId;

    switch (command.kind) {
      case 'revise': {
        if (state.withdrawn) throw new ConflictError('This reflection was withdrawn: it cannot be revised.');
        const asked = command.corrections;
        if (Object.keys(asked).length === 0) throw new ValidationError('has nothing to correct', 'input');
        // Keep only what really changes.
        const c: Mutable<ReflectionCorrections> = {};
        if (asked.learningQuestion !== undefined && asked.learningQuestion !== current.learningQuestion) c.learningQuestion = asked.learningQuestion;
        if (asked.whatHappened !== undefined && asked.whatHappened !== current.whatHappened) c.whatHappened = asked.whatHappened;
        if (asked.insight !== undefined && asked.insight !== current.insight) c.insight = asked.insight;
        if (asked.decision !== undefined && asked.decision !== (current.decision ?? null)) c.decision = asked.decision;
        if (asked.experiment !== undefined && asked.experiment !== (current.experiment ?? null)) c.experiment = asked.experiment;
        if (asked.themeIds !== undefined && !sameList(asked.themeIds, current.themeIds)) c.themeIds = asked.themeIds;
        if (asked.reportIds !== undefined && !sameList(asked.reportIds, current.reportIds)) c.reportIds = asked.reportIds;
        if (asked.occurredOn !== undefined && asked.occurredOn !== current.occurredOn) c.occurredOn = asked.occurredOn;
        if (Object.keys(c).length === 0) return [];
        return [{ type: 'reflection.revised', data: { reflectionId, corrections: c, ...(command.reason ? { reason: command.reason } : {}) } }];
      }
      case 'withdraw':
        if (state.withdrawn) throw new ConflictError('This reflection has already been withdrawn.');
        return [{ type: 'reflection.withdrawn', data: { reflectionId, reason: command.reason } }];
    }
  },
};
