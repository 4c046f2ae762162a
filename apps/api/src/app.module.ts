import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import type { Runtime } from '#libs/runtime';
import { CaptureModule } from '#libs/capture';
import { AccessModule } from '#libs/access';
import { PolicyGuard } from '#libs/policy';
import { APP_GUARD } from '@nestjs/core';
import { formatGraphqlError } from './graphql/format-error.js';
import { HealthModule } from './health/health.module.js';
import { RuntimeModule } from './runtime/runtime.module.js';

/**
 * The server's wiring only: infrastructure (opened before Nest starts), CQRS buses, GraphQL
 * code-first at /graphql, health. Capabilities arrive as modules of their own.
 */
@Module({})
export class AppModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot(runtime),
        CqrsModule.forRoot(),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          // Generated in memory; scripts/generate-schema.ts writes schema/schema.graphql.
          autoSchemaFile: true,
          sortSchema: true,
          subscriptions: { 'graphql-ws': true },
          includeStacktraceInErrorResponses: false,
          formatError: (formatted, error) => formatGraphqlError(formatted, error),
          graphiql: process.env.NODE_ENV !== 'production',
          context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
        }),
        HealthModule,
        CaptureModule,
        AccessModule,
      ],
      // Every operation states who may call it; the guard refuses anything without a policy.
      providers: [{ provide: APP_GUARD, useClass: PolicyGuard }],
    };
  }
}
