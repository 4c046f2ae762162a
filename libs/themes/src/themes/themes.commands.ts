import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, isUuid } from '#libs/kernel';
import type { SqlDatabase } from '#libs/database';
import { READ_MODELS } from '#libs/projections';
import {
  CaptureCommand,
  Check,
  CommandExecutor,
  createdId,
  type CommandContext,
  type CommandReceipt,
  DIRECTORY,
  type Directory,
  observationDecider,
  observationStream,
} from '#libs/capture';
import type { PreparedCommand } from '#libs/event-store';
import { type ThemeCommand, themeDecider, type ThemeState } from './theme.decider.js';
import { CHANGEABLE_STATUSES, type ChangeableStatus, type ThemeDefinition, type ThemeEvent, themeStream } from './theme.events.js';

export const THEME_READ_MODELS = ['themes'] as const;
const THEME = { stream: themeStream, decider: themeDecider, readModels: THEME_READ_MODELS };

const LIMITS = { name: 80, description: 1000, keyTerms: 20, keyTerm: 40, categories: 20, observations: 500, note: 1000 } as const;

export interface ThemeDefinitionInput {
  name?: string | null;
  description?: string | null;
  categoryIds?: string[] | null;
  keyTerms?: string[] | null;
}
export interface ProposeThemeInput extends ThemeDefinitionInput {
  themeId?: string | null;
  name: string;
  observationIds?: string[] | null;
}
export interface RedefineThemeInput extends ThemeDefinitionInput {
  themeId: string;
}
export interface ThemeObservationsInput {
  themeId: string;
  observationIds: string[];
}
export interface ChangeThemeStatusInput {
  themeId: string;
  status: string;
  note: string;
}
export interface MergeThemesInput {
  themeId: string;
  intoThemeId: string;
}
export interface SplitThemeInput extends ThemeDefinitionInput {
  themeId: string;
  newThemeId?: string | null;
  name: string;
  observationIds: string[];
}

export class ProposeTheme extends CaptureCommand<ProposeThemeInput> {}
export class ConfirmTheme extends CaptureCommand<{ themeId: string }> {}
export class RedefineTheme extends CaptureCommand<RedefineThemeInput> {}
export class LinkObservations extends CaptureCommand<ThemeObservationsInput> {}
export class UnlinkObservations extends CaptureCommand<ThemeObservationsInput> {}
export class DismissThemeSuggestions extends CaptureCommand<ThemeObservationsInput> {}
export class ChangeThemeStatus extends CaptureCommand<ChangeThemeStatusInput> {}
export class MergeThemes extends CaptureCommand<MergeThemesInput> {}
export class SplitTheme extends CaptureCommand<SplitThemeInput> {}

/** Shape checks of a theme's definition; only the fields given. */
function definition(check: Check, input: ThemeDefinitionInput, required: boolean): Partial<ThemeDefinition> {
  const out: { -readonly [K in keyof ThemeDefinition]?: ThemeDefinition[K] } = {};
  if (required || input.name != null) out.name = check.text('name', input.name, { min: 3, max: LIMITS.name });
  if (required || input.description != null) out.description = check.text('description', input.description, { max: LIMITS.description, optional: true }) ?? '';
  if (required || input.categoryIds != null) {
    const ids = check.list('categoryIds', input.categoryIds, { max: LIMITS.categories });
    ids.forEach((id, i) => check.text(`categoryIds[${i}]`, id, { max: 64 }));
    out.categoryIds = [...new Set(ids)];
  }
  if (required || input.keyTerms != null) {
    const terms = check.list('keyTerms', input.keyTerms, { max: LIMITS.keyTerms });
    out.keyTerms = [...new Set(terms.map((term, i) => check.text(`keyTerms[${i}]`, term, { max: LIMITS.keyTerm }).toLocaleLowerCase('en-GB')))];
  }
  return out;
}

function observationIds(check: Check, values: string[] | null | undefined, min = 0): string[] {
  const ids = check.list('observationIds', values, { max: LIMITS.observations, min });
  ids.forEach((id, i) => check.id(`observationIds[${i}]`, id));
  return [...new Set(ids.map((id) => id.toLowerCase()))];
}

/** Checks against other aggregates and read models, each adding a field problem when it fails. */
class ThemeLookups {
  constructor(
    private readonly check: Check,
    private readonly executor: CommandExecutor,
    private readonly directory: Directory,
    private readonly db: SqlDatabase,
  ) {}

  async categories(ids: readonly string[] | undefined): Promise<void> {
    for (const [i, id] of (ids ?? []).entries()) {
      if (!(await this.directory.category(id))) this.check.problem(`categoryIds[${i}]`, 'is not a category in the taxonomy');
    }
  }

