import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '../shared/graphql-enums.js';
import { ASPIRATION_STATUSES, CONNECTION_KINDS, STRENGTH_NOTICERS } from './growth.events.js';

export const ConnectionKindEnum = graphqlEnum(CONNECTION_KINDS, 'ConnectionKind', 'Who or what a person is now connected with.');
export const StrengthNoticerEnum = graphqlEnum(STRENGTH_NOTICERS, 'StrengthNoticer', 'Who noticed a strength.');
export const AspirationStatusEnum = graphqlEnum(
  ASPIRATION_STATUSES,
  'AspirationStatus',
  'Where an aspiration stands: active, achieved, changed (into a new one) or let go.',
);

@InputType({ description: 'An aspiration the person sets, in their own words.' })
export class SetAspirationInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID, { nullable: true, description: 'A client-made UUID; made for you when left out.' })
  aspirationId?: string | null;

  @Field(() => String, { description: 'The aspiration in the person\'s words (up to 500 characters).' })
  inPersonsWords!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  setOn!: string;
}

@InputType()
export class NoteAspirationProgressInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID)
  aspirationId!: string;

  @Field(() => String, { description: 'What moved on, ideally in the person\'s words.' })
  note!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  notedOn!: string;
}

@InputType()
export class AchieveAspirationInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID)
  aspirationId!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  achievedOn!: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: 'The person reshapes an aspiration: the old one is kept as changed, the new one is set.' })
export class ChangeAspirationInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID)
  aspirationId!: string;

  @Field(() => ID, { nullable: true, description: 'A client-made UUID for the new aspiration; made for you when left out.' })
  newAspirationId?: string | null;

  @Field(() => String, { description: 'The new aspiration in the person\'s words.' })
  inPersonsWords!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  changedOn!: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: 'The person lets an aspiration go: that is their choice, not a failure.' })
export class LetGoOfAspirationInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID)
  aspirationId!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  letGoOn!: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: 'Something the person is good at or enjoys.' })
export class NoticeStrengthInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID, { nullable: true })
  strengthId?: string | null;

  @Field(() => String, { description: 'The strength in the person\'s words (up to 500 characters).' })
  inPersonsWords!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  noticedOn!: string;

  @Field(() => StrengthNoticerEnum)
  noticedBy!: string;
}

@InputType({ description: 'A person, group or community activity the person is now linked with.' })
export class MakeConnectionInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID, { nullable: true })
  connectionId?: string | null;

  @Field(() => ConnectionKindEnum)
  kind!: string;

  @Field(() => String, { description: 'Who or what, in the person\'s words (up to 500 characters).' })
  description!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  madeOn!: string;
}

@InputType()
export class EndConnectionInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID)
  connectionId!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  endedOn!: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@ObjectType({ description: 'One step in an aspiration\'s history.' })
export class AspirationStepView {
  @Field(() => String)
  occurredOn!: string;

  @Field(() => String, { description: 'aspiration.set, aspiration.progress_noted, aspiration.achieved, aspiration.changed or aspiration.let_go' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'The words recorded with it; null once the person has been forgotten.' })
  note?: string | null;
}

@ObjectType()
export class AspirationView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'Null once the person has been forgotten.' })
  inPersonsWords?: string | null;

  @Field(() => AspirationStatusEnum)
  status!: string;

  @Field(() => String)
  setOn!: string;

  @Field(() => String, { nullable: true, description: 'When it was achieved, changed or let go.' })
  closedOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'The aspiration this one grew out of.' })
  changedFrom?: string | null;

  @Field(() => ID, { nullable: true, description: 'The aspiration this one was changed into.' })
  changedTo?: string | null;

  @Field(() => [AspirationStepView], { description: 'Oldest first.' })
  history!: AspirationStepView[];
}

@ObjectType()
export class StrengthView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'Null once the person has been forgotten.' })
  inPersonsWords?: string | null;

  @Field(() => String)
  noticedOn!: string;

  @Field(() => StrengthNoticerEnum)
  noticedBy!: string;
}

@ObjectType()
export class ConnectionView {
  @Field(() => ID)
  id!: string;

  @Field(() => ConnectionKindEnum)
  kind!: string;

  @Field(() => String, { nullable: true, description: 'Null once the person has been forgotten.' })
  description?: string | null;

  @Field(() => String)
  madeOn!: string;

  @Field(() => String, { nullable: true })
  endedOn?: string | null;

  @Field(() => Boolean, { description: 'True while the connection has not ended.' })
  current!: boolean;

  @Field(() => String, { nullable: true })
  endNote?: string | null;
}
