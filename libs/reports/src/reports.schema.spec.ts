import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import type { GraphQLSchema } from 'graphql';
import { type OperationPolicy, POLICY_KEY } from '#libs/policy';
import { ReportsExportController } from './reports/reports.controller.js';
import { ReportsResolver } from './reports/reports.resolver.js';

const policyOf = (target: object, name: string) =>
  Reflect.getMetadata(POLICY_KEY, (target as Record<string, object>)[name]) as OperationPolicy | undefined;
const shared = (path: string) => ({ scope: 'report', path });

describe('the reports API', () => {
  let schema: GraphQLSchema;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [GraphQLSchemaBuilderModule] }).compile();
    schema = await moduleRef.get(GraphQLSchemaFactory).create([ReportsResolver]);
  });

  it('has the report mutations and queries', () => {
    expect(Object.keys(schema.getMutationType()!.getFields()).sort()).toEqual([
      'acknowledgeReport',
      'agreeReportAction',
      'checkDueReportChanges',
      'checkReportChange',
      'discardReport',
      'draftReport',
      'editReport',
      'markReportActionDone',
      'respondToReport',
      'shareReport',
    ]);
    expect(Object.keys(schema.getQueryType()!.getFields()).sort()).toEqual(['overdueReports', 'report', 'reportMetrics', 'reports']);
  });

  it('states a policy for every operation: influencers write, partners answer only reports shared with them, others read only shared ones', () => {
    const roles = (name: string) => {
      const policy = policyOf(ReportsResolver.prototype, name);
      return policy?.kind === 'roles' ? policy.roles : policy;
    };
    for (const name of ['draftReport', 'editReport', 'discardReport', 'shareReport', 'checkReportChange', 'checkDueReportChanges', 'overdueReports']) {
      expect({ name, roles: roles(name) }).toEqual({ name, roles: { influencer: true } });
    }
    expect(roles('acknowledgeReport')).toEqual({ influencer: true, partner: shared('reportId') });
    for (const name of ['respondToReport', 'agreeReportAction', 'markReportActionDone']) {
      expect({ name, roles: roles(name) }).toEqual({ name, roles: { influencer: true, partner: shared('input.reportId') } });
    }
    const readers = { influencer: true, partner: shared('id'), commissioner: shared('id'), coach: shared('id'), leader: shared('id') };
    expect(roles('report')).toEqual(readers);
    expect(roles('reports')).toEqual({ influencer: true, partner: true, commissioner: true, coach: true, leader: true });
    expect(roles('reportMetrics')).toEqual({ influencer: true, leader: true });
  });

  it('guards the print page and the CSV like the report query, reading the id from the route', () => {
    for (const name of ['print', 'figures']) {
      const policy = policyOf(ReportsExportController.prototype, name);
      expect(policy).toEqual({
        kind: 'roles',
        roles: { influencer: true, partner: shared('params.id'), commissioner: shared('params.id'), coach: shared('params.id'), leader: shared('params.id') },
      });
    }
  });

  it('never names a person in what it answers: quotes carry their words only, never who said them', () => {
    const fields = Object.keys((schema.getType('ReportQuoteView') as unknown as { getFields(): Record<string, unknown> }).getFields());
    expect(fields.sort()).toEqual(['observationId', 'removed', 'text']);
  });
});
