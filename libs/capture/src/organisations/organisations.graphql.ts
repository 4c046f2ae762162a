import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ORGANISATION_KINDS } from '../shared/directory.js';
import { graphqlEnum } from '../shared/graphql-enums.js';

export const OrganisationKindEnum = graphqlEnum(ORGANISATION_KINDS, 'OrganisationKind', 'What sort of service an organisation is.');

@InputType({ description: 'A partner service: a council team, a GP practice, a Jobcentre, a housing provider...' })
export class RegisterOrganisationInput {
  @Field(() => ID, { nullable: true, description: 'A client-made UUID; made for you when left out.' })
  organisationId?: string | null;

  @Field(() => String, { description: 'Up to 200 characters.' })
  name!: string;

  @Field(() => OrganisationKindEnum)
  kind!: string;

  @Field(() => ID)
  areaId!: string;

  @Field(() => ID, { nullable: true, description: 'The organisation it is part of, e.g. the council of a housing options team.' })
  parentId?: string | null;

  @Field(() => String, { nullable: true, description: 'NHS ODS code: 3 to 10 letters and digits.' })
  odsCode?: string | null;
}

@InputType()
export class RenameOrganisationInput {
  @Field(() => ID)
  organisationId!: string;

  @Field(() => String, { description: 'Up to 200 characters.' })
  name!: string;
}

@InputType({ description: 'Moves an organisation, with everything below it, under another one (or to the top).' })
export class MoveOrganisationInput {
  @Field(() => ID)
  organisationId!: string;

  @Field(() => ID, { nullable: true, description: 'The new parent; left out, the organisation moves to the top.' })
  parentId?: string | null;
}

@InputType({ description: 'Two records of the same service: the first becomes an alias of the second.' })
export class MergeOrganisationsInput {
  @Field(() => ID, { description: 'The record that is merged away (it stays as an alias).' })
  organisationId!: string;

  @Field(() => ID, { description: 'The record that stays.' })
  intoOrganisationId!: string;
}

@ArgsType()
export class OrganisationsArgs {
  @Field(() => String, { nullable: true, description: 'Part of the name, in any case.' })
  search?: string | null;

  @Field(() => ID, { nullable: true })
  areaId?: string | null;

  @Field(() => OrganisationKindEnum, { nullable: true })
  kind?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 100 (20 when left out).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

@ObjectType()
export class OrganisationView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => OrganisationKindEnum)
  kind!: string;

  @Field(() => ID)
  areaId!: string;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => String, { nullable: true })
  odsCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'Set when this record was merged: the record of the same service that stands for it now.' })
  mergedInto?: string | null;

  @Field(() => [ID], { description: 'From the top of the hierarchy down to this organisation itself.' })
  path!: string[];
}

@ObjectType()
export class OrganisationEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => OrganisationView)
  node!: OrganisationView;
}

@ObjectType()
export class OrganisationPageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor?: string | null;
}

@ObjectType({ description: 'A page of organisations by name (merged records left out).' })
export class OrganisationConnection {
  @Field(() => [OrganisationEdge])
  edges!: OrganisationEdge[];

  @Field(() => OrganisationPageInfo)
  pageInfo!: OrganisationPageInfo;

  @Field(() => Int, { description: 'How many organisations match, over all pages.' })
  totalCount!: number;
}

@ObjectType({ description: 'An organisation with the organisations below it.' })
export class OrganisationTreeNode {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => OrganisationKindEnum)
  kind!: string;

  @Field(() => ID)
  areaId!: string;

  @Field(() => String, { nullable: true })
  odsCode?: string | null;

  @Field(() => [OrganisationTreeNode], { description: 'By name.' })
  children!: OrganisationTreeNode[];
}
