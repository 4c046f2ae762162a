import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import type { Runtime } from '#libs/runtime';
import { CaptureModule } from '#libs/capture';
import { AccessModule, WebSocketSessions } from '#libs/access';
import { ThemesModule } from '#libs/themes';
import { LearningModule } from '#libs/learning';
import { ReportsModule } from '#libs/reports';
import { PolicyGuard } from '#libs/policy';
import { APP_GUARD } from '@nestjs/core';
import { formatGraphqlError } from './graphql/format-error.js';
import { GRAPHQL_PATH, graphqlHardening } from './graphql/graphql-hardening.js';
import { subscriberOptions } from './graphql/subscriber.js';
import { HealthModule } from './health/health.module.js';
import { RuntimeModule } from './runtime/runtime.module.js';
import { WebModule } from './web/web.module.js';

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
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AccessModule],
          inject: [WebSocketSessions],
          useFactory: (sessions: WebSocketSessions): ApolloDriverConfig => {
            // Depth and cost limits, graphql-ws, and in production no introspection and no GraphiQL.
            const hardening = graphqlHardening(runtime.config);
            return {
              path: GRAPHQL_PATH,
              // Generated in memory; scripts/generate-schema.ts writes schema/schema.graphql.
              autoSchemaFile: true,
              sortSchema: true,
              formatError: (formatted, error) => formatGraphqlError(formatted, error),
              ...hardening,
              // Subscriptions run as the session's user (cookie and CSRF token), checked by the same guard.
              subscriptions: { 'graphql-ws': { ...(hardening.subscriptions?.['graphql-ws'] as object), ...subscriberOptions(sessions) } as never },
              context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
            };
          },
        }),
        HealthModule,
        CaptureModule,
        AccessModule,
        ThemesModule,
        LearningModule,
        ReportsModule,
        // The web app at / (after the API's own routes).
        WebModule,
      ],
      // Every operation states who may call it; the guard refuses anything without a policy.
      providers: [{ provide: APP_GUARD, useClass: PolicyGuard }],
    };
  }
}
