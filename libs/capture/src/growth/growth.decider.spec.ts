import { ConflictError, NotFoundError, type Sealed } from '#libs/kernel';
import { given } from '../testing/given-when-then.js';
import { growthDecider } from './growth.decider.js';
import type { GrowthEvent } from './growth.events.js';

const sealed = (label: string) => `pd1.p1.iv.tag.${label}` as Sealed;
const set: GrowthEvent = { type: 'aspiration.set', data: { aspirationId: 'a1', inPersonsWords: sealed('words'), setOn: '2026-01-10' } };
const progress: GrowthEvent = { type: 'aspiration.progress_noted', data: { aspirationId: 'a1', note: sealed('progress'), notedOn: '2026-02-01' } };
const achieved: GrowthEvent = { type: 'aspiration.achieved', data: { aspirationId: 'a1', achievedOn: '2026-03-01' } };
const made: GrowthEvent = {
  type: 'connection.made',
  data: { connectionId: 'c1', kind: 'community_group', description: sealed('group'), madeOn: '2026-01-20' },
};

describe('what grows in coaching', () => {
  describe('an aspiration', () => {
    it('given nothing, when the person sets an aspiration in their words, then it is set', () => {
      given(growthDecider)
        .when({ kind: 'set_aspiration', aspirationId: 'a1', inPersonsWords: sealed('words'), setOn: '2026-01-10' })
        .then([set]);
    });

    it('given it is set, when it is set again with the same id, then it is refused', () => {
      given(growthDecider, set)
        .when({ kind: 'set_aspiration', aspirationId: 'a1', inPersonsWords: sealed('other'), setOn: '2026-01-11' })
        .thenThrows(ConflictError, 'already set');
    });

    it('given it is set, when progress is noted, then the progress is recorded', () => {
      given(growthDecider, set).when({ kind: 'note_progress', aspirationId: 'a1', note: sealed('progress'), notedOn: '2026-02-01' }).then([progress]);
    });

    it('given it is set, when progress is dated before it was set, then it is refused', () => {
      given(growthDecider, set)
        .when({ kind: 'note_progress', aspirationId: 'a1', note: sealed('progress'), notedOn: '2026-01-01' })
        .thenThrows(ConflictError, 'before 2026-01-10');
    });

    it('given no such aspiration, when progress is noted, then it is not found', () => {
      given(growthDecider)
        .when({ kind: 'note_progress', aspirationId: 'a9', note: sealed('progress'), notedOn: '2026-02-01' })
        .thenThrows(NotFoundError, 'No aspiration with this id');
    });

    it('given progress was noted, when it is achieved, then it is achieved', () => {
      given(growthDecider, set, progress).when({ kind: 'achieve_aspiration', aspirationId: 'a1', achievedOn: '2026-03-01' }).then([achieved]);
    });

    it('given progress was noted, when achieving it is dated before that progress, then it is refused', () => {
      given(growthDecider, set, progress)
        .when({ kind: 'achieve_aspiration', aspirationId: 'a1', achievedOn: '2026-01-15' })
        .thenThrows(ConflictError, 'before 2026-02-01');
    });

    it('given it was achieved, when progress is noted or it is let go, then it is refused', () => {
      given(growthDecider, set, achieved)
        .when({ kind: 'note_progress', aspirationId: 'a1', note: sealed('more'), notedOn: '2026-03-02' })
        .thenThrows(ConflictError, 'This one is achieved');
      given(growthDecider, set, achieved)
        .when({ kind: 'let_go_of_aspiration', aspirationId: 'a1', letGoOn: '2026-03-02' })
        .thenThrows(ConflictError, 'Only an open aspiration can be let go');
    });

    it('given it is set, when the person lets it go, then it is let go with their words', () => {
      given(growthDecider, set)
        .when({ kind: 'let_go_of_aspiration', aspirationId: 'a1', letGoOn: '2026-02-10', note: sealed('why') })
        .then([{ type: 'aspiration.let_go', data: { aspirationId: 'a1', letGoOn: '2026-02-10', note: sealed('why') } }]);
    });

    it('given it is set, when the person changes it, then the old one is changed into a new one that remembers where it came from', () => {
      given(growthDecider, set)
        .when({ kind: 'change_aspiration', aspirationId: 'a1', newAspirationId: 'a2', inPersonsWords: sealed('new words'), changedOn: '2026-02-15' })
        .then([
          { type: 'aspiration.changed', data: { aspirationId: 'a1', changedOn: '2026-02-15', changedTo: 'a2' } },
          { type: 'aspiration.set', data: { aspirationId: 'a2', inPersonsWords: sealed('new words'), setOn: '2026-02-15', changedFrom: 'a1' } },
        ]);
    });

    it('given it changed into a new one, when the new one is achieved, then it is achieved and the old one stays changed', () => {
      const h = given(
        growthDecider,
        set,
        { type: 'aspiration.changed', data: { aspirationId: 'a1', changedOn: '2026-02-15', changedTo: 'a2' } },
        { type: 'aspiration.set', data: { aspirationId: 'a2', inPersonsWords: sealed('new'), setOn: '2026-02-15', changedFrom: 'a1' } },
      );
      expect(h.state.aspirations.get('a1')?.status).toBe('changed');
      h.when({ kind: 'achieve_aspiration', aspirationId: 'a2', achievedOn: '2026-04-01' }).then([
        { type: 'aspiration.achieved', data: { aspirationId: 'a2', achievedOn: '2026-04-01' } },
      ]);
    });

    it('given two aspirations, when it is changed to an id already in use, then it is refused', () => {
      const other: GrowthEvent = { type: 'aspiration.set', data: { aspirationId: 'a2', inPersonsWords: sealed('x'), setOn: '2026-01-10' } };
      given(growthDecider, set, other)
        .when({ kind: 'change_aspiration', aspirationId: 'a1', newAspirationId: 'a2', inPersonsWords: sealed('y'), changedOn: '2026-02-15' })
        .thenThrows(ConflictError, 'already in use');
    });
  });

  describe('a strength', () => {
    it('given nothing, when the person notices a strength, then it is recorded once', () => {
      const noticed: GrowthEvent = {
        type: 'strength.noticed',
        data: { strengthId: 's1', inPersonsWords: sealed('strength'), noticedOn: '2026-01-12', noticedBy: 'person' },
      };
      given(growthDecider)
        .when({ kind: 'notice_strength', strengthId: 's1', inPersonsWords: sealed('strength'), noticedOn: '2026-01-12', noticedBy: 'person' })
        .then([noticed]);
      given(growthDecider, noticed)
        .when({ kind: 'notice_strength', strengthId: 's1', inPersonsWords: sealed('strength'), noticedOn: '2026-01-12', noticedBy: 'person' })
        .thenThrows(ConflictError, 'already recorded');
    });
  });

  describe('a connection', () => {
    it('given nothing, when a connection is made, then it is made with its kind', () => {
      given(growthDecider)
        .when({ kind: 'make_connection', connectionId: 'c1', connectionKind: 'community_group', description: sealed('group'), madeOn: '2026-01-20' })
        .then([made]);
    });

    it('given it was made, when it ends, then it ended, and it cannot end twice', () => {
      const ended: GrowthEvent = { type: 'connection.ended', data: { connectionId: 'c1', endedOn: '2026-05-01' } };
      given(growthDecider, made).when({ kind: 'end_connection', connectionId: 'c1', endedOn: '2026-05-01' }).then([ended]);
      given(growthDecider, made, ended).when({ kind: 'end_connection', connectionId: 'c1', endedOn: '2026-05-02' }).thenThrows(ConflictError, 'already ended');
    });

    it('given it was made, when the ending is dated before it was made, then it is refused', () => {
      given(growthDecider, made).when({ kind: 'end_connection', connectionId: 'c1', endedOn: '2026-01-01' }).thenThrows(ConflictError, 'before 2026-01-20');
    });

    it('given no such connection, when it ends, then it is not found', () => {
      given(growthDecider).when({ kind: 'end_connection', connectionId: 'c9', endedOn: '2026-05-01' }).thenThrows(NotFoundError, 'No connection');
    });
  });
});
