import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, NotFoundError } from '#libs/kernel';
import { type CommandReceipt, createdId } from '../shared/command-context.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { DIRECTORY, type Directory, ORGANISATION_KINDS, type OrganisationKind, type OrganisationRef } from '../shared/directory.js';
import { Check } from '../shared/validation.js';
import { requireArea } from '../directory/directory.checks.js';
import { organisationDecider } from './organisation.decider.js';
import { organisationStream } from './organisation.events.js';
import { CaptureCommand } from '../shared/capture-command.js';

export const ORGANISATION_READ_MODELS = ['organisations'] as const;
const ORGANISATION = { stream: organisationStream, decider: organisationDecider, readModels: ORGANISATION_READ_MODELS };

export const ORGANISATION_NAME_MAX = 200;
/** NHS Organisation Data Service codes: letters and digits, e.g. a GP practice or a trust. */
const ODS_CODE = /^[A-Za-z0-9]{3,10}$/;

export interface RegisterOrganisationInput {
  organisationId?: string | null;
  name: string;
  kind: string;
  areaId: string;
  parentId?: string | null;
  odsCode?: string | null;
}
export interface RenameOrganisationInput {
  organisationId: string;
  name: string;
}
export interface MoveOrganisationInput {
  organisationId: string;
  /** The new parent; null or left out moves it to the top of the hierarchy. */
  parentId?: string | null;
}
export interface MergeOrganisationsInput {
  /** The record that becomes an alias. */
  organisationId: string;
  /** The record of the same service that stays. */
  intoOrganisationId: string;
}

export class RegisterOrganisation extends CaptureCommand<RegisterOrganisationInput> {}
export class RenameOrganisation extends CaptureCommand<RenameOrganisationInput> {}
export class MoveOrganisation extends CaptureCommand<MoveOrganisationInput> {}
export class MergeOrganisations extends CaptureCommand<MergeOrganisationsInput> {}

/** The organisation a field refers to must exist and must not be a merged record (an alias). */
async function requireLiveOrganisation(directory: Directory, id: string, field: string): Promise<OrganisationRef> {
  const found = await directory.organisation(id);
  if (!found) throw new NotFoundError(`${field}: no organisation with this id is registered.`);
  if (found.mergedInto) {
    throw new ConflictError(`${field}: that record was merged into ${found.mergedInto}, another record of the same service; use that one.`);
  }
  return found;
}

/**
 * Whether the organisation exists and is not merged: only then do the hierarchy checks apply
 * (a missing or merged record is refused by the decider, with its own message).
 */
async function isLive(directory: Directory, id: string): Promise<boolean> {
  const found = await directory.organisation(id);
  return found !== undefined && found !== null && !found.mergedInto;
}

/** Whether `candidate` is `id` or somewhere below it in the hierarchy. */
async function isAtOrBelow(directory: Directory, candidate: string, id: string): Promise<boolean> {
  return (await directory.organisationAndDescendants(id)).includes(candidate);
}

@CommandHandler(RegisterOrganisation)
export class RegisterOrganisationHandler implements ICommandHandler<RegisterOrganisation> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async execute({ input, context }: RegisterOrganisation): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const organisationId = createdId(check, context, 'organisationId', input.organisationId);
    const name = check.text('name', input.name, { max: ORGANISATION_NAME_MAX });
    const kind = check.oneOf<OrganisationKind>('kind', input.kind, ORGANISATION_KINDS);
    const areaId = check.id('areaId', input.areaId);
    const parentId = check.id('parentId', input.parentId, true) ?? null;
    const odsCode = check.text('odsCode', input.odsCode, { max: 64, optional: true });
    if (odsCode && !ODS_CODE.test(odsCode)) check.problem('odsCode', 'must be 3 to 10 letters and digits');
    if (parentId && parentId === organisationId) check.problem('parentId', 'cannot be the organisation itself');
    check.done();
    return this.executor.on(ORGANISATION).record(organisationId, context, async () => {
      await requireArea(this.directory, areaId);
      if (parentId) await requireLiveOrganisation(this.directory, parentId, 'parentId');
      return { kind: 'register', organisationId, name, organisationKind: kind, areaId, parentId, odsCode: odsCode ? odsCode.toUpperCase() : null };
    });
  }
}

@CommandHandler(RenameOrganisation)
export class RenameOrganisationHandler implements ICommandHandler<RenameOrganisation> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: RenameOrganisation): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const organisationId = check.id('organisationId', input.organisationId);
    const name = check.text('name', input.name, { max: ORGANISATION_NAME_MAX });
    check.done();
    return this.executor.on(ORGANISATION).record(organisationId, context, { kind: 'rename', name });
  }
}

@CommandHandler(MoveOrganisation)
export class MoveOrganisationHandler implements ICommandHandler<MoveOrganisation> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async execute({ input, context }: MoveOrganisation): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const organisationId = check.id('organisationId', input.organisationId);
    const parentId = check.id('parentId', input.parentId, true) ?? null;
    if (parentId && parentId === organisationId) check.problem('parentId', 'cannot be the organisation itself');
    check.done();
    return this.executor.on(ORGANISATION).record(organisationId, context, async () => {
      if (parentId && (await isLive(this.directory, organisationId))) {
        await requireLiveOrganisation(this.directory, parentId, 'parentId');
        if (await isAtOrBelow(this.directory, parentId, organisationId)) {
          throw new ConflictError('parentId: an organisation cannot move under one of the organisations below it.');
        }
      }
      return { kind: 'move', parentId };
    });
  }
}

@CommandHandler(MergeOrganisations)
export class MergeOrganisationsHandler implements ICommandHandler<MergeOrganisations> {
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async execute({ input, context }: MergeOrganisations): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const organisationId = check.id('organisationId', input.organisationId);
    const intoOrganisationId = check.id('intoOrganisationId', input.intoOrganisationId);
    if (organisationId && organisationId === intoOrganisationId) check.problem('intoOrganisationId', 'must be another organisation');
    check.done();
    return this.executor.on(ORGANISATION).record(organisationId, context, async () => {
      if (await isLive(this.directory, organisationId)) {
        await requireLiveOrganisation(this.directory, intoOrganisationId, 'intoOrganisationId');
        if (await isAtOrBelow(this.directory, intoOrganisationId, organisationId)) {
          throw new ConflictError(
            'intoOrganisationId: an organisation cannot be merged into one of the organisations below it; move that one out first.',
          );
        }
      }
      return { kind: 'merge', intoOrganisationId };
    });
  }
}

export const ORGANISATION_COMMAND_HANDLERS = [
  RegisterOrganisationHandler,
  RenameOrganisationHandler,
  MoveOrganisationHandler,
  MergeOrganisationsHandler,
];
