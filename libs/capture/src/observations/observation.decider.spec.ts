import { ConflictError, NotFoundError, type Sealed, ValidationError } from '#libs/kernel';
import { given } from '../testing/given-when-then.js';
import { type CategoryFacts, type ObservationCommand, observationDecider } from './observation.decider.js';
import type { ObservationEvent, ObservationRecorded } from './observation.events.js';

const sealed = (label: string) => `pd1.p1.iv.tag.${label}` as Sealed;
const ids = { observation: 'o1', org: 'org-1', otherOrg: 'org-2', area: 'a1', person: 'p1', interaction: 'i1' };
const barrierCategory: CategoryFacts = { id: 'eligibility_criteria', polarity: 'barrier', retired: false };
const brightCategory: CategoryFacts = { id: 'joined_up_support', polarity: 'bright_spot', retired: false };

const barrier: ObservationRecorded = {
  observationId: ids.observation,
  kind: 'barrier',
  organisationId: ids.org,
  areaId: ids.area,
  categoryId: barrierCategory.id,
  whatHappened: sealed('what'),
  impact: sealed('impact'),
  impactTags: ['lost_or_risked_housing', 'crisis'],
  quote: sealed('quote'),
  severity: 4,
  occurredOn: '2026-02-10',
  personId: ids.person,
  interactionId: ids.interaction,
};
const recorded: ObservationEvent = { type: 'observation.recorded', data: barrier };
const record = (observation: ObservationRecorded, overrides: Partial<Extract<ObservationCommand, { kind: 'record' }>> = {}): ObservationCommand => ({
  kind: 'record',
  observation,
  category: barrierCategory,
  personSharesWords: true,
  ...overrides,
});
const amend = (overrides: Partial<Extract<ObservationCommand, { kind: 'amend' }>>): ObservationCommand => ({
  kind: 'amend',
  corrections: {},
  personSharesWords: true,
  ...overrides,
});
const retracted: ObservationEvent = { type: 'observation.retracted', data: { observationId: ids.observation, reason: sealed('reason') } };
const { organisationId: _org, ...withoutOrganisation } = barrier;
const unmatched: ObservationRecorded = { ...withoutOrganisation, unmatchedOrganisationName: 'Riverside Hub' };

describe('recording an observation', () => {
  it('given nothing, when a barrier is recorded with a quote the person consents to share, then it is recorded', () => {
    given(observationDecider).when(record(barrier)).then([recorded]);
  });

  it('given nothing, when a bright spot is recorded against a bright spot category without a person, then it is recorded', () => {
    const bright: ObservationRecorded = {
      observationId: ids.observation,
      kind: 'bright_spot',
      organisationId: ids.org,
      areaId: ids.area,
      categoryId: brightCategory.id,
      whatHappened: sealed('what'),
      impact: sealed('impact'),
      impactTags: [],
      severity: 2,
      occurredOn: '2026-02-10',
    };
    given(observationDecider)
      .when(record(bright, { category: brightCategory, personSharesWords: false }))
      .then([{ type: 'observation.recorded', data: bright }]);
  });

  it('given nothing, when the service is named but not matched to an organisation, then it is recorded as unmatched', () => {
    given(observationDecider).when(record(unmatched)).then([{ type: 'observation.recorded', data: unmatched }]);
  });

  it('given nothing, when neither an organisation nor a name is given, then it is refused naming organisationId', () => {
    const { unmatchedOrganisationName: _n, ...neither } = unmatched;
    given(observationDecider).when(record(neither)).thenThrows(ValidationError, /^organisationId: name the service/);
  });

  it('given nothing, when both an organisation and a name are given, then it is refused', () => {
    given(observationDecider).when(record({ ...barrier, unmatchedOrganisationName: 'Riverside Hub' })).thenThrows(ValidationError, 'not both');
  });

  it('given nothing, when a barrier is filed under a bright spot category, then it is refused naming categoryId', () => {
    given(observationDecider)
      .when(record(barrier, { category: { ...brightCategory, id: barrier.categoryId } }))
      .thenThrows(ValidationError, 'categoryId: is a bright spot category: a barrier needs a barrier category');
  });

  it('given nothing, when a bright spot is filed under a barrier category, then it is refused', () => {
    given(observationDecider)
      .when(record({ ...barrier, kind: 'bright_spot' }))
      .thenThrows(ValidationError, 'is a barrier category: a bright spot needs a bright spot category');
  });

  it('given nothing, when the category is retired, then it is refused', () => {
    given(observationDecider)
      .when(record(barrier, { category: { ...barrierCategory, retired: true } }))
      .thenThrows(ValidationError, 'categoryId: is retired');
  });

  it('given nothing, when a quote comes without the person\'s consent to share their words, then it is a conflict', () => {
    given(observationDecider).when(record(barrier, { personSharesWords: false })).thenThrows(ConflictError, 'has not consented');
  });

  it('given nothing, when a quote comes with no person linked, then it is refused naming quote', () => {
    const { personId: _p, interactionId: _i, ...anonymous } = barrier;
    given(observationDecider).when(record(anonymous)).thenThrows(ValidationError, 'quote: can only be recorded with the person');
  });

  it('given nothing, when an interaction is linked without its person, then it is refused naming interactionId', () => {
    const { personId: _p, quote: _q, ...noPerson } = barrier;
    given(observationDecider).when(record(noPerson)).thenThrows(ValidationError, 'interactionId: needs the person');
  });

  it('given it was recorded, when it is recorded again, then it is a conflict', () => {
    given(observationDecider, recorded).when(record(barrier)).thenThrows(ConflictError, 'already recorded');
  });
});

