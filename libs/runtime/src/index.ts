export * from './config.js';
export * from './open-runtime.js';
export * from './product.js';
