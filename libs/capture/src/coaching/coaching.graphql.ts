import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ChannelEnum, EndingEnum, FrequencyEnum, InitiatorEnum, PauseRequesterEnum, PlaceEnum } from '../shared/graphql-enums.js';

@InputType()
export class StartCoachingInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID)
  coachId!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  startedOn!: string;
}

@InputType()
export class PauseCoachingInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => PauseRequesterEnum)
  requestedBy!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  pausedOn!: string;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}

@InputType()
export class ResumeCoachingInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  resumedOn!: string;
}

@InputType({ description: 'The person changes how often, and how, they would like to meet.' })
export class VaryCoachingInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => FrequencyEnum)
  frequency!: string;

  @Field(() => ChannelEnum)
  preferredChannel!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  variedOn!: string;
}

@InputType({ description: 'How the relationship ended: a planned ending is made with the person.' })
export class EndCoachingInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => EndingEnum)
  ending!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  endedOn!: string;

  @Field(() => Boolean, { description: 'Whether an ending conversation with the person happened.' })
  endingConversationHeld!: boolean;

  @Field(() => String, { nullable: true, description: 'How the person described the ending, in their words.' })
  inPersonsWords?: string | null;
}

@InputType()
export class ReopenCoachingInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID)
  coachId!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  reopenedOn!: string;
}

@InputType({ description: 'One conversation, recorded in under a minute.' })
export class RecordInteractionInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID, { nullable: true })
  interactionId?: string | null;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  occurredOn!: string;

  @Field(() => ChannelEnum)
  channel!: string;

  @Field(() => InitiatorEnum)
  initiatedBy!: string;

  @Field(() => PlaceEnum, { nullable: true, description: 'Only for conversations in person.' })
  place?: string | null;

  @Field(() => Int, { description: '1 to 600' })
  minutes!: number;

  @Field(() => String, { description: 'What mattered to the person.' })
  whatMattered!: string;

  @Field(() => [String], { nullable: true })
  strengthsNoticed?: string[] | null;

  @Field(() => [String], { nullable: true })
  aspirationsMentioned?: string[] | null;

  @Field(() => [String], { nullable: true })
  connectionsMade?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Organisations the person was introduced to.' })
  organisationsIntroduced?: string[] | null;
}
