import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext, CommandReceipt } from '../shared/command-context.js';
import { CommandExecutor } from '../shared/command-executor.js';
import { POLARITIES, type Polarity } from '../shared/directory.js';
import { Check } from '../shared/validation.js';
import { type CategoryDraft, taxonomyDecider } from './taxonomy.decider.js';
import { CATEGORY_ID, CATEGORY_ID_MAX, CATEGORY_NAME_MAX, categorySlug, TAXONOMY_STREAM } from './taxonomy.events.js';
import { CaptureCommand } from '../shared/capture-command.js';

export const TAXONOMY_READ_MODELS = ['taxonomy'] as const;
/** The taxonomy is one aggregate: one stream holds every category. */
const TAXONOMY_ID = 'categories';
const TAXONOMY = { stream: () => TAXONOMY_STREAM, decider: taxonomyDecider, readModels: TAXONOMY_READ_MODELS };

export interface AddCategoryInput {
  /** A lower snake slug; made from the name when left out. */
  categoryId?: string | null;
  name: string;
  polarity: string;
}
export interface RenameCategoryInput {
  categoryId: string;
  name: string;
}
export interface RetireCategoryInput {
  categoryId: string;
}

export class AddCategory extends CaptureCommand<AddCategoryInput> {}
export class RenameCategory extends CaptureCommand<RenameCategoryInput> {}
export class RetireCategory extends CaptureCommand<RetireCategoryInput> {}
/** Adds the default categories that are missing; sent with a fixed command id (see the seeder). */
export class SeedDefaultCategories extends Command<CommandReceipt> {
  constructor(readonly categories: readonly CategoryDraft[], readonly context: CommandContext) {
    super();
  }
}

function categoryId(check: Check, value: string | null | undefined): string {
  const id = check.text('categoryId', value, { max: CATEGORY_ID_MAX }) ?? '';
  if (id && !CATEGORY_ID.test(id)) check.problem('categoryId', 'must be lower-case letters, digits and single underscores, starting with a letter');
  return id;
}

@CommandHandler(AddCategory)
export class AddCategoryHandler implements ICommandHandler<AddCategory> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: AddCategory): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const name = check.text('name', input.name, { max: CATEGORY_NAME_MAX });
    const polarity = check.oneOf<Polarity>('polarity', input.polarity, POLARITIES);
    let id: string;
    if (input.categoryId?.trim()) {
      id = categoryId(check, input.categoryId);
    } else {
      id = name ? categorySlug(name) : '';
      if (name && !id) check.problem('categoryId', 'is required when the name has no letters to make it from');
    }
    check.done();
    return this.executor.on(TAXONOMY).record(TAXONOMY_ID, context, { kind: 'add', categoryId: id, name, polarity }, id);
  }
}

@CommandHandler(RenameCategory)
export class RenameCategoryHandler implements ICommandHandler<RenameCategory> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: RenameCategory): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const id = categoryId(check, input.categoryId);
    const name = check.text('name', input.name, { max: CATEGORY_NAME_MAX });
    check.done();
    return this.executor.on(TAXONOMY).record(TAXONOMY_ID, context, { kind: 'rename', categoryId: id, name }, id);
  }
}

@CommandHandler(RetireCategory)
export class RetireCategoryHandler implements ICommandHandler<RetireCategory> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ input, context }: RetireCategory): Promise<CommandReceipt> {
    const check = new Check(context.now);
    const id = categoryId(check, input.categoryId);
    check.done();
    return this.executor.on(TAXONOMY).record(TAXONOMY_ID, context, { kind: 'retire', categoryId: id }, id);
  }
}

@CommandHandler(SeedDefaultCategories)
export class SeedDefaultCategoriesHandler implements ICommandHandler<SeedDefaultCategories> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ categories, context }: SeedDefaultCategories): Promise<CommandReceipt> {
    const check = new Check(context.now);
    categories.forEach((draft, i) => {
      categoryId(check, draft.categoryId);
      check.text(`categories[${i}].name`, draft.name, { max: CATEGORY_NAME_MAX });
      check.oneOf(`categories[${i}].polarity`, draft.polarity, POLARITIES);
    });
    check.done();
    return this.executor.on(TAXONOMY).record(TAXONOMY_ID, context, { kind: 'seed_defaults', categories });
  }
}

export const TAXONOMY_COMMAND_HANDLERS = [AddCategoryHandler, RenameCategoryHandler, RetireCategoryHandler, SeedDefaultCategoriesHandler];
