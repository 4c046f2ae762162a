import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum HealthStatus {
  OK = 'ok',
  DEGRADED = 'degraded',
  DOWN = 'down',
}
registerEnumType(HealthStatus, {
  name: 'HealthStatus',
  description: 'ok: all is well; degraded: a projection failed or lags; down: the event store cannot be reached.',
});

@ObjectType({ description: 'The event store this server writes to.' })
export class StoreHealth {
  @Field(() => String, { description: 'embedded, postgres or eventstoredb' })
  kind!: string;

  @Field(() => Boolean)
  reachable!: boolean;

  @Field(() => String, { nullable: true, description: 'Why it cannot be reached (no connection details).' })
  error?: string | null;

  @Field(() => String, { nullable: true, description: 'Position of the newest event, "commit/prepare".' })
  headPosition?: string | null;
}

@ObjectType()
export class ProjectionFailureHealth {
  @Field(() => String)
  message!: string;

  @Field(() => String, { description: 'Position of the event that could not be applied.' })
  position!: string;

  @Field(() => String)
  eventType!: string;

  @Field(() => String)
  at!: string;
}

@ObjectType()
export class ProjectionBuildHealth {
  @Field(() => Int)
  slot!: number;

  @Field(() => Int)
  version!: number;

  @Field(() => String)
  position!: string;

  @Field(() => Int)
  eventsApplied!: number;
}

@ObjectType({ description: 'One read model kept from the event stream.' })
export class ProjectionHealth {
  @Field(() => String)
  name!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => Int)
  slot!: number;

  @Field(() => String, { description: 'starting, catching_up, live, failed or stopped' })
  state!: string;

  @Field(() => String)
  position!: string;

  @Field(() => Int, { nullable: true, description: 'Events not yet applied, where the store can count them.' })
  lag?: number | null;

  @Field(() => Int)
  eventsApplied!: number;

  @Field(() => ProjectionFailureHealth, { nullable: true })
  error?: ProjectionFailureHealth | null;

  @Field(() => ProjectionBuildHealth, { nullable: true, description: 'A new version or rebuild being built beside this one.' })
  building?: ProjectionBuildHealth | null;
}

@ObjectType()
export class Health {
  @Field(() => HealthStatus)
  status!: HealthStatus;

  @Field(() => StoreHealth)
  store!: StoreHealth;

  @Field(() => [ProjectionHealth])
  projections!: ProjectionHealth[];

  @Field(() => String)
  checkedAt!: string;
}
