import { Module } from '@nestjs/common';
import { COACHING_COMMAND_HANDLERS } from './coaching/coaching.commands.js';
import { CoachingResolver } from './coaching/coaching.resolver.js';
import { PEOPLE_COMMAND_HANDLERS } from './people/people.commands.js';
import { PeopleQueries } from './people/people.queries.js';
import { PeopleResolver } from './people/people.resolver.js';
import { CommandExecutor } from './shared/command-executor.js';

/** What coaches record: people, coaching relationships, interactions (more slices join here). */
@Module({
  providers: [CommandExecutor, ...PEOPLE_COMMAND_HANDLERS, PeopleQueries, PeopleResolver, ...COACHING_COMMAND_HANDLERS, CoachingResolver],
})
export class CaptureModule {}
