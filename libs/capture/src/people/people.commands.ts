import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, NotFoundError, type PersonalDataVault, type Sealed } from '#libs/kernel';
import { type CommandReceipt, createdId } from '../shared/command-context.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { requirePlacement } from '../directory/directory.checks.js';
import { DIRECTORY, type Directory } from '../shared/directory.js';
import { PERSONAL_DATA_VAULT } from '../shared/tokens.js';
import { Check } from '../shared/validation.js';
import { REFERRAL_SOURCES, type ReferralSource } from '../shared/vocabulary.js';
import { type PersonCommand, personDecider } from './person.decider.js';
import { type ContactField, FORGET_REASONS, type ForgetReason, personStream, type SealedContact } from './person.events.js';
import { CaptureCommand } from '../shared/capture-command.js';

export const PEOPLE_READ_MODELS = ['people'] as const;
const PERSON = { stream: personStream, decider: personDecider, readModels: PEOPLE_READ_MODELS };

export interface JoinPersonInput {
  personId?: string | null;
  displayName: string;
  phone?: string | null;
  email?: string | null;
  referralSource: string;
  areaId: string;
  teamId: string;
  coachId: string;
  joinedOn: string;
  consentToHoldInformation: boolean;
  consentToShareWordsAnonymised: boolean;
}

export interface RecordConsentInput {
  personId: string;
  consentToHoldInformation: boolean;
  consentToShareWordsAnonymised: boolean;
  recordedOn: string;
}

export interface ChangePersonDetailsInput {
  personId: string;
  displayName?: string | null;
  phone?: string | null;
  email?: string | null;
  /** Take the phone number away (not together with `phone`). */
  removePhone?: boolean | null;
  /** Take the email address away (not together with `email`). */
  removeEmail?: boolean | null;
}

export interface MovePersonInput {
  personId: string;
  areaId: string;
  teamId: string;
  coachId: string;
  movedOn: string;
}

export class JoinPerson extends CaptureCommand<JoinPersonInput> {}
export class RecordConsent extends CaptureCommand<RecordConsentInput> {}
export class ChangePersonDetails extends CaptureCommand<ChangePersonDetailsInput> {}
export class MovePerson extends CaptureCommand<MovePersonInput> {}

const PHONE = /^\+?[0-9 ()-]{6,20}$/;

function contactChecks(check: Check, input: { phone?: string | null; email?: string | null }) {
  const phone = check.text('phone', input.phone, { max: 20, optional: true });
  if (phone && !PHONE.test(phone)) check.problem('phone', 'must be a phone number (digits, spaces, + ( ) -)');
  const email = check.email('email', input.email, true);
  return { phone, email };
}

async function sealContact(vault: PersonalDataVault, personId: string, contact: { phone?: string; email?: string }): Promise<SealedContact> {
  const sealed: { phone?: Sealed; email?: Sealed } = {};
  if (contact.phone) sealed.phone = await vault.seal(personId, contact.phone);
  if (contact.email) sealed.email = await vault.seal(personId, contact.email);
  return sealed;
}

@CommandHandler(JoinPerson)
export class JoinPersonHandler implements ICommandHandler<JoinPerson> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async execute({ input, context }: JoinPerson): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const personId = createdId(check, context, 'personId', input.personId);
    const displayName = check.text('displayName', input.displayName, { max: 80 });
    const contact = contactChecks(check, input);
    const referralSource = check.oneOf<ReferralSource>('referralSource', input.referralSource, REFERRAL_SOURCES);
    const areaId = check.id('areaId', input.areaId);
    const teamId = check.id('teamId', input.teamId);
    const coachId = check.id('coachId', input.coachId);
    const joinedOn = check.date('joinedOn', input.joinedOn);
    if (input.consentToHoldInformation !== true) {
      check.problem('consentToHoldInformation', 'a person can only be recorded with their consent to hold their information');
    }
    check.done();
    return this.executor.on(PERSON).record(personId, context, async () => {
      await requirePlacement(this.directory, { areaId, teamId, coachId });
      return {
        kind: 'join',
        personId,
        displayName: await this.vault.seal(personId, displayName),
        contact: await sealContact(this.vault, personId, contact),
        referralSource,
        areaId,
        teamId,
        coachId,
        joinedOn,
        consent: { toHoldInformation: true, toShareWordsAnonymised: input.consentToShareWordsAnonymised === true },
      };
    });
  }
}

