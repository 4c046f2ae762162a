import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { graphqlEnum } from '#libs/capture';
import { type Role, ROLES } from '#libs/policy';

export const RoleEnum = graphqlEnum(ROLES, 'Role', 'What a user may do; coach, partner and commissioner are scoped to a team, an organisation or an area.');

@InputType({ description: 'A role, with the scope it needs: teamId for a coach, organisationId for a partner, areaId for a commissioner.' })
export class GrantInput {
  @Field(() => RoleEnum)
  role!: Role;
  @Field(() => ID, { nullable: true })
  teamId?: string | null;
  @Field(() => ID, { nullable: true })
  organisationId?: string | null;
  @Field(() => ID, { nullable: true })
  areaId?: string | null;
}

@ObjectType('Grant')
export class GrantView {
  @Field(() => RoleEnum)
  role!: Role;
  @Field(() => ID, { nullable: true })
  teamId?: string;
  @Field(() => ID, { nullable: true })
  organisationId?: string;
  @Field(() => ID, { nullable: true })
  areaId?: string;
}

@ObjectType('User', { description: 'A staff account.' })
export class UserView {
  @Field(() => ID)
  userId!: string;
  @Field()
  email!: string;
  @Field()
  displayName!: string;
  @Field()
  active!: boolean;
  @Field(() => [GrantView])
  grants!: GrantView[];
  @Field(() => ID, { nullable: true, description: 'The coach record this account is the coach of, when an administrator has linked one.' })
  coachId?: string | null;
}

@ObjectType({ description: 'A signed-in session. The session itself is an HTTP-only cookie; send csrfToken as the x-csrf-token header with every mutation.' })
export class SignInResult {
  @Field(() => UserView)
  user!: UserView;
  @Field()
  csrfToken!: string;
  @Field()
  expiresAt!: string;
}

@InputType()
export class InviteUserInput {
  @Field()
  email!: string;
  @Field()
  displayName!: string;
  @Field(() => [GrantInput])
  grants!: GrantInput[];
}

@ObjectType({ description: 'Hand the token to the person invited (e.g. in a link); it can be used once, within 7 days.' })
export class InvitationView {
  @Field(() => ID)
  userId!: string;
  @Field()
  invitationToken!: string;
  @Field()
  expiresAt!: string;
}

@InputType()
export class AuditLogFilter {
  @Field(() => ID, { nullable: true, description: 'Only what this user did.' })
  userId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only what was done to or read of this person\'s record.' })
  personId?: string | null;
  @Field(() => String, { nullable: true, description: 'From this time (ISO 8601), inclusive.' })
  from?: string | null;
  @Field(() => String, { nullable: true, description: 'Before this time (ISO 8601).' })
  to?: string | null;
}

@ObjectType({ description: 'One thing someone did: an event they caused, or a read of a person\'s record.' })
export class AuditEntryView {
  @Field()
  occurredAt!: string;
  @Field()
  recordedAt!: string;
  @Field({ description: '`user:<id>`, `system:<name>` or `anonymous`.' })
  actor!: string;
  @Field()
  eventType!: string;
  @Field()
  stream!: string;
  @Field(() => ID, { nullable: true })
  personId?: string | null;
}

@ObjectType()
export class AuditLogPage {
  @Field(() => [AuditEntryView])
  entries!: AuditEntryView[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next (older) page; null on the last page.' })
  nextCursor!: string | null;
}
