import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed GraphQL documents for the web app: `graphql()` in apps/web/src is checked against the
 * checked-in schema and typed from it. Run from the repository root (npm run build:web).
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['apps/web/src/**/*.{ts,tsx}', '!apps/web/src/gql/**/*'],
  generates: {
    'apps/web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true, strictScalars: true, scalars: { ID: 'string', DateTime: 'string' } },
    },
  },
  silent: true,
};

export default config;
