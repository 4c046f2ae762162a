export * from './disclosure-threshold.js';
export * from './suppression.js';
