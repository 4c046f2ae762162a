import { Args, GraphQLISODateTime, ID, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '#libs/policy';
import { DashboardPeriodEnum, OutcomeDashboardView } from './outcomes.graphql.js';
import { type OutcomeDashboard, OutcomeDashboardQueries } from './outcomes.queries.js';

@Resolver()
export class OutcomeDashboardResolver {
  constructor(private readonly queries: OutcomeDashboardQueries) {}

  @Allow({ leader: true, influencer: true })
  @Query(() => OutcomeDashboardView, {
    description:
      'Outcomes per month or quarter from..to: people joined, coaching relationships started and ended (how, and how long), connections made, personal budget spend (in all and by purpose category), wellbeing change. Aggregates only; small numbers are marked, not hidden.',
  })
  outcomeDashboard(
    @Args('period', { type: () => DashboardPeriodEnum }) period: string,
    @Args('from', { type: () => String, description: 'First day, YYYY-MM-DD.' }) from: string,
    @Args('to', { type: () => String, description: 'Last day, YYYY-MM-DD (at most 120 periods after from).' }) to: string,
    @Args('asOf', { type: () => GraphQLISODateTime, nullable: true, description: 'Answer from what had been recorded by this moment (now when left out).' })
    asOf: Date | null,
    @Args('teamId', { type: () => ID, nullable: true }) teamId: string | null,
    @Args('areaId', { type: () => ID, nullable: true }) areaId: string | null,
  ): Promise<OutcomeDashboard> {
    return this.queries.dashboard({ period, from, to, asOf, teamId, areaId });
  }
}
