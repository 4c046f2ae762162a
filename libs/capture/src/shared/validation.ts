import { calendarDate, type FieldProblem, isCalendarDate, isUuid, ValidationError } from '#libs/kernel';

/**
 * Collects every problem with a command's input before anything is appended, so the caller
 * hears about all of them at once, each naming its field. Messages never repeat the value.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class Check {
  private readonly problems: FieldProblem[] = [];

  constructor(private readonly now: Date = new Date()) {}

  problem(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  /**
   * Trimmed text of `min`..`max` characters. Required text that is missing reads as '' (the
   * problem is recorded and `done()` refuses it), so callers may treat the result as a string.
   */
  text(field: string, value: string | null | undefined, options: { max: number; min?: number }): string;
  text(field: string, value: string | null | undefined, options: { max: number; min?: number; optional: true }): string | undefined;
  text(field: string, value: string | null | undefined, options: { max: number; min?: number; optional?: boolean }): string | undefined {
    const trimmed = value?.trim() ?? '';
    if (trimmed === '') {
      if (options.optional) return undefined;
      this.problem(field, 'is required');
      return '';
    }
    const min = options.min ?? 1;
    if (trimmed.length < min) this.problem(field, `must be at least ${min} characters`);
    if (trimmed.length > options.max) this.problem(field, `must be at most ${options.max} characters`);
    return trimmed;
  }

  /** An email address (one plausible address, trimmed), of at most 200 characters. */
  email(field: string, value: string | null | undefined): string;
  email(field: string, value: string | null | undefined, optional: true): string | undefined;
  email(field: string, value: string | null | undefined, optional?: boolean): string | undefined {
    const email = optional ? this.text(field, value, { max: 200, optional: true }) : this.text(field, value, { max: 200 });
    if (email && !EMAIL.test(email)) this.problem(field, 'must be an email address');
    return email;
  }

  oneOf<T extends string>(field: string, value: string | null | undefined, allowed: readonly T[]): T;
  oneOf<T extends string>(field: string, value: string | null | undefined, allowed: readonly T[], optional: true): T | undefined;
  oneOf<T extends string>(field: string, value: string | null | undefined, allowed: readonly T[], optional?: boolean): T | undefined {
    if (value === null || value === undefined || value === '') {
      if (!optional) this.problem(field, 'is required');
      return undefined;
    }
    if (!(allowed as readonly string[]).includes(value)) this.problem(field, `must be one of ${allowed.join(', ')}`);
    return value as T;
  }

  id(field: string, value: string | null | undefined): string;
  id(field: string, value: string | null | undefined, optional: true): string | undefined;
  id(field: string, value: string | null | undefined, optional?: boolean): string | undefined {
    if (!value) {
      if (!optional) this.problem(field, 'is required');
      return undefined;
    }
    if (!isUuid(value)) this.problem(field, 'must be an id (UUID)');
    return value;
  }

  /**
   * The moment an "as of" question is about: the given date and time (ISO 8601), or now when
   * left out; never later than now (nothing is recorded after now).
   */
  asOf(value: Date | string | null | undefined, field = 'asOf'): Date {
    if (value === null || value === undefined || value === '') return this.now;
    const moment = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(moment.getTime())) {
      this.problem(field, 'must be a date and time (ISO 8601), e.g. 2026-03-31T23:59:59Z');
      return this.now;
    }
    return moment > this.now ? this.now : moment;
  }

  /** Today's date (YYYY-MM-DD) in the organisation's time zone. */
  get today(): string {
    return calendarDate(this.now);
  }

  /** A calendar date `YYYY-MM-DD`, not in the future (after today in the organisation's time zone) unless allowed. */
  date(field: string, value: string | null | undefined, options: { allowFuture?: boolean } = {}): string {
    if (!value) {
      this.problem(field, 'is required');
      return '';
    }
    if (!isCalendarDate(value)) {
      this.problem(field, 'must be a date written YYYY-MM-DD');
      return value;
    }
    if (!options.allowFuture && value > this.today) this.problem(field, 'cannot be in the future');
    return value;
  }

  int(field: string, value: number | null | undefined, options: { min: number; max: number }): number;
  int(field: string, value: number | null | undefined, options: { min: number; max: number; optional: true }): number | undefined;
  int(field: string, value: number | null | undefined, options: { min: number; max: number; optional?: boolean }): number | undefined {
    if (value === null || value === undefined) {
      if (!options.optional) this.problem(field, 'is required');
      return undefined;
    }
    if (!Number.isInteger(value) || value < options.min || value > options.max) {
      this.problem(field, `must be a whole number from ${options.min} to ${options.max}`);
    }
    return value;
  }

  /** An amount of money in whole pence, above zero. */
  pence(field: string, value: number | null | undefined, max = 10_000_000): number {
    if (value === null || value === undefined) {
      this.problem(field, 'is required');
      return 0;
    }
    if (!Number.isInteger(value)) this.problem(field, 'must be whole pence (no fractions)');
    else if (value <= 0) this.problem(field, 'must be more than zero');
    else if (value > max) this.problem(field, `must be at most ${max} pence`);
    return value;
  }

  list<T>(field: string, values: readonly T[] | null | undefined, options: { max: number; min?: number }): T[] {
    const list = values ? [...values] : [];
    if (list.length < (options.min ?? 0)) this.problem(field, `needs at least ${options.min} entries`);
    if (list.length > options.max) this.problem(field, `can have at most ${options.max} entries`);
    return list;
  }

  /** Throws one ValidationError naming every problem found, if any. */
  done(): void {
    if (this.problems.length > 0) throw new ValidationError([...this.problems]);
  }
}
