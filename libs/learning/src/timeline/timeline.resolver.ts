import { Args, GraphQLISODateTime, Int, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '#libs/policy';
import { LearningTimelineConnection } from './timeline.graphql.js';
import { LearningTimelineQueries } from './timeline.queries.js';

@Resolver()
export class LearningTimelineResolver {
  constructor(private readonly queries: LearningTimelineQueries) {}

  @Allow({ leader: true, influencer: true })
  @Query(() => LearningTimelineConnection, {
    description:
      'Reflections interleaved with the learning loop\'s key events (themes confirmed and changing status, reports shared, actions agreed, changes checked), newest first, a page at a time, as they stood at `asOf`. Withdrawn reflections are left out unless asked for.',
  })
  learningTimeline(
    @Args('from', { type: () => String, nullable: true, description: 'Happened on or after, YYYY-MM-DD.' }) from: string | null,
    @Args('to', { type: () => String, nullable: true, description: 'Happened on or before, YYYY-MM-DD.' }) to: string | null,
    @Args('asOf', { type: () => GraphQLISODateTime, nullable: true, description: 'Answer from what had been recorded by this moment (now when left out).' })
    asOf: Date | null,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1 to 100 (20 when left out).' }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
    @Args('includeWithdrawn', {
      type: () => Boolean,
      nullable: true,
      description: 'Also list the reflections withdrawn by `asOf`, each with its withdrawal (left out: only those not withdrawn).',
    })
    includeWithdrawn: boolean | null,
  ): Promise<LearningTimelineConnection> {
    return this.queries.list({ from, to, asOf, first, after, includeWithdrawn });
  }
}
