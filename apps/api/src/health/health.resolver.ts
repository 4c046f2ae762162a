import { Query, Resolver } from '@nestjs/graphql';
import { HealthService } from './health.service.js';
import { Health } from './health.types.js';
import { Public } from '#libs/policy';

@Resolver(() => Health)
export class HealthResolver {
  constructor(private readonly service: HealthService) {}

  @Public()
  @Query(() => Health, { description: 'Whether the event store answers and how far each projection has got.' })
  health(): Promise<Health> {
    return this.service.check();
  }
}