  /** Every observation has been recorded and is not retracted. */
  async observations(ids: readonly string[]): Promise<void> {
    for (const [i, id] of ids.entries()) {
      if (!isUuid(id)) continue;
      const { state } = await this.executor.state(observationStream(id), observationDecider);
      if (!state.recorded) this.check.problem(`observationIds[${i}]`, 'is not a recorded observation');
      else if (state.retracted) this.check.problem(`observationIds[${i}]`, 'was retracted: it cannot evidence a theme');
    }
  }

  /** No other theme in use has this name (case apart). */
  async uniqueName(name: string | undefined, themeId: string): Promise<void> {
    if (!name) return;
    const { rows } = await this.db.query(
      `SELECT 1 FROM themes_themes WHERE lower(name) = lower($1) AND theme_id <> $2::uuid AND status <> 'merged'`,
      [name, themeId],
    );
    if (rows.length > 0) this.check.problem('name', 'is already the name of another theme: choose another, or merge the two');
  }

  async theme(themeId: string, field = 'themeId'): Promise<ThemeState> {
    const { state } = await this.executor.state(themeStream(themeId), themeDecider);
    if (!state.exists) this.check.problem(field, 'is not a theme');
    return state;
  }
}

abstract class ThemeHandler {
  constructor(
    protected readonly executor: CommandExecutor,
    @Inject(DIRECTORY) protected readonly directory: Directory,
    @Inject(READ_MODELS) protected readonly db: SqlDatabase,
  ) {}

  protected look(check: Check): ThemeLookups {
    return new ThemeLookups(check, this.executor, this.directory, this.db);
  }

  protected run(themeId: string, context: CommandContext, command: ThemeCommand | PreparedCommand<ThemeCommand>, id?: string) {
    return this.executor.on(THEME).record(themeId, context, command, id);
  }

  /** A command on a theme about some of its observations, needing no look-up. */
  protected onObservations(input: ThemeObservationsInput, context: CommandContext, command: (ids: string[]) => ThemeCommand) {
    const check = new Check(context.now);
    const themeId = check.id('themeId', input.themeId);
    const ids = observationIds(check, input.observationIds, 1);
    check.done();
    return this.run(themeId, context, command(ids));
  }
}

@CommandHandler(ProposeTheme)
export class ProposeThemeHandler extends ThemeHandler implements ICommandHandler<ProposeTheme> {
  async execute({ input, context }: ProposeTheme): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const themeId = createdId(check, context, 'themeId', input.themeId);
    const def = definition(check, input, true) as ThemeDefinition;
    const ids = observationIds(check, input.observationIds);
    check.done();
    return this.run(themeId, context, async () => {
      const look = this.look(check);
      await look.uniqueName(def.name, themeId);
      await look.categories(def.categoryIds);
      await look.observations(ids);
      check.done();
      return { kind: 'propose', theme: { themeId, ...def, observationIds: ids } };
    });
  }
}

@CommandHandler(ConfirmTheme)
export class ConfirmThemeHandler extends ThemeHandler implements ICommandHandler<ConfirmTheme> {
  async execute({ input, context }: ConfirmTheme): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const themeId = check.id('themeId', input.themeId);
    check.done();
    return this.run(themeId, context, { kind: 'confirm' });
  }
}

@CommandHandler(RedefineTheme)
export class RedefineThemeHandler extends ThemeHandler implements ICommandHandler<RedefineTheme> {
  async execute({ input, context }: RedefineTheme): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const themeId = check.id('themeId', input.themeId);
    const changes = definition(check, input, false);
    if (Object.keys(changes).length === 0) check.problem('input', 'give at least one of name, description, categoryIds, keyTerms');
    check.done();
    return this.run(themeId, context, async () => {
      const look = this.look(check);
      await look.uniqueName(changes.name, themeId);
      await look.categories(changes.categoryIds);
      check.done();
      return { kind: 'redefine', changes };
    });
  }
}

@CommandHandler(LinkObservations)
export class LinkObservationsHandler extends ThemeHandler implements ICommandHandler<LinkObservations> {
  async execute({ input, context }: LinkObservations): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const themeId = check.id('themeId', input.themeId);
    const ids = observationIds(check, input.observationIds, 1);
    check.done();
    return this.run(themeId, context, async () => {
      await this.look(check).observations(ids);
      check.done();
      return { kind: 'link', observationIds: ids };
    });
  }
}

