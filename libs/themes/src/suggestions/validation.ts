import { ValidationError } from '#libs/kernel';
import type { TextDocument } from './term-space.js';

/** Ids must be unique: the same id with two texts would make the answer depend on input order. */
export function assertUniqueIds(items: readonly { readonly id: string }[], field: string): void {
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    if (typeof item.id !== 'string' || item.id === '') {
      throw new ValidationError(`item ${index} has no id: give every item a non-empty string id`, field);
    }
    if (seen.has(item.id)) {
      throw new ValidationError(`id ${item.id} appears more than once: pass each item once`, field);
    }
    seen.add(item.id);
  }
}

export function assertTexts(documents: readonly TextDocument[], field: string): void {
  for (const [index, d] of documents.entries()) {
    if (typeof d.text !== 'string') throw new ValidationError(`item ${index} has no text: pass a string, empty if there is none`, field);
  }
}

export function positiveInteger(value: number | undefined, fallback: number, field: string, allowInfinity = false): number {
  if (value === undefined) return fallback;
  if (allowInfinity && value === Number.POSITIVE_INFINITY) return value;
  if (!Number.isInteger(value) || value < 1) {
    throw new ValidationError(`must be a whole number of at least 1${allowInfinity ? ' (or Infinity for no limit)' : ''}`, field);
  }
  return value;
}

export function unitInterval(value: number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || value > 1) {
    throw new ValidationError('must be a number from 0 to 1', field);
  }
  return value;
}

/** Code-unit order: the same on every machine and locale, unlike localeCompare. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
