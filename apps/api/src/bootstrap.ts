import 'reflect-metadata';
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { GraphQLSchema } from 'graphql';
import type { Runtime } from '#libs/runtime';
import { AppModule } from './app.module.js';
import { GRAPHQL_PATH } from './graphql/graphql-hardening.js';
import { applyHttpHardening } from './http/hardening.js';

/** Builds the Nest application around an opened runtime (not listening yet). */
export async function createApp(runtime: Runtime, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(runtime), {
    logger: options.logger ?? ['error', 'warn', 'log'],
    bufferLogs: false,
    // Registered by applyHttpHardening instead, with the configured size limit.
    bodyParser: false,
  });
  applyHttpHardening(app, {
    production: runtime.config.production,
    bodyLimitBytes: runtime.config.requestBodyLimitBytes,
    graphqlPath: GRAPHQL_PATH,
    trustProxy: runtime.config.trustProxy,
  });
  // Idle keep-alive connections are left for the proxy in front to close: a server that closes
  // first can race the next request on that connection ("other side closed"). 65 s outlasts the
  // usual proxy idle timeout (60 s).
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await app.init();
  return app;
}

export function schemaOf(app: INestApplication): GraphQLSchema {
  return app.get(GraphQLSchemaHost).schema;
}
