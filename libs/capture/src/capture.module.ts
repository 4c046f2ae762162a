import { Module } from '@nestjs/common';
import { BUDGET_COMMAND_HANDLERS } from './budgets/budget.commands.js';
import { BudgetQueries } from './budgets/budget.queries.js';
import { BudgetResolver } from './budgets/budget.resolver.js';
import { COACHING_COMMAND_HANDLERS } from './coaching/coaching.commands.js';
import { CoachingResolver } from './coaching/coaching.resolver.js';
import { REFERENCE_DATA_PROVIDERS } from './directory/reference-data.providers.js';
import { GROWTH_COMMAND_HANDLERS } from './growth/growth.commands.js';
import { GrowthResolver } from './growth/growth.resolver.js';
import { OBSERVATION_COMMAND_HANDLERS } from './observations/observations.commands.js';
import { ObservationsQueries } from './observations/observations.queries.js';
import { ObservationsResolver } from './observations/observations.resolver.js';
import { PEOPLE_COMMAND_HANDLERS } from './people/people.commands.js';
import { PeopleQueries } from './people/people.queries.js';
import { PeopleResolver } from './people/people.resolver.js';
import { PersonRecordService } from './people/person-record.js';
import { CommandExecutor } from './shared/command-executor.js';
import { SCOPE_LOOKUP } from '#libs/policy';
import { SqlScopeLookup } from './shared/sql-scope-lookup.js';
import { DIRECTORY } from './shared/directory.js';
import { WELLBEING_COMMAND_HANDLERS } from './wellbeing/wellbeing.commands.js';
import { WellbeingResolver } from './wellbeing/wellbeing.resolver.js';

/**
 * What coaches record: people, coaching relationships and interactions, observations, reference
 * data (areas, teams, coaches, organisations, taxonomy), growth, personal budgets, wellbeing.
 */
@Module({
  providers: [
    CommandExecutor,
    ...PEOPLE_COMMAND_HANDLERS,
    PeopleQueries,
    PeopleResolver,
    PersonRecordService,
    ...COACHING_COMMAND_HANDLERS,
    CoachingResolver,
    ...REFERENCE_DATA_PROVIDERS,
    ...OBSERVATION_COMMAND_HANDLERS,
    ObservationsQueries,
    ObservationsResolver,
    ...GROWTH_COMMAND_HANDLERS,
    GrowthResolver,
    ...BUDGET_COMMAND_HANDLERS,
    BudgetQueries,
    BudgetResolver,
    ...WELLBEING_COMMAND_HANDLERS,
    WellbeingResolver,
    { provide: SCOPE_LOOKUP, useClass: SqlScopeLookup },
  ],
  exports: [CommandExecutor, SCOPE_LOOKUP, DIRECTORY],
})
export class CaptureModule {}
