import { ValidationError } from './errors.js';

/** Streams are named `category-id`; the category is lower-case letters, digits and dots. */
const STREAM_PATTERN = /^([a-z][a-z0-9.]*)-([A-Za-z0-9][A-Za-z0-9_:.-]*)$/;

export function assertStreamName(name: string): void {
  if (name.length > 200 || !STREAM_PATTERN.test(name)) {
    throw new ValidationError('must be "category-id" (lower-case category, then a hyphen and an id)', 'stream');
  }
}

export function parseStreamName(name: string): { category: string; id: string } {
  const match = STREAM_PATTERN.exec(name);
  if (!match) throw new ValidationError('is not a "category-id" stream name', 'stream');
  return { category: match[1], id: match[2] };
}
