import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandReceipt, createdId } from '../shared/command-context.js';
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

const AREA = { stream: areaStream, decider: areaDecider, readModels: DIRECTORY_READ_MODELS };
const TEAM = { stream: teamStream, decider: teamDecider, readModels: DIRECTORY_READ_MODELS };
const COACH = { stream: coachStream, decider: coachDecider, readModels: DIRECTORY_READ_MODELS };

/** A date `YYYY-MM-DD` not in the future, or today (the organisation's) when left out. */
function dateOrToday(check: Check, field: string, value: string | null | undefined): string {
  return value ? check.date(field, value) : check.today;
}

@CommandHandler(RegisterArea)
export class RegisterAreaHandler implements ICommandHandler<RegisterArea> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: RegisterArea): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const areaId = createdId(check, context, 'areaId', input.areaId);
    const name = check.text('name', input.name, { max: AREA_NAME_MAX });
    check.done();
    return this.executor.on(AREA).record(areaId, context, { kind: 'register', areaId, name });
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
    return this.executor.on(AREA).record(areaId, context, { kind: 'rename', name });
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
    const teamId = createdId(check, context, 'teamId', input.teamId);
    const areaId = check.id('areaId', input.areaId);
    const name = check.text('name', input.name, { max: TEAM_NAME_MAX });
    check.done();
    return this.executor.on(TEAM).record(teamId, context, async () => {
      await requireArea(this.directory, areaId);
      return { kind: 'form', teamId, areaId, name };
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
    return this.executor.on(TEAM).record(teamId, context, { kind: 'rename', name });
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
    const coachId = createdId(check, context, 'coachId', input.coachId);
    const teamId = check.id('teamId', input.teamId);
    const displayName = check.text('displayName', input.displayName, { max: COACH_NAME_MAX });
    const joinedOn = dateOrToday(check, 'joinedOn', input.joinedOn);
    check.done();
    return this.executor.on(COACH).record(coachId, context, async () => {
      await requireTeam(this.directory, teamId);
      return { kind: 'join', coachId, teamId, displayName, joinedOn };
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
    const movedOn = dateOrToday(check, 'movedOn', input.movedOn);
    check.done();
    return this.executor.on(COACH).record(coachId, context, async () => {
      await requireTeam(this.directory, teamId);
      return { kind: 'move_team', toTeamId: teamId, movedOn };
    });
  }
}

@CommandHandler(CoachLeft)
export class CoachLeftHandler implements ICommandHandler<CoachLeft> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: CoachLeft): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const coachId = check.id('coachId', input.coachId);
    const leftOn = dateOrToday(check, 'leftOn', input.leftOn);
    check.done();
    return this.executor.on(COACH).record(coachId, context, { kind: 'leave', leftOn });
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
