import { ConflictError, type Decider, NotFoundError, type Sealed, ValidationError } from '#libs/kernel';
import type { Polarity } from '../shared/directory.js';
import type { ImpactTag, ObservationCorrections, ObservationEvent, ObservationKind, ObservationRecorded } from './observation.events.js';

/** What the handler looked up about the category the observation ends up with. */
export interface CategoryFacts {
  readonly id: string;
  readonly polarity: Polarity;
  readonly retired: boolean;
}

export type ObservationCommand =
  | {
      kind: 'record';
      observation: ObservationRecorded;
      category: CategoryFacts;
      /** The linked person's consent as it stands now (false when no person is linked). */
      personSharesWords: boolean;
    }
  | {
      kind: 'amend';
      corrections: ObservationCorrections;
      reason?: Sealed;
      /** The category the observation would have after the amendment, when kind or category change. */
      category?: CategoryFacts;
      personSharesWords: boolean;
    }
  | { kind: 'retract'; reason: Sealed }
  | { kind: 'match_organisation'; organisationId: string }
  | {
      kind: 'approve_quote';
      text: Sealed;
      redacted: boolean;
      /** The person's consent as it stands now. */
      personSharesWords: boolean;
    }
  | { kind: 'withdraw_quote_approval'; reason: Sealed };

export interface ObservationState {
  readonly recorded: boolean;
  readonly retracted: boolean;
  readonly observationId?: string;
  readonly kind?: ObservationKind;
  readonly organisationId?: string;
  readonly unmatchedOrganisationName?: string;
  readonly areaId?: string;
  readonly categoryId?: string;
  readonly impactTags?: readonly ImpactTag[];
  readonly severity?: number;
  readonly occurredOn?: string;
  readonly personId?: string;
  readonly interactionId?: string;
  readonly hasQuote: boolean;
  /** An approval of the current quote for sharing (lapses when the quote changes). */
  readonly quoteApproved: boolean;
}

const LABEL: Record<ObservationKind, string> = { barrier: 'barrier', bright_spot: 'bright spot' };

function checkCategory(kind: ObservationKind, category: CategoryFacts, chosenNow: boolean): void {
  if (chosenNow && category.retired) throw new ValidationError('is retired: choose a current category', 'categoryId');
  if (category.polarity !== kind) {
    throw new ValidationError(`is a ${LABEL[category.polarity]} category: a ${LABEL[kind]} needs a ${LABEL[kind]} category`, 'categoryId');
  }
}

function checkQuote(personId: string | undefined, personSharesWords: boolean): void {
  if (!personId) throw new ValidationError('can only be recorded with the person whose words they are (personId)', 'quote');
  if (!personSharesWords) {
    throw new ConflictError(
      'The person has not consented to their words being shared anonymised: leave the quote out, or record their consent first.',
    );
  }
}

const sameTags = (a: readonly ImpactTag[] | undefined, b: readonly ImpactTag[]) =>
  !!a && a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * One observation's life: recorded, corrected by amendments (never edited in place), matched
 * to an organisation when it was recorded against a name only, and retracted with a reason.
 * A retracted observation takes no further change.
 */
