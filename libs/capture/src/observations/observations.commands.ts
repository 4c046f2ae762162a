import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, isUuid, NotFoundError, type PersonalDataVault, type Sealed } from '#libs/kernel';
import { coachingDecider } from '../coaching/coaching.decider.js';
import { coachingStream } from '../coaching/coaching.events.js';
import { personDecider } from '../people/person.decider.js';
import { personStream } from '../people/person.events.js';
import { type CommandContext, type CommandReceipt, createdId } from '../shared/command-context.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { DIRECTORY, type Directory } from '../shared/directory.js';
import { PERSONAL_DATA_VAULT } from '../shared/tokens.js';
import { Check } from '../shared/validation.js';
import { type CategoryFacts, type ObservationCommand, observationDecider, type ObservationState } from './observation.decider.js';
import {
  IMPACT_TAGS,
  type ImpactTag,
  OBSERVATION_KINDS,
  type ObservationCorrections,
  type ObservationEvent,
  type ObservationKind,
  type ObservationRecorded,
  observationStream,
  observationSubject,
} from './observation.events.js';
import { CaptureCommand } from '../shared/capture-command.js';
import { checkRedaction } from './quote-redaction.js';

export const OBSERVATION_READ_MODELS = ['observations'] as const;
const OBSERVATION = { stream: observationStream, decider: observationDecider, readModels: OBSERVATION_READ_MODELS };

const LIMITS = { whatHappened: 4000, impact: 2000, quote: 1000, organisationName: 200, reason: 500, categoryId: 64 } as const;

export interface RecordObservationInput {
  observationId?: string | null;
  kind: string;
  organisationId?: string | null;
  unmatchedOrganisationName?: string | null;
  areaId: string;
  categoryId: string;
  whatHappened: string;
  impact: string;
  impactTags?: string[] | null;
  quote?: string | null;
  severity: number;
  occurredOn: string;
  personId?: string | null;
  interactionId?: string | null;
}

export interface AmendObservationInput {
  observationId: string;
  kind?: string | null;
  organisationId?: string | null;
  areaId?: string | null;
  categoryId?: string | null;
  whatHappened?: string | null;
  impact?: string | null;
  impactTags?: string[] | null;
  quote?: string | null;
  removeQuote?: boolean | null;
  severity?: number | null;
  occurredOn?: string | null;
  /** Why it is corrected (free text, sealed like the observation's other words). */
  reason?: string | null;
}

export interface RetractObservationInput {
  observationId: string;
  reason: string;
}

export interface MatchObservationOrganisationInput {
  observationId: string;
  organisationId: string;
}

export class RecordObservation extends CaptureCommand<RecordObservationInput> {}
export class AmendObservation extends CaptureCommand<AmendObservationInput> {}
export class RetractObservation extends CaptureCommand<RetractObservationInput> {}
export class MatchObservationOrganisation extends CaptureCommand<MatchObservationOrganisationInput> {}

export interface ApproveQuoteInput {
  observationId: string;
  /** The quote as it may be shared: the person's words, with identifying details taken out. */
  text: string;
}

export interface WithdrawQuoteApprovalInput {
  observationId: string;
  reason: string;
}

export class ApproveQuote extends CaptureCommand<ApproveQuoteInput> {}
export class WithdrawQuoteApproval extends CaptureCommand<WithdrawQuoteApprovalInput> {}

/** Whose key an observation's words are sealed with: the person's, else the observation's own. */
function subjectOf(observationId: string, personId: string | undefined): string {
  return personId ?? observationSubject(observationId);
}

/** Seals under `subject`; refuses (before anything is sealed) once that person has been forgotten. */
async function sealerFor(vault: PersonalDataVault, subject: string): Promise<(text: string) => Promise<Sealed>> {
  if (await vault.isForgotten(subject)) {
    throw new ConflictError('This person has been forgotten: nothing more can be recorded in their words.');
  }
  return (text) => vault.seal(subject, text);
}

function impactTags(check: Check, values: readonly string[] | null | undefined): ImpactTag[] {
  const list = check.list('impactTags', values, { max: IMPACT_TAGS.length });
  const tags = list.map((tag, i) => check.oneOf<ImpactTag>(`impactTags[${i}]`, tag, IMPACT_TAGS));
  return [...new Set(tags)];
}

/**
 * Cross-aggregate look-ups, each adding a field problem to `check` when it fails. Ids that are
 * not well formed were already named by the shape checks and are not looked up.
 */
class Lookups {
  constructor(
    private readonly check: Check,
    private readonly directory: Directory,
    private readonly executor: CommandExecutor,
  ) {}

