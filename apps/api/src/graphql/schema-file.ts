import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';

/** The checked-in schema: generated from the code, never edited by hand. */
export const SCHEMA_FILE = resolve(process.cwd(), 'schema/schema.graphql');

const HEADER = '# Generated from the code by `npm run schema:generate`. Do not edit: CI fails when this file is stale.\n\n';

export function renderSchema(schema: GraphQLSchema): string {
  return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}

export function readSchemaFile(): string | undefined {
  try {
    return readFileSync(SCHEMA_FILE, 'utf8');
  } catch {
    return undefined;
  }
}

/** Writes the file when the text differs; returns whether it changed. */
export function writeSchemaFile(text: string): boolean {
  if (readSchemaFile() === text) return false;
  writeFileSync(SCHEMA_FILE, text);
  return true;
}
