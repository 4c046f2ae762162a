import { ValidationError } from '#libs/kernel';
import { Check } from './validation.js';

const now = new Date('2026-05-10T12:00:00Z');

function problemsOf(fill: (check: Check) => void) {
  const check = new Check(now);
  fill(check);
  try {
    check.done();
    return [];
  } catch (error) {
    return (error as ValidationError).problems;
  }
}

describe('input checks', () => {
  it('reads missing required text as an empty string (refused by done), so string methods on it cannot throw', () => {
    const check = new Check(now);
    expect(check.text('keyTerms[0]', '   ', { max: 10 }).toLocaleLowerCase('en-GB')).toBe('');
    expect(check.text('note', null, { max: 10, optional: true })).toBeUndefined();
    expect(() => check.done()).toThrow('keyTerms[0]: is required');
  });

  it('collects every problem, each naming its field, and never the value', () => {
    const problems = problemsOf((c) => {
      c.text('whatMattered', '   ', { max: 10 });
      c.text('displayName', 'x'.repeat(11), { max: 10 });
      c.oneOf('channel', 'pigeon', ['phone', 'text'] as const);
      c.date('occurredOn', '2026-05-11');
      c.date('startedOn', '2026-02-30');
      c.int('minutes', 0, { min: 1, max: 600 });
      c.pence('amountPence', 10.5);
      c.pence('amountPence', -1);
      c.id('personId', 'not-a-uuid');
      c.list('items', [1, 2, 3], { max: 2 });
    });
    expect(problems).toEqual([
      { field: 'whatMattered', message: 'is required' },
      { field: 'displayName', message: 'must be at most 10 characters' },
      { field: 'channel', message: 'must be one of phone, text' },
      { field: 'occurredOn', message: 'cannot be in the future' },
      { field: 'startedOn', message: 'must be a date written YYYY-MM-DD' },
      { field: 'minutes', message: 'must be a whole number from 1 to 600' },
      { field: 'amountPence', message: 'must be whole pence (no fractions)' },
      { field: 'amountPence', message: 'must be more than zero' },
      { field: 'personId', message: 'must be an id (UUID)' },
      { field: 'items', message: 'can have at most 2 entries' },
    ]);
    expect(JSON.stringify(problems)).not.toContain('pigeon');
  });

  it('passes good input through, trimmed', () => {
    const check = new Check(now);
    expect(check.text('name', '  Sam  ', { max: 10 })).toBe('Sam');
    expect(check.text('note', undefined, { max: 10, optional: true })).toBeUndefined();
    expect(check.date('on', '2026-05-10')).toBe('2026-05-10');
    expect(() => check.done()).not.toThrow();
  });

  it("takes 'today' as the organisation's day: at half past midnight in a British summer, today's date is not in the future", () => {
    const halfPastMidnightBst = new Date('2026-07-01T23:30:00Z');
    const check = new Check(halfPastMidnightBst);
    expect(check.today).toBe('2026-07-02');
    expect(check.date('occurredOn', '2026-07-02')).toBe('2026-07-02');
    expect(() => check.done()).not.toThrow();

    const tooLate = new Check(halfPastMidnightBst);
    tooLate.date('occurredOn', '2026-07-03');
    expect(() => tooLate.done()).toThrow(expect.objectContaining({ problems: [{ field: 'occurredOn', message: 'cannot be in the future' }] }));
  });
});