@CommandHandler(UnlinkObservations)
export class UnlinkObservationsHandler extends ThemeHandler implements ICommandHandler<UnlinkObservations> {
  execute({ input, context }: UnlinkObservations): Promise<CommandReceipt> {
    return this.onObservations(input, context, (ids) => ({ kind: 'unlink', observationIds: ids }));
  }
}

@CommandHandler(DismissThemeSuggestions)
export class DismissThemeSuggestionsHandler extends ThemeHandler implements ICommandHandler<DismissThemeSuggestions> {
  execute({ input, context }: DismissThemeSuggestions): Promise<CommandReceipt> {
    return this.onObservations(input, context, (ids) => ({ kind: 'dismiss_suggestions', observationIds: ids }));
  }
}

@CommandHandler(ChangeThemeStatus)
export class ChangeThemeStatusHandler extends ThemeHandler implements ICommandHandler<ChangeThemeStatus> {
  async execute({ input, context }: ChangeThemeStatus): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const themeId = check.id('themeId', input.themeId);
    const to = check.oneOf<ChangeableStatus>('status', input.status, CHANGEABLE_STATUSES);
    const note = check.text('note', input.note, { max: LIMITS.note });
    check.done();
    return this.run(themeId, context, { kind: 'change_status', to, note: note! });
  }
}

/**
 * A merge writes to two themes: the merged one records where it went (with its observations),
 * then the receiving one takes them in, under a command id derived from the merge's. A retry of
 * the same merge therefore completes a merge that stopped half-way, and never repeats it.
 */
@CommandHandler(MergeThemes)
export class MergeThemesHandler extends ThemeHandler implements ICommandHandler<MergeThemes> {
  async execute({ input, context }: MergeThemes): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const themeId = check.id('themeId', input.themeId);
    const intoThemeId = check.id('intoThemeId', input.intoThemeId);
    if (themeId && themeId === intoThemeId) check.problem('intoThemeId', 'must be another theme');
    check.done();
    const merged = await this.run(themeId, context, async () => {
      const into = await this.look(check).theme(intoThemeId, 'intoThemeId');
      check.done();
      if (into.status === 'merged') throw new ConflictError('The theme to merge into was itself merged: merge into the theme it went to.');
      return { kind: 'merge_into', intoThemeId };
    });
    // What the merge recorded (this time or, for a retry, the first time).
    const { state: moved } = await this.executor.state(themeStream(themeId), {
      initialState: undefined as { intoThemeId: string; observationIds: readonly string[] } | undefined,
      evolve: (found, event: ThemeEvent) => (event.type === 'theme.merged' ? event.data : found),
    });
    if (!moved || moved.intoThemeId !== intoThemeId) throw new ConflictError('This theme was merged into another theme before.');
    const absorbContext = { ...context, commandId: createdId(check, context, 'absorb', undefined) };
    await this.run(intoThemeId, absorbContext, { kind: 'absorb', fromThemeId: themeId, observationIds: moved.observationIds });
    return merged;
  }
}

/** A split, like a merge, writes to two themes: the new one starts under a derived command id. */
@CommandHandler(SplitTheme)
export class SplitThemeHandler extends ThemeHandler implements ICommandHandler<SplitTheme> {
  async execute({ input, context }: SplitTheme): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const themeId = check.id('themeId', input.themeId);
    const newThemeId = createdId(check, context, 'newThemeId', input.newThemeId);
    const def = definition(check, input, true) as ThemeDefinition;
    const ids = observationIds(check, input.observationIds, 1);
    check.done();
    let status: ThemeState['status'];
    const split = await this.run(
      themeId,
      context,
      async () => {
        const look = this.look(check);
        await look.uniqueName(def.name, newThemeId);
        await look.categories(def.categoryIds);
        check.done();
        return { kind: 'split', newThemeId, observationIds: ids };
      },
      newThemeId,
    );
    ({ state: { status } } = await this.executor.state(themeStream(themeId), themeDecider));
    const startContext = { ...context, commandId: createdId(check, context, 'split_off', undefined) };
    await this.run(newThemeId, startContext, {
      kind: 'split_off',
      theme: { themeId: newThemeId, ...def, observationIds: ids },
      fromThemeId: themeId,
      status: status === 'merged' || !status ? 'emerging' : status,
    });
    return split;
  }
}

export const THEME_COMMAND_HANDLERS = [
  ProposeThemeHandler,
  ConfirmThemeHandler,
  RedefineThemeHandler,
  LinkObservationsHandler,
  UnlinkObservationsHandler,
  DismissThemeSuggestionsHandler,
  ChangeThemeStatusHandler,
  MergeThemesHandler,
  SplitThemeHandler,
];