@CommandHandler(RecordConsent)
export class RecordConsentHandler implements ICommandHandler<RecordConsent> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: RecordConsent): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const personId = check.id('personId', input.personId);
    const recordedOn = check.date('recordedOn', input.recordedOn);
    check.done();
    return this.executor.on(PERSON).record(personId, context, {
      kind: 'record_consent',
      toHoldInformation: input.consentToHoldInformation === true,
      toShareWordsAnonymised: input.consentToShareWordsAnonymised === true,
      recordedOn,
    });
  }
}

@CommandHandler(ChangePersonDetails)
export class ChangePersonDetailsHandler implements ICommandHandler<ChangePersonDetails> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ input, context }: ChangePersonDetails): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const personId = check.id('personId', input.personId);
    const displayName = check.text('displayName', input.displayName, { max: 80, optional: true });
    const contact = contactChecks(check, input);
    const removed: ContactField[] = [];
    if (input.removePhone === true) removed.push('phone');
    if (input.removeEmail === true) removed.push('email');
    if (contact.phone && input.removePhone === true) check.problem('removePhone', 'cannot be asked for together with a new phone number');
    if (contact.email && input.removeEmail === true) check.problem('removeEmail', 'cannot be asked for together with a new email address');
    check.done();
    return this.executor.on(PERSON).record(personId, context, async () => ({
      kind: 'change_details',
      displayName: displayName ? await this.vault.seal(personId, displayName) : undefined,
      contact: contact.phone || contact.email ? await sealContact(this.vault, personId, contact) : undefined,
      removed,
    }));
  }
}

@CommandHandler(MovePerson)
export class MovePersonHandler implements ICommandHandler<MovePerson> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async execute({ input, context }: MovePerson): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const personId = check.id('personId', input.personId);
    const areaId = check.id('areaId', input.areaId);
    const teamId = check.id('teamId', input.teamId);
    const coachId = check.id('coachId', input.coachId);
    const movedOn = check.date('movedOn', input.movedOn);
    check.done();
    return this.executor.on(PERSON).record(personId, context, async () => {
      await requirePlacement(this.directory, { areaId, teamId, coachId });
      return { kind: 'move_area', areaId, teamId, coachId, movedOn };
    });
  }
}

export interface ForgetPersonInput {
  personId: string;
  reason: ForgetReason;
}

export class ForgetPerson extends CaptureCommand<ForgetPersonInput> {}

/**
 * Forgets a person by destroying their key (crypto-shredding): every name, contact detail and
 * word of theirs, in the event store and in every read model, becomes unreadable for good, while
 * the anonymous facts (counts, categories, dates) stay. The key goes first, then the event that
 * says so: should the append fail, the person is already unreadable and a retry records it.
 */
@CommandHandler(ForgetPerson)
export class ForgetPersonHandler implements ICommandHandler<ForgetPerson> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ input, context }: ForgetPerson): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const personId = check.id('personId', input.personId);
    const reason = check.oneOf<ForgetReason>('reason', input.reason, FORGET_REASONS);
    check.done();
    return this.executor.on(PERSON).record(personId, context, async () => {
      const { state } = await this.executor.state(personStream(personId), personDecider);
      if (!state.joined) throw new NotFoundError('No person with this id has joined.');
      if (state.forgotten) throw new ConflictError('This person has already been forgotten.');
      await this.vault.forget(personId);
      return { kind: 'forget', personId, reason };
    });
  }
}

export const PEOPLE_COMMAND_HANDLERS = [JoinPersonHandler, RecordConsentHandler, ChangePersonDetailsHandler, MovePersonHandler, ForgetPersonHandler];
