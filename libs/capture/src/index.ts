import type { Projection } from '#libs/projections';
import { coachingProjection } from './coaching/coaching.projection.js';
import { peopleProjection } from './people/people.projection.js';

export * from './capture.module.js';
export * from './shared/tokens.js';
export * from './shared/command-context.js';

/** The read models this capability keeps. */
export function captureProjections(): Projection[] {
  return [peopleProjection, coachingProjection];
}
