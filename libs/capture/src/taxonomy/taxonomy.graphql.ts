import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { POLARITIES } from '../shared/directory.js';
import { graphqlEnum } from '../shared/graphql-enums.js';

export const PolarityEnum = graphqlEnum(POLARITIES, 'Polarity', 'A barrier (a service not working) or a bright spot (what worked).');

@InputType({ description: 'A new category for observations.' })
export class AddCategoryInput {
  @Field(() => ID, { nullable: true, description: 'A stable lower snake slug such as waiting_times; made from the name when left out.' })
  categoryId?: string | null;

  @Field(() => String, { description: 'Up to 100 characters; unique among the categories in use.' })
  name!: string;

  @Field(() => PolarityEnum)
  polarity!: string;
}

@InputType({ description: 'A new name; the id, and everything filed under it, stay.' })
export class RenameCategoryInput {
  @Field(() => ID)
  categoryId!: string;

  @Field(() => String, { description: 'Up to 100 characters.' })
  name!: string;
}

@InputType({ description: 'No new observations go under a retired category; those filed under it keep it.' })
export class RetireCategoryInput {
  @Field(() => ID)
  categoryId!: string;
}

@ObjectType()
export class CategoryView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => PolarityEnum)
  polarity!: string;

  @Field(() => Boolean)
  retired!: boolean;

  @Field(() => Int, { description: 'Display order: the order categories were added.' })
  position!: number;
}
