import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandReceipt } from '../shared/command-context.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { DIRECTORY, type Directory } from '../shared/directory.js';
import { Check } from '../shared/validation.js';
import { requireArea, requireTeam } from './directory.checks.js';
import { areaDecider, coachDecider, teamDecider } from './directory.decider.js';
import { areaStream, coachStream, teamStream } from './directory.events.js';
import { CaptureCommand } from '../shared/capture-command.js';

export const DIRECTORY_READ_MODELS = ['directory'] as const;

export const AREA_NAME_MAX = 100;
export const TEAM_NAME_MAX = 100;
export const COACH_NAME_MAX = 80;

export interface RegisterAreaInput {
  areaId?: string | null;
  name: string;
}
export interface RenameAreaInput {
  areaId: string;
  name: string;
}
export interface FormTeamInput {
  teamId?: string | null;
  areaId: string;
  name: string;
}
export interface RenameTeamInput {
  teamId: string;
  name: string;
}
export interface AddCoachInput {
  coachId?: string | null;
  teamId: string;
  displayName: string;
  /** YYYY-MM-DD; today when left out. */
  joinedOn?: string | null;
}
export interface MoveCoachInput {
  coachId: string;
  teamId: string;
  movedOn?: string | null;
}
export interface CoachLeftInput {
  coachId: string;
  leftOn?: string | null;
}

export class RegisterArea extends CaptureCommand<RegisterAreaInput> {}
export class RenameArea extends CaptureCommand<RenameAreaInput> {}
export class FormTeam extends CaptureCommand<FormTeamInput> {}
export class RenameTeam extends CaptureCommand<RenameTeamInput> {}
export class AddCoach extends CaptureCommand<AddCoachInput> {}
export class MoveCoach extends CaptureCommand<MoveCoachInput> {}
export class CoachLeft extends CaptureCommand<CoachLeftInput> {}

/** A date `YYYY-MM-DD` not in the future, or today when left out. */
function dateOrToday(check: Check, field: string, value: string | null | undefined, now: Date): string {
  return value ? check.date(field, value) : now.toISOString().slice(0, 10);
}

@CommandHandler(RegisterArea)
export class RegisterAreaHandler implements ICommandHandler<RegisterArea> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: RegisterArea): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const areaId = input.areaId ? check.id('areaId', input.areaId) : randomUUID();
    const name = check.text('name', input.name, { max: AREA_NAME_MAX });
    check.done();
    return this.executor.run({
      stream: areaStream(areaId),
      id: areaId,
      decider: areaDecider,
      context,
      readModels: DIRECTORY_READ_MODELS,
      command: { kind: 'register', areaId, name },
    });
  }
}

@CommandHandler(RenameArea)
export class RenameAreaHandler implements ICommandHandler<RenameArea> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: RenameArea): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const areaId = check.id('areaId', input.areaId);
    const name = check.text('name', input.name, { max: AREA_NAME_MAX });
    check.done();
    return this.executor.run({
      stream: areaStream(areaId),
      id: areaId,
      decider: areaDecider,
      context,
      readModels: DIRECTORY_READ_MODELS,
      command: { kind: 'rename', name },
    });
  }
}

@CommandHandler(FormTeam)
export class FormTeamHandler implements ICommandHandler<FormTeam> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async execute({ input, context }: FormTeam): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const teamId = input.teamId ? check.id('teamId', input.teamId) : randomUUID();
    const areaId = check.id('areaId', input.areaId);
    const name = check.text('name', input.name, { max: TEAM_NAME_MAX });
    check.done();
    await requireArea(this.directory, areaId);
    return this.executor.run({
      stream: teamStream(teamId),
      id: teamId,
      decider: teamDecider,
      context,
      readModels: DIRECTORY_READ_MODELS,
      command: { kind: 'form', teamId, areaId, name },
    });
  }
}

@CommandHandler(RenameTeam)
export class RenameTeamHandler implements ICommandHandler<RenameTeam> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: RenameTeam): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const teamId = check.id('teamId', input.teamId);
    const name = check.text('name', input.name, { max: TEAM_NAME_MAX });
    check.done();
    return this.executor.run({
      stream: teamStream(teamId),
      id: teamId,
      decider: teamDecider,
      context,
      readModels: DIRECTORY_READ_MODELS,
      command: { kind: 'rename', name },
    });
  }
}

@CommandHandler(AddCoach)
export class AddCoachHandler implements ICommandHandler<AddCoach> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async execute({ input, context }: AddCoach): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const coachId = input.coachId ? check.id('coachId', input.coachId) : randomUUID();
    const teamId = check.id('teamId', input.teamId);
    const displayName = check.text('displayName', input.displayName, { max: COACH_NAME_MAX });
    const joinedOn = dateOrToday(check, 'joinedOn', input.joinedOn, context.now);
    check.done();
    await requireTeam(this.directory, teamId);
    return this.executor.run({
      stream: coachStream(coachId),
      id: coachId,
      decider: coachDecider,
      context,
      readModels: DIRECTORY_READ_MODELS,
      command: { kind: 'join', coachId, teamId, displayName, joinedOn },
    });
  }
}

@CommandHandler(MoveCoach)
export class MoveCoachHandler implements ICommandHandler<MoveCoach> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async execute({ input, context }: MoveCoach): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const coachId = check.id('coachId', input.coachId);
    const teamId = check.id('teamId', input.teamId);
    const movedOn = dateOrToday(check, 'movedOn', input.movedOn, context.now);
    check.done();
    await requireTeam(this.directory, teamId);
    return this.executor.run({
      stream: coachStream(coachId),
      id: coachId,
      decider: coachDecider,
      context,
      readModels: DIRECTORY_READ_MODELS,
      command: { kind: 'move_team', toTeamId: teamId, movedOn },
    });
  }
}

@CommandHandler(CoachLeft)
export class CoachLeftHandler implements ICommandHandler<CoachLeft> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: CoachLeft): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const coachId = check.id('coachId', input.coachId);
    const leftOn = dateOrToday(check, 'leftOn', input.leftOn, context.now);
    check.done();
    return this.executor.run({
      stream: coachStream(coachId),
      id: coachId,
      decider: coachDecider,
      context,
      readModels: DIRECTORY_READ_MODELS,
      command: { kind: 'leave', leftOn },
    });
  }
}

export const DIRECTORY_COMMAND_HANDLERS = [
  RegisterAreaHandler,
  RenameAreaHandler,
  FormTeamHandler,
  RenameTeamHandler,
  AddCoachHandler,
  MoveCoachHandler,
  CoachLeftHandler,
];
