import { Module } from '@nestjs/common';
import { CaptureModule } from '#libs/capture';
import { ThemesModule } from '#libs/themes';
import { LoopDashboardQueries } from './loop/loop-dashboard.queries.js';
import { LoopDashboardResolver } from './loop/loop-dashboard.resolver.js';
import { OutcomeDashboardQueries } from './outcomes/outcomes.queries.js';
import { OutcomeDashboardResolver } from './outcomes/outcomes.resolver.js';
import { REFLECTION_COMMAND_HANDLERS } from './reflections/reflection.commands.js';
import { ReflectionsResolver } from './reflections/reflections.resolver.js';
import { LearningTimelineQueries } from './timeline/timeline.queries.js';
import { LearningTimelineResolver } from './timeline/timeline.resolver.js';

/**
 * Leadership's learning over time: reflections (what the organisation learned, decided and will
 * try), the learning timeline, and outcome dashboards, each answerable as of a past moment.
 * Commands run through capture's CommandExecutor (idempotent by command id).
 */
@Module({
  imports: [CaptureModule, ThemesModule],
  providers: [
    ...REFLECTION_COMMAND_HANDLERS,
    ReflectionsResolver,
    LearningTimelineQueries,
    LearningTimelineResolver,
    OutcomeDashboardQueries,
    OutcomeDashboardResolver,
    LoopDashboardQueries,
    LoopDashboardResolver,
  ],
})
export class LearningModule {}
