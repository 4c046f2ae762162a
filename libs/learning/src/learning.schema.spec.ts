import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { getNamedType, type GraphQLNamedType, type GraphQLSchema, isObjectType, printType } from 'graphql';
import { type OperationPolicy, POLICY_KEY } from '#libs/policy';
import { OutcomeDashboardResolver } from './outcomes/outcomes.resolver.js';
import { ReflectionsResolver } from './reflections/reflections.resolver.js';
import { LearningTimelineResolver } from './timeline/timeline.resolver.js';

const RESOLVERS = [ReflectionsResolver, LearningTimelineResolver, OutcomeDashboardResolver];

describe('the learning GraphQL API', () => {
  let schema: GraphQLSchema;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [GraphQLSchemaBuilderModule] }).compile();
    schema = await moduleRef.get(GraphQLSchemaFactory).create(RESOLVERS);
  });

  it('has the three reflection mutations and the two queries, each taking asOf as a DateTime', () => {
    expect(Object.keys(schema.getMutationType()!.getFields()).sort()).toEqual(['recordReflection', 'reviseReflection', 'withdrawReflection']);
    const queries = schema.getQueryType()!.getFields();
    expect(Object.keys(queries).sort()).toEqual(['learningTimeline', 'outcomeDashboard']);
    expect(queries.learningTimeline.args.map((a) => `${a.name}: ${a.type.toString()}`)).toEqual([
      'from: String',
      'to: String',
      'asOf: DateTime',
      'first: Int',
      'after: String',
      'includeWithdrawn: Boolean',
    ]);
    expect(queries.outcomeDashboard.args.map((a) => `${a.name}: ${a.type.toString()}`)).toEqual([
      'period: DashboardPeriod!',
      'from: String!',
      'to: String!',
      'asOf: DateTime',
      'teamId: ID',
      'areaId: ID',
    ]);
    expect(printType(schema.getType('DashboardPeriod')!)).toContain('MONTH');
  });

  it('lets leaders and system influencers, and nobody else, call each operation', () => {
    for (const resolver of RESOLVERS) {
      for (const name of Object.getOwnPropertyNames(resolver.prototype).filter((n) => n !== 'constructor')) {
        const policy = Reflect.getMetadata(POLICY_KEY, (resolver.prototype as unknown as Record<string, object>)[name]) as OperationPolicy | undefined;
        expect({ name, policy }).toEqual({ name, policy: { kind: 'roles', roles: { leader: true, influencer: true } } });
      }
    }
  });

  it('answers the outcome dashboard with aggregates only: no field anywhere in it names a person', () => {
    const seen = new Set<string>();
    const fields: string[] = [];
    const walk = (type: GraphQLNamedType) => {
      if (seen.has(type.name) || !isObjectType(type)) return;
      seen.add(type.name);
      for (const field of Object.values(type.getFields())) {
        fields.push(`${type.name}.${field.name}`);
        walk(getNamedType(field.type));
      }
    };
    walk(getNamedType(schema.getQueryType()!.getFields().outcomeDashboard.type));
    expect(fields.length).toBeGreaterThan(40);
    expect(fields.filter((f) => /person|name|words|purpose/i.test(f))).toEqual([]);
    expect(fields.filter((f) => /Id$/.test(f))).toEqual(['OutcomeDashboardView.teamId', 'OutcomeDashboardView.areaId']);
  });
});
