import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';

@InputType({ description: 'An area where coaching happens, such as a borough or a county.' })
export class RegisterAreaInput {
  @Field(() => ID, { nullable: true, description: 'A client-made UUID; made for you when left out.' })
  areaId?: string | null;

  @Field(() => String, { description: 'Up to 100 characters.' })
  name!: string;
}

@InputType()
export class RenameAreaInput {
  @Field(() => ID)
  areaId!: string;

  @Field(() => String, { description: 'Up to 100 characters.' })
  name!: string;
}

@InputType({ description: 'A team of coaches, formed in an area.' })
export class FormTeamInput {
  @Field(() => ID, { nullable: true, description: 'A client-made UUID; made for you when left out.' })
  teamId?: string | null;

  @Field(() => ID)
  areaId!: string;

  @Field(() => String, { description: 'Up to 100 characters.' })
  name!: string;
}

@InputType()
export class RenameTeamInput {
  @Field(() => ID)
  teamId!: string;

  @Field(() => String, { description: 'Up to 100 characters.' })
  name!: string;
}

@InputType({ description: 'A coach (or link worker) joining a team.' })
export class AddCoachInput {
  @Field(() => ID, { nullable: true, description: 'A client-made UUID; made for you when left out.' })
  coachId?: string | null;

  @Field(() => ID)
  teamId!: string;

  @Field(() => String, { description: 'The name the coach is known by here (up to 80 characters).' })
  displayName!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when left out.' })
  joinedOn?: string | null;
}

@InputType({ description: 'A coach moves to another team; the people they coach stay with them.' })
export class MoveCoachInput {
  @Field(() => ID)
  coachId!: string;

  @Field(() => ID, { description: 'The team the coach moves to.' })
  teamId!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when left out.' })
  movedOn?: string | null;
}

@InputType({ description: 'A coach left the organisation.' })
export class CoachLeftInput {
  @Field(() => ID)
  coachId!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; today when left out.' })
  leftOn?: string | null;
}

@ObjectType()
export class AreaView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType()
export class TeamView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  areaId!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType()
export class CoachView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  teamId!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => Boolean, { description: 'False once the coach has left.' })
  active!: boolean;

  @Field(() => String)
  joinedOn!: string;

  @Field(() => String, { nullable: true })
  leftOn?: string | null;
}
