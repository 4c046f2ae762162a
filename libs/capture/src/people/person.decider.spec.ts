import { ConflictError, NotFoundError, type Sealed } from '#libs/kernel';
import { given } from '../testing/given-when-then.js';
import { personDecider, type PersonCommand } from './person.decider.js';
import type { PersonEvent } from './person.events.js';

const sealed = (label: string) => `pd1.p1.iv.tag.${label}` as Sealed;
const ids = { person: 'p1', area: 'a1', team: 't1', coach: 'c1' };

const join: PersonCommand = {
  kind: 'join',
  personId: ids.person,
  displayName: sealed('name'),
  contact: { phone: sealed('phone') },
  referralSource: 'gp',
  areaId: ids.area,
  teamId: ids.team,
  coachId: ids.coach,
  joinedOn: '2026-03-01',
  consent: { toHoldInformation: true, toShareWordsAnonymised: false },
};
const joined: PersonEvent[] = [
  {
    type: 'person.joined',
    data: {
      personId: ids.person,
      displayName: sealed('name'),
      contact: { phone: sealed('phone') },
      referralSource: 'gp',
      areaId: ids.area,
      teamId: ids.team,
      coachId: ids.coach,
      joinedOn: '2026-03-01',
    },
  },
  { type: 'person.consent_recorded', data: { toHoldInformation: true, toShareWordsAnonymised: false, recordedOn: '2026-03-01' } },
];

describe('a person', () => {
  it('given nothing, when they join with consent to hold their information, then they joined and their consent is recorded', () => {
    given(personDecider).when(join).then(joined);
  });

  it('given nothing, when they join without consent to hold their information, then nothing is recorded', () => {
    given(personDecider)
      .when({ ...join, consent: { toHoldInformation: false, toShareWordsAnonymised: false } })
      .thenThrows(ConflictError, 'consent to hold their information');
  });

  it('given a person who joined, when they join again, then it is refused', () => {
    given(personDecider, ...joined).when(join).thenThrows(ConflictError, 'already joined');
  });

  it('given a person, when they agree to share their words anonymised, then the new consent is recorded', () => {
    given(personDecider, ...joined)
      .when({ kind: 'record_consent', toHoldInformation: true, toShareWordsAnonymised: true, recordedOn: '2026-04-01' })
      .then([{ type: 'person.consent_recorded', data: { toHoldInformation: true, toShareWordsAnonymised: true, recordedOn: '2026-04-01' } }]);
  });

  it('given a person, when they move area, then the move is recorded and nothing else ends', () => {
    given(personDecider, ...joined)
      .when({ kind: 'move_area', areaId: 'a2', teamId: 't2', coachId: ids.coach, movedOn: '2026-05-01' })
      .then([{ type: 'person.moved_area', data: { areaId: 'a2', teamId: 't2', coachId: ids.coach, movedOn: '2026-05-01' } }]);
  });

  it('given a person, when moved to where they already are, then nothing is recorded', () => {
    given(personDecider, ...joined)
      .when({ kind: 'move_area', areaId: ids.area, teamId: ids.team, coachId: ids.coach, movedOn: '2026-05-01' })
      .then([]);
  });

  it('given a person, when their details change, then only what changed is recorded', () => {
    given(personDecider, ...joined)
      .when({ kind: 'change_details', displayName: sealed('new-name') })
      .then([{ type: 'person.details_changed', data: { displayName: sealed('new-name') } }]);
  });

  it('given a person, when they no longer want a contact detail held, then its removal is recorded; and a change of nothing records nothing', () => {
    given(personDecider, ...joined)
      .when({ kind: 'change_details', removed: ['phone'] })
      .then([{ type: 'person.details_changed', data: { removed: ['phone'] } }]);
    given(personDecider, ...joined).when({ kind: 'change_details', removed: [] }).then([]);
  });

  it('given nobody, when consent is recorded, then it is not found', () => {
    given(personDecider)
      .when({ kind: 'record_consent', toHoldInformation: true, toShareWordsAnonymised: true, recordedOn: '2026-04-01' })
      .thenThrows(NotFoundError, 'No person');
  });
});