  /** The organisation an observation is recorded against: the survivor when the record chosen was merged. */
  async organisation(id: string | undefined, hint = ''): Promise<string | undefined> {
    if (!id || !isUuid(id)) return id;
    let organisation = await this.directory.organisation(id);
    for (let hops = 0; organisation?.mergedInto && hops < 20; hops++) organisation = await this.directory.organisation(organisation.mergedInto);
    if (!organisation) {
      this.check.problem('organisationId', `is not a known organisation${hint}`);
      return id;
    }
    return organisation.id;
  }

  async area(id: string | undefined): Promise<void> {
    if (id && isUuid(id) && !(await this.directory.area(id))) this.check.problem('areaId', 'is not a known area');
  }

  async category(id: string | undefined): Promise<CategoryFacts | undefined> {
    if (!id) return undefined;
    const category = await this.directory.category(id);
    if (!category) {
      this.check.problem('categoryId', 'is not a category in the taxonomy');
      return undefined;
    }
    return { id: category.id, polarity: category.polarity, retired: category.retired };
  }

  /** Whether the person has joined, and their consent to share their words as it stands now. */
  async person(id: string | undefined): Promise<{ joined: boolean; sharesWords: boolean }> {
    if (!id || !isUuid(id)) return { joined: false, sharesWords: false };
    const { state } = await this.executor.state(personStream(id), personDecider);
    if (!state.joined) this.check.problem('personId', 'no person with this id has joined');
    return { joined: state.joined, sharesWords: state.joined && state.consent.toShareWordsAnonymised };
  }

  /** The interaction is in the (joined) person's coaching stream. */
  async interaction(personId: string | undefined, interactionId: string | undefined): Promise<void> {
    if (!personId || !interactionId || !isUuid(interactionId)) return;
    const { state } = await this.executor.state(coachingStream(personId), coachingDecider);
    if (!state.interactionIds.has(interactionId)) this.check.problem('interactionId', 'is not an interaction recorded with this person');
  }
}

/** The observation's state together with its current quote, still sealed. */
const withQuote = {
  initialState: { observation: observationDecider.initialState, quote: undefined as Sealed | undefined },
  evolve(s: { observation: ObservationState; quote: Sealed | undefined }, event: ObservationEvent) {
    let quote = s.quote;
    if (event.type === 'observation.recorded') quote = event.data.quote;
    if (event.type === 'observation.amended' && event.data.corrections.quote !== undefined) quote = event.data.corrections.quote ?? undefined;
    return { observation: observationDecider.evolve(s.observation, event), quote };
  },
};

/** Seals a reason about a person's observation: under the observation's own key once the person has been forgotten. */
async function reasonSealer(vault: PersonalDataVault, observationId: string, personId: string | undefined) {
  let subject = subjectOf(observationId, personId);
  if (personId && (await vault.isForgotten(subject))) subject = observationSubject(observationId);
  return (text: string) => vault.seal(subject, text);
}

/** A command that carries only a reason, sealed like the observation's words. */
async function withSealedReason(
  executor: CommandExecutor,
  vault: PersonalDataVault,
  input: { observationId: string; reason: string },
  context: CommandContext,
  command: (reason: Sealed) => ObservationCommand,
): Promise<CommandReceipt> {
  const check = new Check(context.now);
  const observationId = check.id('observationId', input.observationId);
  const reason = check.text('reason', input.reason, { max: LIMITS.reason });
  check.done();
  return executor.on(OBSERVATION).record(observationId, context, async () => {
    const state = await loadObservation(executor, observationId);
    const seal = await reasonSealer(vault, observationId, state.personId);
    return command(await seal(reason));
  });
}

async function loadObservation(executor: CommandExecutor, observationId: string): Promise<ObservationState> {
  const { state } = await executor.state(observationStream(observationId), observationDecider);
  if (!state.recorded) throw new NotFoundError('No observation with this id has been recorded.');
  return state;
}

