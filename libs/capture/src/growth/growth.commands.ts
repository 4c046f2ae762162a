import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PersonalDataVault, Sealed } from '#libs/kernel';
import { type CommandContext, type CommandReceipt, createdId } from '../shared/command-context.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { PERSONAL_DATA_VAULT } from '../shared/tokens.js';
import { Check } from '../shared/validation.js';
import { type GrowthCommand, growthDecider } from './growth.decider.js';
import { CONNECTION_KINDS, type ConnectionKind, growthStream, STRENGTH_NOTICERS, type StrengthNoticer } from './growth.events.js';
import { requireJoinedPerson } from '../people/person.checks.js';

export const GROWTH_READ_MODELS = ['growth'] as const;
const GROWTH = { stream: growthStream, decider: growthDecider, readModels: GROWTH_READ_MODELS };

const WORDS_MAX = 500;
const NOTE_MAX = 2000;

/** What a coach records about a person's growth, before validation (as it arrives from the API). */
export type GrowthChange =
  | { kind: 'set_aspiration'; personId: string; aspirationId?: string | null; inPersonsWords: string; setOn: string }
  | { kind: 'note_progress'; personId: string; aspirationId: string; note: string; notedOn: string }
  | { kind: 'achieve_aspiration'; personId: string; aspirationId: string; achievedOn: string; note?: string | null }
  | {
      kind: 'change_aspiration';
      personId: string;
      aspirationId: string;
      newAspirationId?: string | null;
      inPersonsWords: string;
      changedOn: string;
      note?: string | null;
    }
  | { kind: 'let_go_of_aspiration'; personId: string; aspirationId: string; letGoOn: string; note?: string | null }
  | { kind: 'notice_strength'; personId: string; strengthId?: string | null; inPersonsWords: string; noticedOn: string; noticedBy: string }
  | { kind: 'make_connection'; personId: string; connectionId?: string | null; connectionKind: string; description: string; madeOn: string }
  | { kind: 'end_connection'; personId: string; connectionId: string; endedOn: string; note?: string | null };

/** Sets, progresses or closes an aspiration, notices a strength, or makes or ends a connection. */
export class RecordGrowth extends Command<CommandReceipt> {
  constructor(readonly change: GrowthChange, readonly context: CommandContext) {
    super();
  }
}

/** A command whose personal words are still plain text: they are sealed once all input is valid. */
type Unsealed<C> = { [K in keyof C]: C[K] extends Sealed ? string : C[K] extends Sealed | undefined ? string | undefined : C[K] };

@CommandHandler(RecordGrowth)
export class RecordGrowthHandler implements ICommandHandler<RecordGrowth> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ change, context }: RecordGrowth): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const personId = check.id('personId', change.personId);
    const newId = (field: string, value: string | null | undefined) => createdId(check, context, field, value);
    const note = (value: string | null | undefined) => check.text('note', value, { max: NOTE_MAX, optional: true });
    let command: Unsealed<GrowthCommand>;
    let id: string;
    switch (change.kind) {
      case 'set_aspiration':
        id = newId('aspirationId', change.aspirationId);
        command = {
          kind: 'set_aspiration',
          aspirationId: id,
          inPersonsWords: check.text('inPersonsWords', change.inPersonsWords, { max: WORDS_MAX }),
          setOn: check.date('setOn', change.setOn),
        };
        break;
      case 'note_progress':
        id = check.id('aspirationId', change.aspirationId);
        command = {
          kind: 'note_progress',
          aspirationId: id,
          note: check.text('note', change.note, { max: NOTE_MAX }),
          notedOn: check.date('notedOn', change.notedOn),
        };
        break;
      case 'achieve_aspiration':
        id = check.id('aspirationId', change.aspirationId);
        command = { kind: 'achieve_aspiration', aspirationId: id, achievedOn: check.date('achievedOn', change.achievedOn), note: note(change.note) };
        break;
      case 'change_aspiration': {
        const aspirationId = check.id('aspirationId', change.aspirationId);
        id = newId('newAspirationId', change.newAspirationId);
        if (id === aspirationId) check.problem('newAspirationId', 'must differ from aspirationId');
        command = {
          kind: 'change_aspiration',
          aspirationId,
          newAspirationId: id,
          inPersonsWords: check.text('inPersonsWords', change.inPersonsWords, { max: WORDS_MAX }),
          changedOn: check.date('changedOn', change.changedOn),
          note: note(change.note),
        };
        break;
      }
      case 'let_go_of_aspiration':
        id = check.id('aspirationId', change.aspirationId);
        command = { kind: 'let_go_of_aspiration', aspirationId: id, letGoOn: check.date('letGoOn', change.letGoOn), note: note(change.note) };
        break;
      case 'notice_strength':
        id = newId('strengthId', change.strengthId);
        command = {
          kind: 'notice_strength',
          strengthId: id,
          inPersonsWords: check.text('inPersonsWords', change.inPersonsWords, { max: WORDS_MAX }),
          noticedOn: check.date('noticedOn', change.noticedOn),
          noticedBy: check.oneOf<StrengthNoticer>('noticedBy', change.noticedBy, STRENGTH_NOTICERS),
        };
        break;
      case 'make_connection':
        id = newId('connectionId', change.connectionId);
        command = {
          kind: 'make_connection',
          connectionId: id,
          connectionKind: check.oneOf<ConnectionKind>('kind', change.connectionKind, CONNECTION_KINDS),
          description: check.text('description', change.description, { max: WORDS_MAX }),
          madeOn: check.date('madeOn', change.madeOn),
        };
        break;
      case 'end_connection':
        id = check.id('connectionId', change.connectionId);
        command = { kind: 'end_connection', connectionId: id, endedOn: check.date('endedOn', change.endedOn), note: note(change.note) };
        break;
    }
    check.done();
    return this.executor.on(GROWTH).record(
      personId,
      context,
      async () => {
        await requireJoinedPerson(this.executor, personId);
        return this.seal(personId, command);
      },
      id,
    );
  }

  /** Seals every word in the command with the person's key; leaves out notes that were not given. */
  private async seal(personId: string, command: Unsealed<GrowthCommand>): Promise<GrowthCommand> {
    const sealed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(command)) {
      if (value === undefined) continue;
      sealed[key] = SEALED_FIELDS.has(key) ? await this.vault.seal(personId, value as string) : value;
    }
    return sealed as GrowthCommand;
  }
}

/** The fields of growth commands that hold the person's words. */
const SEALED_FIELDS = new Set(['inPersonsWords', 'note', 'description']);

export const GROWTH_COMMAND_HANDLERS = [RecordGrowthHandler];
