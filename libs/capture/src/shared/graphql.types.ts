import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'The answer to every mutation: safe to retry with the same commandId.' })
export class CommandReceiptType {
  @Field(() => ID, { description: 'Send the same commandId again and nothing is recorded twice.' })
  commandId!: string;

  @Field(() => ID, { description: 'The id of what was created or changed.' })
  id!: string;

  @Field(() => Int, { description: 'Its revision now: send it as expectedRevision with the next change.' })
  revision!: number;

  @Field(() => String, { description: 'Position of the write in the event order.' })
  position!: string;

  @Field(() => Boolean, { description: 'True when this commandId had already been handled.' })
  replayed!: boolean;
}

/** Arguments every mutation takes besides its input. */
@ArgsType()
export class CommandArgs {
  @Field(() => ID, { nullable: true, description: 'A client-made UUID for this command, so that a retry is not recorded twice.' })
  commandId?: string | null;

  @Field(() => Int, { nullable: true, description: 'The revision you last saw; if it changed since, you get CONFLICT.' })
  expectedRevision?: number | null;
}