export const observationDecider: Decider<ObservationCommand, ObservationEvent, ObservationState> = {
  initialState: { recorded: false, retracted: false, hasQuote: false, quoteApproved: false },

  evolve(state, event) {
    switch (event.type) {
      case 'observation.recorded': {
        const d = event.data;
        return {
          recorded: true,
          retracted: false,
          observationId: d.observationId,
          kind: d.kind,
          organisationId: d.organisationId,
          unmatchedOrganisationName: d.unmatchedOrganisationName,
          areaId: d.areaId,
          categoryId: d.categoryId,
          impactTags: d.impactTags,
          severity: d.severity,
          occurredOn: d.occurredOn,
          personId: d.personId,
          interactionId: d.interactionId,
          hasQuote: d.quote !== undefined,
          quoteApproved: false,
        };
      }
      case 'observation.amended': {
        const c = event.data.corrections;
        return {
          ...state,
          kind: c.kind ?? state.kind,
          organisationId: c.organisationId ?? state.organisationId,
          areaId: c.areaId ?? state.areaId,
          categoryId: c.categoryId ?? state.categoryId,
          impactTags: c.impactTags ?? state.impactTags,
          severity: c.severity ?? state.severity,
          occurredOn: c.occurredOn ?? state.occurredOn,
          hasQuote: c.quote === undefined ? state.hasQuote : c.quote !== null,
          quoteApproved: c.quote === undefined && state.quoteApproved,
        };
      }
      case 'observation.retracted':
        return { ...state, retracted: true };
      case 'observation.organisation_matched':
        return { ...state, organisationId: event.data.organisationId };
      case 'observation.quote_approved':
        return { ...state, quoteApproved: true };
      case 'observation.quote_approval_withdrawn':
        return { ...state, quoteApproved: false };
    }
  },

  decide(command, state) {
    if (command.kind === 'record') {
      if (state.recorded) throw new ConflictError('This observation is already recorded.');
      const o = command.observation;
      if (!o.organisationId === !o.unmatchedOrganisationName) {
        throw new ValidationError('name the service: an organisation, or its name when it is not listed yet (not both)', 'organisationId');
      }
      checkCategory(o.kind, command.category, true);
      if (o.interactionId && !o.personId) throw new ValidationError('needs the person it was with (personId)', 'interactionId');
      if (o.quote) checkQuote(o.personId, command.personSharesWords);
      return [{ type: 'observation.recorded', data: o }];
    }

    if (!state.recorded || !state.observationId) throw new NotFoundError('No observation with this id has been recorded.');
    const observationId = state.observationId;

    switch (command.kind) {
      case 'amend': {
        if (state.retracted) throw new ConflictError('This observation was retracted: it cannot be amended.');
        const asked = command.corrections;
        if (Object.keys(asked).length === 0) throw new ValidationError('has nothing to correct', 'input');
        // Keep only what really changes; sealed words always count as a correction.
        const c: { -readonly [K in keyof ObservationCorrections]: ObservationCorrections[K] } = {};
        if (asked.kind !== undefined && asked.kind !== state.kind) c.kind = asked.kind;
        if (asked.organisationId !== undefined && asked.organisationId !== state.organisationId) c.organisationId = asked.organisationId;
        if (asked.areaId !== undefined && asked.areaId !== state.areaId) c.areaId = asked.areaId;
        if (asked.categoryId !== undefined && asked.categoryId !== state.categoryId) c.categoryId = asked.categoryId;
        if (asked.whatHappened !== undefined) c.whatHappened = asked.whatHappened;
        if (asked.impact !== undefined) c.impact = asked.impact;
        if (asked.impactTags !== undefined && !sameTags(state.impactTags, asked.impactTags)) c.impactTags = asked.impactTags;
        if (asked.quote !== undefined && (asked.quote !== null || state.hasQuote)) c.quote = asked.quote;
        if (asked.severity !== undefined && asked.severity !== state.severity) c.severity = asked.severity;
        if (asked.occurredOn !== undefined && asked.occurredOn !== state.occurredOn) c.occurredOn = asked.occurredOn;
        if (Object.keys(c).length === 0) return [];

        if (c.kind !== undefined || c.categoryId !== undefined) {
          if (!command.category) throw new Error('The category facts are needed when kind or category change');
          checkCategory(c.kind ?? state.kind!, command.category, c.categoryId !== undefined);
        }
        if (c.quote) checkQuote(state.personId, command.personSharesWords);
        return [
          {
            type: 'observation.amended',
            data: { observationId, corrections: c, ...(command.reason ? { reason: command.reason } : {}) },
          },
        ];
      }
      case 'retract':
        if (state.retracted) throw new ConflictError('This observation has already been retracted.');
        return [{ type: 'observation.retracted', data: { observationId, reason: command.reason } }];
      case 'match_organisation':
        if (state.retracted) throw new ConflictError('This observation was retracted: it cannot be matched to an organisation.');
        if (state.organisationId) {
          throw new ConflictError('This observation already names an organisation: amend it to correct the organisation.');
        }
        return [
          {
            type: 'observation.organisation_matched',
            data: { observationId, organisationId: command.organisationId, unmatchedOrganisationName: state.unmatchedOrganisationName ?? '' },
          },
        ];
      case 'approve_quote':
        if (state.retracted) throw new ConflictError('This observation was retracted: its quote cannot be approved.');
        if (!state.hasQuote) throw new ConflictError('This observation has no quote to approve.');
        if (!command.personSharesWords) {
          throw new ConflictError('The person has not consented to their words being shared anonymised: the quote cannot be approved.');
        }
        return [{ type: 'observation.quote_approved', data: { observationId, text: command.text, redacted: command.redacted } }];
      case 'withdraw_quote_approval':
        if (!state.quoteApproved) throw new ConflictError('This observation\'s quote is not approved: there is no approval to withdraw.');
        return [{ type: 'observation.quote_approval_withdrawn', data: { observationId, reason: command.reason } }];
    }
  },
};