describe('amending an observation', () => {
  it('given it was recorded, when severity, date and words are corrected, then only what changed is kept as the amendment', () => {
    given(observationDecider, recorded)
      .when(
        amend({
          corrections: { severity: 5, occurredOn: barrier.occurredOn, whatHappened: sealed('what-2'), impactTags: ['crisis', 'lost_or_risked_housing'] },
          reason: sealed('why'),
        }),
      )
      .then([
        {
          type: 'observation.amended',
          data: { observationId: ids.observation, corrections: { severity: 5, whatHappened: sealed('what-2') }, reason: sealed('why') },
        },
      ]);
  });

  it('given it was recorded, when the corrections change nothing, then nothing is recorded', () => {
    given(observationDecider, recorded).when(amend({ corrections: { severity: 4, areaId: ids.area } })).then([]);
  });

  it('given it was recorded, when an amendment has nothing in it, then it is refused', () => {
    given(observationDecider, recorded).when(amend({})).thenThrows(ValidationError, 'input: has nothing to correct');
  });

  it('given a barrier, when it is corrected to a bright spot with a bright spot category, then both change', () => {
    given(observationDecider, recorded)
      .when(amend({ corrections: { kind: 'bright_spot', categoryId: brightCategory.id }, category: brightCategory }))
      .then([
        {
          type: 'observation.amended',
          data: { observationId: ids.observation, corrections: { kind: 'bright_spot', categoryId: brightCategory.id } },
        },
      ]);
  });

  it('given a barrier, when only its kind is corrected, then its category no longer fits and it is refused', () => {
    given(observationDecider, recorded)
      .when(amend({ corrections: { kind: 'bright_spot' }, category: barrierCategory }))
      .thenThrows(ValidationError, 'categoryId: is a barrier category: a bright spot needs a bright spot category');
  });

  it('given it was recorded, when it is moved to a retired category, then it is refused', () => {
    given(observationDecider, recorded)
      .when(amend({ corrections: { categoryId: 'old_category' }, category: { id: 'old_category', polarity: 'barrier', retired: true } }))
      .thenThrows(ValidationError, 'categoryId: is retired');
  });

  it('given it was recorded, when a new quote comes after the person withdrew consent, then it is a conflict', () => {
    given(observationDecider, recorded)
      .when(amend({ corrections: { quote: sealed('quote-2') }, personSharesWords: false }))
      .thenThrows(ConflictError, 'has not consented');
  });

  it('given it was recorded with a quote, when the quote is taken out, then it is taken out (no consent needed)', () => {
    given(observationDecider, recorded)
      .when(amend({ corrections: { quote: null }, personSharesWords: false }))
      .then([{ type: 'observation.amended', data: { observationId: ids.observation, corrections: { quote: null } } }]);
  });

  it('given it was recorded without a person, when a quote is added, then it is refused naming quote', () => {
    const { personId: _p, interactionId: _i, quote: _q, ...anonymous } = barrier;
    given(observationDecider, { type: 'observation.recorded', data: anonymous })
      .when(amend({ corrections: { quote: sealed('quote') } }))
      .thenThrows(ValidationError, 'quote: can only be recorded with the person');
  });

  it('given it was retracted, when it is amended, then it is a conflict', () => {
    given(observationDecider, recorded, retracted).when(amend({ corrections: { severity: 1 } })).thenThrows(ConflictError, 'retracted: it cannot be amended');
  });

  it('given nothing, when it is amended, then it is not found', () => {
    given(observationDecider).when(amend({ corrections: { severity: 1 } })).thenThrows(NotFoundError, 'No observation');
  });
});

