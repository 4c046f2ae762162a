import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PersonalDataVault, Sealed } from '#libs/kernel';
import { requireJoinedPerson } from '../people/person.checks.js';
import { type CommandContext, type CommandReceipt, createdId } from '../shared/command-context.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { requireActiveCoach } from '../directory/directory.checks.js';
import { DIRECTORY, type Directory } from '../shared/directory.js';
import { PERSONAL_DATA_VAULT } from '../shared/tokens.js';
import { Check } from '../shared/validation.js';
import {
  CHANNELS,
  type Channel,
  ENDINGS,
  type Ending,
  FREQUENCIES,
  type Frequency,
  INITIATORS,
  type Initiator,
  PAUSE_REQUESTERS,
  type PauseRequester,
  PLACES,
  type Place,
} from '../shared/vocabulary.js';
import { type CoachingCommand, coachingDecider } from './coaching.decider.js';
import { coachingStream } from './coaching.events.js';
import { CaptureCommand } from '../shared/capture-command.js';

export const COACHING_READ_MODELS = ['people', 'coaching'] as const;
const COACHING = { stream: coachingStream, decider: coachingDecider, readModels: COACHING_READ_MODELS };

export type CoachingChange =
  | { kind: 'start'; personId: string; coachId: string; startedOn: string }
  | { kind: 'pause'; personId: string; requestedBy: string; pausedOn: string; reason?: string | null }
  | { kind: 'resume'; personId: string; resumedOn: string }
  | { kind: 'vary'; personId: string; frequency: string; preferredChannel: string; variedOn: string }
  | {
      kind: 'end';
      personId: string;
      ending: string;
      endedOn: string;
      endingConversationHeld: boolean;
      inPersonsWords?: string | null;
    }
  | { kind: 'reopen'; personId: string; reopenedOn: string; coachId: string };

export interface RecordInteractionInput {
  personId: string;
  interactionId?: string | null;
  occurredOn: string;
  channel: string;
  initiatedBy: string;
  place?: string | null;
  minutes: number;
  whatMattered: string;
  strengthsNoticed?: string[] | null;
  aspirationsMentioned?: string[] | null;
  connectionsMade?: string[] | null;
  organisationsIntroduced?: string[] | null;
}

/** Starts, pauses, resumes, varies, ends or re-opens a coaching relationship. */
export class ChangeCoaching extends Command<CommandReceipt> {
  constructor(readonly change: CoachingChange, readonly context: CommandContext) {
    super();
  }
}

export class RecordInteraction extends CaptureCommand<RecordInteractionInput> {}

@CommandHandler(ChangeCoaching)
export class ChangeCoachingHandler implements ICommandHandler<ChangeCoaching> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async execute({ change, context }: ChangeCoaching): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const personId = check.id('personId', change.personId);
    let command: CoachingCommand;
    const words: { field: 'reason' | 'inPersonsWords'; text?: string } = { field: 'reason' };
    switch (change.kind) {
      case 'start':
        command = { kind: 'start', personId, coachId: check.id('coachId', change.coachId), startedOn: check.date('startedOn', change.startedOn) };
        break;
      case 'pause':
        words.text = check.text('reason', change.reason, { max: 500, optional: true });
        command = {
          kind: 'pause',
          requestedBy: check.oneOf<PauseRequester>('requestedBy', change.requestedBy, PAUSE_REQUESTERS),
          pausedOn: check.date('pausedOn', change.pausedOn),
        };
        break;
      case 'resume':
        command = { kind: 'resume', resumedOn: check.date('resumedOn', change.resumedOn) };
        break;
      case 'vary':
        command = {
          kind: 'vary',
          frequency: check.oneOf<Frequency>('frequency', change.frequency, FREQUENCIES),
          preferredChannel: check.oneOf<Channel>('preferredChannel', change.preferredChannel, CHANNELS),
          variedOn: check.date('variedOn', change.variedOn),
        };
        break;
      case 'end':
        words.field = 'inPersonsWords';
        words.text = check.text('inPersonsWords', change.inPersonsWords, { max: 2000, optional: true });
        command = {
          kind: 'end',
          ending: check.oneOf<Ending>('ending', change.ending, ENDINGS),
          endedOn: check.date('endedOn', change.endedOn),
          endingConversationHeld: change.endingConversationHeld === true,
        };
        break;
      case 'reopen':
        command = { kind: 'reopen', reopenedOn: check.date('reopenedOn', change.reopenedOn), coachId: check.id('coachId', change.coachId) };
        break;
    }
    check.done();
    return this.executor.on(COACHING).record(personId, context, async () => {
      if (change.kind === 'start') await requireJoinedPerson(this.executor, personId);
      if (change.kind === 'start' || change.kind === 'reopen') await requireActiveCoach(this.directory, change.coachId);
      return words.text ? ({ ...command, [words.field]: await this.vault.seal(personId, words.text) } as CoachingCommand) : command;
    });
  }
}

@CommandHandler(RecordInteraction)
export class RecordInteractionHandler implements ICommandHandler<RecordInteraction> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ input, context }: RecordInteraction): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const personId = check.id('personId', input.personId);
    const interactionId = createdId(check, context, 'interactionId', input.interactionId);
    const occurredOn = check.date('occurredOn', input.occurredOn);
    const channel = check.oneOf<Channel>('channel', input.channel, CHANNELS);
    const initiatedBy = check.oneOf<Initiator>('initiatedBy', input.initiatedBy, INITIATORS);
    const place = check.oneOf<Place>('place', input.place, PLACES, true);
    if (place && channel !== 'in_person') check.problem('place', 'is only for conversations in person');
    const minutes = check.int('minutes', input.minutes, { min: 1, max: 600 });
    const whatMattered = check.text('whatMattered', input.whatMattered, { max: 4000 });
    const lists = (field: 'strengthsNoticed' | 'aspirationsMentioned' | 'connectionsMade') =>
      check.list(field, input[field], { max: 20 }).map((text, i) => check.text(`${field}[${i}]`, text, { max: 300 }));
    const strengths = lists('strengthsNoticed');
    const aspirations = lists('aspirationsMentioned');
    const connections = lists('connectionsMade');
    const organisations = check.list('organisationsIntroduced', input.organisationsIntroduced, { max: 20 });
    organisations.forEach((id, i) => check.id(`organisationsIntroduced[${i}]`, id));
    check.done();

    const seal = (text: string) => this.vault.seal(personId, text);
    const sealAll = (texts: string[]): Promise<Sealed[]> => Promise.all(texts.map(seal));
    const prepare = async (): Promise<CoachingCommand> => ({
      kind: 'record_interaction',
      interactionId,
      occurredOn,
      channel,
      initiatedBy,
      ...(place ? { place } : {}),
      minutes,
      whatMattered: await seal(whatMattered),
      strengthsNoticed: await sealAll(strengths),
      aspirationsMentioned: await sealAll(aspirations),
      connectionsMade: await sealAll(connections),
      organisationsIntroduced: organisations,
    });
    return this.executor.on(COACHING).record(personId, context, prepare, interactionId);
  }
}


export const COACHING_COMMAND_HANDLERS = [ChangeCoachingHandler, RecordInteractionHandler];
