import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { GraphQLSchema } from 'graphql';
import type { Runtime } from '#libs/runtime';
import { AppModule } from './app.module.js';

/** Builds the Nest application around an opened runtime (not listening yet). */
export async function createApp(runtime: Runtime, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(runtime), {
    logger: options.logger ?? ['error', 'warn', 'log'],
    bufferLogs: false,
  });
  await app.init();
  return app;
}

export function schemaOf(app: INestApplication): GraphQLSchema {
  return app.get(GraphQLSchemaHost).schema;
}