describe('retracting an observation', () => {
  it('given it was recorded, when it is retracted with a reason, then it is retracted', () => {
    given(observationDecider, recorded).when({ kind: 'retract', reason: sealed('reason') }).then([retracted]);
  });

  it('given it was amended, when it is retracted, then it is retracted', () => {
    const amended: ObservationEvent = { type: 'observation.amended', data: { observationId: ids.observation, corrections: { severity: 2 } } };
    given(observationDecider, recorded, amended).when({ kind: 'retract', reason: sealed('reason') }).then([retracted]);
  });

  it('given it was retracted, when it is retracted again, then it is a conflict', () => {
    given(observationDecider, recorded, retracted).when({ kind: 'retract', reason: sealed('again') }).thenThrows(ConflictError, 'already been retracted');
  });

  it('given nothing, when it is retracted, then it is not found', () => {
    given(observationDecider).when({ kind: 'retract', reason: sealed('reason') }).thenThrows(NotFoundError, 'No observation');
  });
});

describe('matching an unmatched organisation name', () => {
  const recordedUnmatched: ObservationEvent = { type: 'observation.recorded', data: unmatched };

  it('given it names an unmatched service, when an influencer matches it to an organisation, then the match is recorded with the name', () => {
    given(observationDecider, recordedUnmatched)
      .when({ kind: 'match_organisation', organisationId: ids.otherOrg })
      .then([
        {
          type: 'observation.organisation_matched',
          data: { observationId: ids.observation, organisationId: ids.otherOrg, unmatchedOrganisationName: 'Riverside Hub' },
        },
      ]);
  });

  it('given it was matched, when it is matched again, then it is a conflict', () => {
    const matched: ObservationEvent = {
      type: 'observation.organisation_matched',
      data: { observationId: ids.observation, organisationId: ids.otherOrg, unmatchedOrganisationName: 'Riverside Hub' },
    };
    given(observationDecider, recordedUnmatched, matched)
      .when({ kind: 'match_organisation', organisationId: ids.org })
      .thenThrows(ConflictError, 'already names an organisation');
  });

  it('given it names an organisation, when it is matched, then it is a conflict', () => {
    given(observationDecider, recorded).when({ kind: 'match_organisation', organisationId: ids.otherOrg }).thenThrows(ConflictError, 'already names');
  });

  it('given it was retracted, when it is matched, then it is a conflict', () => {
    given(observationDecider, recordedUnmatched, retracted)
      .when({ kind: 'match_organisation', organisationId: ids.org })
      .thenThrows(ConflictError, 'retracted');
  });

  it('given nothing, when it is matched, then it is not found', () => {
    given(observationDecider).when({ kind: 'match_organisation', organisationId: ids.org }).thenThrows(NotFoundError, 'No observation');
  });
});

describe('approving a quote for sharing', () => {
  const approve = (overrides: Partial<Extract<ObservationCommand, { kind: 'approve_quote' }>> = {}): ObservationCommand => ({
    kind: 'approve_quote',
    text: sealed('redacted'),
    redacted: true,
    personSharesWords: true,
    ...overrides,
  });
  const approved: ObservationEvent = { type: 'observation.quote_approved', data: { observationId: ids.observation, text: sealed('redacted'), redacted: true } };

  it('given a quote the person consents to share, when an influencer approves a redacted text, then the approval is recorded', () => {
    given(observationDecider, recorded).when(approve()).then([approved]);
  });

  it('given no consent any more, when the quote is approved, then it is refused', () => {
    given(observationDecider, recorded).when(approve({ personSharesWords: false })).thenThrows(ConflictError, /not consented/);
  });

  it('given an observation without a quote, when a quote is approved, then it is refused', () => {
    const { quote: _quote, ...withoutQuote } = barrier;
    given(observationDecider, { type: 'observation.recorded', data: withoutQuote }).when(approve()).thenThrows(ConflictError, /no quote/);
  });

  it('given a retracted observation, when its quote is approved, then it is refused', () => {
    given(observationDecider, recorded, retracted).when(approve()).thenThrows(ConflictError, /retracted/);
  });

  it('given an approval, when the quote is amended, then the approval lapses and cannot be withdrawn', () => {
    const changed: ObservationEvent = { type: 'observation.amended', data: { observationId: ids.observation, corrections: { quote: sealed('new quote') } } };
    given(observationDecider, recorded, approved, changed)
      .when({ kind: 'withdraw_quote_approval', reason: sealed('why') })
      .thenThrows(ConflictError, /not approved/);
  });

  it('given an approval, when other fields are amended, then the approval stands and can be withdrawn', () => {
    const changed: ObservationEvent = { type: 'observation.amended', data: { observationId: ids.observation, corrections: { severity: 2 } } };
    given(observationDecider, recorded, approved, changed)
      .when({ kind: 'withdraw_quote_approval', reason: sealed('why') })
      .then([{ type: 'observation.quote_approval_withdrawn', data: { observationId: ids.observation, reason: sealed('why') } }]);
  });

  it('given nothing recorded, when a quote is approved, then there is no such observation', () => {
    given(observationDecider).when(approve()).thenThrows(NotFoundError, /No observation/);
  });
});
