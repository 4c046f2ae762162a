import type { Upcaster } from '#libs/kernel';
import type { Projection } from '#libs/projections';
import { BUDGET_UPCASTERS } from './budgets/budget.upcasters.js';
import { budgetProjection } from './budgets/budget.projection.js';
import { coachingProjection } from './coaching/coaching.projection.js';
import { directoryProjection } from './directory/directory.projection.js';
import { growthProjection } from './growth/growth.projection.js';
import { observationsProjection } from './observations/observations.projection.js';
import { organisationsProjection } from './organisations/organisations.projection.js';
import { peopleProjection } from './people/people.projection.js';
import { taxonomyProjection } from './taxonomy/taxonomy.projection.js';
import { wellbeingProjection } from './wellbeing/wellbeing.projection.js';

export * from './capture.module.js';
export * from './shared/tokens.js';
export * from './shared/command-context.js';

/** The read models this capability keeps. */
export function captureProjections(): Projection[] {
  return [peopleProjection, coachingProjection, directoryProjection, organisationsProjection, taxonomyProjection, observationsProjection, growthProjection, budgetProjection, wellbeingProjection];
}

/** How this capability's older stored event shapes are read in their current one (registered in one registry by the product). */
export function captureUpcasters(): Upcaster[] {
  return [...BUDGET_UPCASTERS];
}

// Personal budgets' purpose categories, for the outcome dashboard (learning) to count spend by.
export {
  BUDGET_PURPOSE_CATEGORIES,
  type BudgetPurposeCategory,
  CHOOSABLE_PURPOSE_CATEGORIES,
  PURPOSE_CATEGORY_LABELS,
  UNSPECIFIED_PURPOSE,
} from './budgets/budget.purposes.js';
export { BudgetPurposeCategoryEnum } from './budgets/budget.graphql.js';

// Commands, for other deployables that drive capture through the CommandBus (the demo seed).
export { JoinPerson, RecordConsent } from './people/people.commands.js';
export { ChangeCoaching, RecordInteraction } from './coaching/coaching.commands.js';
export { AddCoach, FormTeam, RegisterArea } from './directory/directory.commands.js';
export { RegisterOrganisation } from './organisations/organisations.commands.js';
export { RecordObservation } from './observations/observations.commands.js';
export { commandContext } from './shared/command-context.js';
// The command machinery, for capabilities built on capture (access: accounts, forgetting).
export { CommandExecutor, type AggregateKind } from './shared/command-executor.js';
export { Check } from './shared/validation.js';
export { createdId, type CommandContext, type CommandReceipt } from './shared/command-context.js';
export { CommandArgs, CommandReceiptType } from './shared/graphql.types.js';
export { graphqlEnum } from './shared/graphql-enums.js';
// For capabilities built on observations (themes): the aggregate, checks and reference look-ups.
export { CaptureCommand } from './shared/capture-command.js';
export { observationDecider } from './observations/observation.decider.js';
export { observationStream } from './observations/observation.events.js';
export { DIRECTORY, type Directory } from './shared/directory.js';
export { ORGANISATION_MERGES_COLUMNS, recordOrganisationMerge, survivorSql } from './organisations/organisation-merges.sql.js';
