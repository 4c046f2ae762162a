import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'An observation was recorded. Its words are not sent: query observation(id) for them, under its policy.' })
export class ObservationRecordedNotice {
  @Field(() => ID)
  observationId!: string;
  @Field(() => String, { description: 'barrier or bright_spot' })
  kind!: string;
  @Field(() => ID, { nullable: true })
  organisationId?: string | null;
  @Field(() => ID)
  areaId!: string;
  @Field(() => ID)
  categoryId!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' })
  occurredOn!: string;
  @Field(() => String, { description: 'When it was recorded (ISO 8601).' })
  recordedAt!: string;
}

@ObjectType({ description: 'A theme changed: proposed, confirmed, redefined, evidence linked or unlinked, moved along the loop, merged or split.' })
export class ThemeChangedNotice {
  @Field(() => ID)
  themeId!: string;
  @Field(() => String, { description: 'What happened, e.g. confirmed, status_changed, observations_linked.' })
  change!: string;
  @Field(() => String, { nullable: true, description: 'The name, when the change set or carries it.' })
  name?: string | null;
  @Field(() => String, { nullable: true, description: 'The status moved to, for status changes.' })
  status?: string | null;
  @Field(() => String, { description: 'ISO 8601' })
  recordedAt!: string;
}
