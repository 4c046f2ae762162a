import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { Test, type TestingModule } from '@nestjs/testing';
import { KeyedVault, UpcasterRegistry } from '#libs/kernel';
import { SqlKeyStore } from '#libs/database';
import { EVENT_STORE, UPCASTERS } from '#libs/event-store';
import { PROJECTION_RUNNER, READ_MODELS } from '#libs/projections';
import { captureProjections, commandContext, PERSONAL_DATA_VAULT } from '#libs/capture';
import { BACKENDS, openProjectionHarness, type ProjectionHarness } from '../../projections/src/testing/index.js';
import { LearningModule, learningProjections } from './index.js';
import { OutcomeDashboardQueries } from './outcomes/outcomes.queries.js';
import { RecordReflection } from './reflections/reflection.commands.js';
import { LearningTimelineQueries } from './timeline/timeline.queries.js';

describe.each(BACKENDS)('the learning module, wired by Nest (%s)', (backend) => {
  let h: ProjectionHarness;
  let moduleRef: TestingModule;

  beforeEach(async () => {
    h = await openProjectionHarness(backend, [...captureProjections(), ...learningProjections()]);
    await h.runner.start();
    const keys = new SqlKeyStore(h.db, randomBytes(32));
    await keys.migrate();
    const infrastructure = [
      { provide: EVENT_STORE, useValue: h.store },
      { provide: READ_MODELS, useValue: h.db },
      { provide: PROJECTION_RUNNER, useValue: h.runner },
      { provide: UPCASTERS, useValue: new UpcasterRegistry() },
      { provide: PERSONAL_DATA_VAULT, useValue: new KeyedVault(keys) },
    ];
    @Global()
    @Module({ providers: infrastructure, exports: infrastructure.map((p) => p.provide) })
    class Infrastructure {}
    moduleRef = await Test.createTestingModule({ imports: [Infrastructure, CqrsModule.forRoot(), LearningModule] }).compile();
    await moduleRef.init();
  });
  afterEach(async () => {
    await moduleRef.close();
    await h.dispose();
  });

  it('runs recordReflection through the CommandBus, and the timeline shows it when the command answers', async () => {
    const receipt = await moduleRef.get(CommandBus).execute(
      new RecordReflection(
        {
          learningQuestion: 'Which introductions last beyond coaching?',
          whatHappened: 'Walking groups kept people connected after endings.',
          insight: 'Regular, low-cost activities last.',
          occurredOn: '2026-03-01',
        },
        commandContext({ actor: 'user:leader-1', now: new Date('2026-03-02T09:00:00Z') }),
      ),
    );
    const timeline = await moduleRef.get(LearningTimelineQueries).list({});
    expect(timeline.edges.map((e) => e.node.reflection?.id)).toEqual([receipt.id]);
    const dashboard = await moduleRef.get(OutcomeDashboardQueries).dashboard({ period: 'quarter', from: '2026-01-01', to: '2026-03-31' });
    expect(dashboard.periods.map((p) => p.label)).toEqual(['2026-Q1']);
  });
});
