/** Nest injection tokens for the projection runner and the read-model database. */
export const PROJECTION_RUNNER = Symbol.for('learning-loop.projection-runner');
export const READ_MODELS = Symbol.for('learning-loop.read-models');