@CommandHandler(RecordObservation)
export class RecordObservationHandler implements ICommandHandler<RecordObservation> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async execute({ input, context }: RecordObservation): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const observationId = createdId(check, context, 'observationId', input.observationId);
    const kind = check.oneOf<ObservationKind>('kind', input.kind, OBSERVATION_KINDS);
    const namedOrganisation = check.id('organisationId', input.organisationId, true);
    const unmatchedName = check.text('unmatchedOrganisationName', input.unmatchedOrganisationName, { max: LIMITS.organisationName, optional: true });
    if (!namedOrganisation && !unmatchedName) {
      check.problem('organisationId', 'is required: choose the organisation, or give its name as unmatchedOrganisationName');
    }
    if (namedOrganisation && unmatchedName) check.problem('unmatchedOrganisationName', 'is only for a service not listed: leave it out when organisationId is given');
    const areaId = check.id('areaId', input.areaId);
    const categoryId = check.text('categoryId', input.categoryId, { max: LIMITS.categoryId });
    const whatHappened = check.text('whatHappened', input.whatHappened, { max: LIMITS.whatHappened });
    const impact = check.text('impact', input.impact, { max: LIMITS.impact });
    const tags = impactTags(check, input.impactTags);
    const quote = check.text('quote', input.quote, { max: LIMITS.quote, optional: true });
    const severity = check.int('severity', input.severity, { min: 1, max: 5 });
    const occurredOn = check.date('occurredOn', input.occurredOn);
    const personId = check.id('personId', input.personId, true);
    const interactionId = check.id('interactionId', input.interactionId, true);
    if (interactionId && !personId) check.problem('interactionId', 'needs the person it was with (personId)');
    if (quote && !personId) check.problem('quote', 'can only be recorded with the person whose words they are (personId)');

    check.done();

    return this.executor.on(OBSERVATION).record(observationId, context, async () => {
      const look = new Lookups(check, this.directory, this.executor);
      const organisationId = await look.organisation(namedOrganisation, ' (give its name as unmatchedOrganisationName instead)');
      await look.area(areaId);
      const category = await look.category(categoryId);
      const person = await look.person(personId);
      if (person.joined) await look.interaction(personId, interactionId);
      check.done();

      const seal = await sealerFor(this.vault, subjectOf(observationId, personId));
      const observation: ObservationRecorded = {
        observationId,
        kind,
        ...(organisationId ? { organisationId } : { unmatchedOrganisationName: unmatchedName! }),
        areaId,
        categoryId: categoryId!,
        whatHappened: await seal(whatHappened!),
        impact: await seal(impact!),
        impactTags: tags,
        ...(quote ? { quote: await seal(quote) } : {}),
        severity,
        occurredOn,
        ...(personId ? { personId } : {}),
        ...(interactionId ? { interactionId } : {}),
      };
      return { kind: 'record', observation, category: category!, personSharesWords: person.sharesWords };
    });
  }
}

@CommandHandler(AmendObservation)
export class AmendObservationHandler implements ICommandHandler<AmendObservation> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async execute({ input, context }: AmendObservation): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const observationId = check.id('observationId', input.observationId);
    const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;
    const kind = given(input.kind) ? check.oneOf<ObservationKind>('kind', input.kind, OBSERVATION_KINDS) : undefined;
    const namedOrganisation = given(input.organisationId) ? check.id('organisationId', input.organisationId) : undefined;
    const areaId = given(input.areaId) ? check.id('areaId', input.areaId) : undefined;
    const categoryId = given(input.categoryId) ? check.text('categoryId', input.categoryId, { max: LIMITS.categoryId }) : undefined;
    const whatHappened = given(input.whatHappened) ? check.text('whatHappened', input.whatHappened, { max: LIMITS.whatHappened }) : undefined;
    const impact = given(input.impact) ? check.text('impact', input.impact, { max: LIMITS.impact }) : undefined;
    const tags = given(input.impactTags) ? impactTags(check, input.impactTags) : undefined;
    const quote = given(input.quote) ? check.text('quote', input.quote, { max: LIMITS.quote }) : undefined;
    if (quote && input.removeQuote) check.problem('removeQuote', 'cannot be set together with a new quote');
    const severity = given(input.severity) ? check.int('severity', input.severity, { min: 1, max: 5 }) : undefined;
    const occurredOn = given(input.occurredOn) ? check.date('occurredOn', input.occurredOn) : undefined;
    const reason = check.text('reason', input.reason, { max: LIMITS.reason, optional: true });
    const asked = [kind, namedOrganisation, areaId, categoryId, whatHappened, impact, tags, quote, severity, occurredOn].some(given);
    if (!asked && !input.removeQuote) check.problem('input', 'give at least one correction');
    check.done();

    return this.executor.on(OBSERVATION).record(observationId, context, async () => {
      const state = await loadObservation(this.executor, observationId);
      const look = new Lookups(check, this.directory, this.executor);
      const organisationId = await look.organisation(namedOrganisation);
      await look.area(areaId);
      // The category the observation would end up with, whenever its kind or category change.
      const category = kind !== undefined || categoryId !== undefined ? await look.category(categoryId ?? state.categoryId) : undefined;
      const person = quote ? await look.person(state.personId) : { sharesWords: false };
      check.done();

      const subject = subjectOf(observationId, state.personId);
      const seal = async (text: string) => (await sealerFor(this.vault, subject))(text);
      const corrections: { -readonly [K in keyof ObservationCorrections]: ObservationCorrections[K] } = {};
      if (kind !== undefined) corrections.kind = kind;
      if (organisationId !== undefined) corrections.organisationId = organisationId;
      if (areaId !== undefined) corrections.areaId = areaId;
      if (categoryId !== undefined) corrections.categoryId = categoryId;
      if (whatHappened !== undefined) corrections.whatHappened = await seal(whatHappened);
      if (impact !== undefined) corrections.impact = await seal(impact);
      if (tags !== undefined) corrections.impactTags = tags;
      if (quote !== undefined) corrections.quote = await seal(quote);
      else if (input.removeQuote) corrections.quote = null;
      if (severity !== undefined) corrections.severity = severity;
      if (occurredOn !== undefined) corrections.occurredOn = occurredOn;
      // A reason can still be given once the person has been forgotten: it is then sealed under the observation's own key.
      const reasonSubject = state.personId && (await this.vault.isForgotten(subject)) ? observationSubject(observationId) : subject;
      const sealedReason: Sealed | undefined = reason ? await this.vault.seal(reasonSubject, reason) : undefined;

      return { kind: 'amend', corrections, reason: sealedReason, category, personSharesWords: person.sharesWords };
    });
  }
}

