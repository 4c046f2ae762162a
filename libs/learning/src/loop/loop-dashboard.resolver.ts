import { Args, GraphQLISODateTime, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '#libs/policy';
import { DashboardPeriodEnum } from '../outcomes/outcomes.graphql.js';
import { LoopDashboardView } from './loop-dashboard.graphql.js';
import { LoopDashboardQueries } from './loop-dashboard.queries.js';

@Resolver()
export class LoopDashboardResolver {
  constructor(private readonly queries: LoopDashboardQueries) {}

  @Allow({ leader: true, influencer: true })
  @Query(() => LoopDashboardView, {
    description:
      'The learning loop per month or quarter from..to: themes rising and falling, confirmed, raised, resolved and re-opened; reports shared, responses; changes agreed, checked and closed. Aggregates only.',
  })
  loopDashboard(
    @Args('period', { type: () => DashboardPeriodEnum }) period: string,
    @Args('from', { type: () => String, description: 'First day, YYYY-MM-DD.' }) from: string,
    @Args('to', { type: () => String, description: 'Last day, YYYY-MM-DD (at most 36 periods after from).' }) to: string,
    @Args('asOf', { type: () => GraphQLISODateTime, nullable: true, description: 'Answer from what had been recorded by this moment (now when left out).' })
    asOf: Date | null,
  ): Promise<LoopDashboardView> {
    return this.queries.dashboard({ period, from, to, asOf });
  }
}
