// Jest runs in native ESM mode (NestJS 12 ships ESM only); SWC transpiles TypeScript with
// legacy decorators and decorator metadata, which Nest's dependency injection and
// @nestjs/graphql's code-first types read at run time.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^#libs/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
  // `*.exclusive.*.spec.ts` suites hold database transactions open on purpose, which holds
  // back event readers in every other suite on the same server: they run alone, afterwards.
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/web/', ...(process.env.JEST_EXCLUSIVE ? [] : ['\\.exclusive\\.'])],
  testTimeout: 30000,
  maxWorkers: 2,
};
