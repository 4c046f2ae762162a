import { ConflictError, NotFoundError, ValidationError } from '#libs/kernel';
import { given } from '../../../capture/src/testing/given-when-then.js';
import { reflectionDecider } from './reflection.decider.js';
import type { ReflectionEvent, ReflectionRecorded } from './reflection.events.js';

const ids = { reflection: 'r1', theme: 't1', otherTheme: 't2', report: 'rep1' };

const reflection: ReflectionRecorded = {
  reflectionId: ids.reflection,
  learningQuestion: 'Do warm handovers to housing options keep people engaged?',
  whatHappened: 'Three services changed how they hand over after our feedback.',
  insight: 'A named contact matters more than the referral form.',
  decision: 'Ask every partner for a named contact.',
  themeIds: [ids.theme],
  reportIds: [ids.report],
  occurredOn: '2026-02-10',
};
const recorded: ReflectionEvent = { type: 'reflection.recorded', data: reflection };
const withdrawn: ReflectionEvent = { type: 'reflection.withdrawn', data: { reflectionId: ids.reflection, reason: 'Recorded twice' } };

describe('recording a reflection', () => {
  it('given nothing, when a reflection is recorded, then it is recorded as given', () => {
    given(reflectionDecider).when({ kind: 'record', reflection }).then([recorded]);
  });

  it('given a recorded reflection, when it is recorded again under the same id, then it is refused as a conflict', () => {
    given(reflectionDecider, recorded).when({ kind: 'record', reflection }).thenThrows(ConflictError, 'already recorded');
  });
});

describe('revising a reflection', () => {
  it('given a recorded reflection, when the insight and themes are corrected, then only those corrections are recorded, with the reason', () => {
    given(reflectionDecider, recorded)
      .when({
        kind: 'revise',
        corrections: { insight: 'A named contact matters most.', themeIds: [ids.theme, ids.otherTheme], learningQuestion: reflection.learningQuestion },
        reason: 'Clearer wording',
      })
      .then([
        {
          type: 'reflection.revised',
          data: {
            reflectionId: ids.reflection,
            corrections: { insight: 'A named contact matters most.', themeIds: [ids.theme, ids.otherTheme] },
            reason: 'Clearer wording',
          },
        },
      ]);
  });

  it('given a recorded reflection, when the decision is taken out and an experiment added, then both are recorded', () => {
    given(reflectionDecider, recorded)
      .when({ kind: 'revise', corrections: { decision: null, experiment: 'We will try a shared handover checklist.' } })
      .then([
        {
          type: 'reflection.revised',
          data: { reflectionId: ids.reflection, corrections: { decision: null, experiment: 'We will try a shared handover checklist.' } },
        },
      ]);
  });

  it('given a reflection without an experiment, when its absent experiment is taken out, then nothing is recorded', () => {
    given(reflectionDecider, recorded).when({ kind: 'revise', corrections: { experiment: null } }).then([]);
  });

  it('given a revision, then the state is the corrected reflection (a later identical correction records nothing)', () => {
    const revised: ReflectionEvent = {
      type: 'reflection.revised',
      data: { reflectionId: ids.reflection, corrections: { occurredOn: '2026-02-11', decision: null } },
    };
    const { state } = given(reflectionDecider, recorded, revised);
    expect(state.reflection).toEqual({ ...reflectionWithout('decision'), occurredOn: '2026-02-11' });
    given(reflectionDecider, recorded, revised).when({ kind: 'revise', corrections: { occurredOn: '2026-02-11' } }).then([]);
  });

  it('given a recorded reflection, when a revision corrects nothing, then it is refused naming the input', () => {
    given(reflectionDecider, recorded).when({ kind: 'revise', corrections: {} }).thenThrows(ValidationError, /^input: has nothing to correct/);
  });

  it('given nothing, when a revision arrives, then it is not found', () => {
    given(reflectionDecider).when({ kind: 'revise', corrections: { insight: 'x' } }).thenThrows(NotFoundError, 'No reflection');
  });

  it('given a withdrawn reflection, when it is revised, then it is refused as a conflict', () => {
    given(reflectionDecider, recorded, withdrawn).when({ kind: 'revise', corrections: { insight: 'x' } }).thenThrows(ConflictError, 'withdrawn');
  });
});

describe('withdrawing a reflection', () => {
  it('given a recorded reflection, when it is withdrawn with a reason, then it is withdrawn', () => {
    given(reflectionDecider, recorded).when({ kind: 'withdraw', reason: 'Recorded twice' }).then([withdrawn]);
  });

  it('given a withdrawn reflection, when it is withdrawn again, then it is refused as a conflict', () => {
    given(reflectionDecider, recorded, withdrawn).when({ kind: 'withdraw', reason: 'again' }).thenThrows(ConflictError, 'already been withdrawn');
  });

  it('given nothing, when a withdrawal arrives, then it is not found', () => {
    given(reflectionDecider).when({ kind: 'withdraw', reason: 'x' }).thenThrows(NotFoundError, 'No reflection');
  });
});

function reflectionWithout(field: keyof ReflectionRecorded): Partial<ReflectionRecorded> {
  const copy: Partial<ReflectionRecorded> = { ...reflection };
  delete copy[field];
  return copy;
}