@CommandHandler(RetractObservation)
export class RetractObservationHandler implements ICommandHandler<RetractObservation> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  execute({ input, context }: RetractObservation): Promise<CommandReceipt> {
    // An observation about a person who has since been forgotten can still be retracted.
    return withSealedReason(this.executor, this.vault, input, context, (reason) => ({ kind: 'retract', reason }));
  }
}

@CommandHandler(MatchObservationOrganisation)
export class MatchObservationOrganisationHandler implements ICommandHandler<MatchObservationOrganisation> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async execute({ input, context }: MatchObservationOrganisation): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const observationId = check.id('observationId', input.observationId);
    const named = check.id('organisationId', input.organisationId);
    check.done();
    return this.executor.on(OBSERVATION).record(observationId, context, async () => {
      const organisationId = await new Lookups(check, this.directory, this.executor).organisation(named);
      check.done();
      return { kind: 'match_organisation', organisationId: organisationId! };
    });
  }
}

@CommandHandler(ApproveQuote)
export class ApproveQuoteHandler implements ICommandHandler<ApproveQuote> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async execute({ input, context }: ApproveQuote): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const observationId = check.id('observationId', input.observationId);
    const text = check.text('text', input.text, { max: LIMITS.quote });
    check.done();
    return this.executor.on(OBSERVATION).record(observationId, context, async () => {
      const { state: loaded } = await this.executor.state(observationStream(observationId), withQuote);
      const { observation: state, quote: sealedQuote } = loaded;
      if (!state.recorded) throw new NotFoundError('No observation with this id has been recorded.');
      const original = sealedQuote ? await this.vault.open(sealedQuote) : null;
      if (sealedQuote && original === null) throw new ConflictError('This person has been forgotten: their words cannot be approved.');
      const redaction = checkRedaction(original ?? '', text!);
      if (original !== null && !redaction.valid) {
        check.problem('text', 'may only take words out of the quote, or put a short placeholder such as [name] or [a town] where they were');
      }
      const person = await new Lookups(check, this.directory, this.executor).person(state.personId);
      check.done();
      const seal = await sealerFor(this.vault, subjectOf(observationId, state.personId));
      return { kind: 'approve_quote', text: await seal(text!), redacted: redaction.redacted, personSharesWords: person.sharesWords };
    });
  }
}

@CommandHandler(WithdrawQuoteApproval)
export class WithdrawQuoteApprovalHandler implements ICommandHandler<WithdrawQuoteApproval> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  execute({ input, context }: WithdrawQuoteApproval): Promise<CommandReceipt> {
    return withSealedReason(this.executor, this.vault, input, context, (reason) => ({ kind: 'withdraw_quote_approval', reason }));
  }
}

export const OBSERVATION_COMMAND_HANDLERS = [
  ApproveQuoteHandler,
  WithdrawQuoteApprovalHandler,
  RecordObservationHandler,
  AmendObservationHandler,
  RetractObservationHandler,
  MatchObservationOrganisationHandler,
];
