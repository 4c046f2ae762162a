import { ConflictError, type Sealed } from '#libs/kernel';
import { given } from '../testing/given-when-then.js';
import { coachingDecider, type CoachingCommand } from './coaching.decider.js';
import type { CoachingEvent, InteractionRecorded } from './coaching.events.js';

const sealed = (label: string) => `pd1.p1.iv.tag.${label}` as Sealed;
const started: CoachingEvent = { type: 'coaching.started', data: { personId: 'p1', coachId: 'c1', startedOn: '2026-01-10' } };
const paused: CoachingEvent = { type: 'coaching.paused', data: { requestedBy: 'person', pausedOn: '2026-02-01' } };
const ended: CoachingEvent = {
  type: 'coaching.ended',
  data: { ending: 'planned_with_person', endedOn: '2026-06-01', endingConversationHeld: true, inPersonsWords: sealed('words') },
};
const interaction: InteractionRecorded = {
  interactionId: 'i1',
  occurredOn: '2026-01-12',
  channel: 'in_person',
  initiatedBy: 'person',
  place: 'cafe',
  minutes: 45,
  whatMattered: sealed('mattered'),
  strengthsNoticed: [sealed('strength')],
  aspirationsMentioned: [],
  connectionsMade: [],
  organisationsIntroduced: ['org-1'],
};
const record: CoachingCommand = { kind: 'record_interaction', ...interaction };

describe('a coaching relationship', () => {
  it('given nothing, when it starts, then it started', () => {
    given(coachingDecider).when({ kind: 'start', personId: 'p1', coachId: 'c1', startedOn: '2026-01-10' }).then([started]);
  });

  it('given it started, when the person asks to pause, then it is paused with who asked', () => {
    given(coachingDecider, started).when({ kind: 'pause', requestedBy: 'person', pausedOn: '2026-02-01' }).then([paused]);
  });

  it('given it is paused, when it is paused again, then it is refused', () => {
    given(coachingDecider, started, paused)
      .when({ kind: 'pause', requestedBy: 'coach', pausedOn: '2026-02-02' })
      .thenThrows(ConflictError, 'Only an active relationship can be paused');
  });

  it('given it is paused, when it resumes, then it is active again', () => {
    given(coachingDecider, started, paused).when({ kind: 'resume', resumedOn: '2026-03-01' }).then([
      { type: 'coaching.resumed', data: { resumedOn: '2026-03-01' } },
    ]);
  });

  it('given it is paused, when resuming is dated before the pause, then it is refused', () => {
    given(coachingDecider, started, paused).when({ kind: 'resume', resumedOn: '2026-01-20' }).thenThrows(ConflictError, 'before 2026-02-01');
  });

  it('given it is active, when the person varies how often and how, then the variation is recorded', () => {
    given(coachingDecider, started)
      .when({ kind: 'vary', frequency: 'fortnightly', preferredChannel: 'phone', variedOn: '2026-02-10' })
      .then([{ type: 'coaching.varied', data: { frequency: 'fortnightly', preferredChannel: 'phone', variedOn: '2026-02-10' } }]);
  });

  it('given it is active, when it ends as planned with the person, then how it ended is recorded in their words', () => {
    given(coachingDecider, started)
      .when({ kind: 'end', ending: 'planned_with_person', endedOn: '2026-06-01', endingConversationHeld: true, inPersonsWords: sealed('words') })
      .then([ended]);
  });

  it('given it ended, when the person comes back, then it is re-opened', () => {
    given(coachingDecider, started, ended).when({ kind: 'reopen', reopenedOn: '2026-09-01', coachId: 'c2' }).then([
      { type: 'coaching.reopened', data: { reopenedOn: '2026-09-01', coachId: 'c2' } },
    ]);
  });

  it('given it is active, when it is re-opened, then it is refused', () => {
    given(coachingDecider, started).when({ kind: 'reopen', reopenedOn: '2026-09-01', coachId: 'c2' }).thenThrows(ConflictError, 'Only a relationship that ended');
  });

  it('given it started, when an interaction is recorded, then it is recorded with all it carries', () => {
    given(coachingDecider, started).when(record).then([{ type: 'interaction.recorded', data: interaction }]);
  });

  it('given it is paused, when the person gets in touch, then the interaction is still recorded', () => {
    given(coachingDecider, started, paused).when(record).then([{ type: 'interaction.recorded', data: interaction }]);
  });

  it('given it ended, when an interaction is recorded, then it asks to re-open first', () => {
    given(coachingDecider, started, ended).when(record).thenThrows(ConflictError, 're-open it');
  });

  it('given nothing started, when an interaction is recorded, then it asks to start first', () => {
    given(coachingDecider).when(record).thenThrows(ConflictError, 'Start the coaching relationship');
  });

  it('given an interaction recorded, when the same interaction id is recorded again, then it is refused', () => {
    given(coachingDecider, started, { type: 'interaction.recorded', data: interaction }).when(record).thenThrows(ConflictError, 'already recorded');
  });
});
