import type { Projection } from '#libs/projections';
import { outcomesProjection } from './outcomes/outcomes.projection.js';
import { timelineProjection } from './timeline/timeline.projection.js';

export * from './learning.module.js';

/** The read models this capability keeps. */
export function learningProjections(): Projection[] {
  return [timelineProjection, outcomesProjection];
}

// Commands, for other deployables that drive learning through the CommandBus (a demo seed).
export { RecordReflection, ReviseReflection, WithdrawReflection } from './reflections/reflection.commands.js';
export type { RecordReflectionInput, ReviseReflectionInput, WithdrawReflectionInput } from './reflections/reflection.commands.js';
export { REFLECTION_EVENT_TYPES, reflectionStream, type ReflectionEvent } from './reflections/reflection.events.js';
export { NATIONAL_AVERAGE } from './outcomes/national-averages.js';
