import { ValidationError } from '#libs/kernel';
import { changeWindows, classifyChange } from './change-check.js';

describe('the windows a change check compares', () => {
  it('are the N weeks up to the day before the action was agreed, and the N weeks from the day after it was done', () => {
    expect(changeWindows('2026-04-20', '2026-05-01', 12)).toEqual({
      before: { from: '2026-01-26', to: '2026-04-19' },
      after: { from: '2026-05-02', to: '2026-07-24' },
    });
  });

  it('refuse a length outside 4 to 52 weeks, naming the field', () => {
    expect(() => changeWindows('2026-04-20', '2026-05-01', 3)).toThrow(ValidationError);
    expect(() => changeWindows('2026-04-20', '2026-05-01', 2.5)).toThrow('weeks: must be a whole number from 4 to 52');
  });
});

describe('classifying a change (exact Poisson rate-ratio test, windows of equal length, alpha 0.05)', () => {
  it('calls a significant fall closed, with the one-sided p-value of the fall (binomial tail P(X ≤ 8 | 38, ½))', () => {
    const result = classifyChange(30, 8);
    expect(result.outcome).toBe('closed');
    expect(result.pValue).toBeCloseTo(0.0002359933714615181, 12);
    expect(result.pValueRise).toBeCloseTo(0.9999419164960273, 12);
  });

  it('calls a significant rise reopened (P(X ≥ 20 | 25, ½))', () => {
    const result = classifyChange(5, 20);
    expect(result).toMatchObject({ outcome: 'reopened', alpha: 0.05 });
    expect(result.pValue).toBeCloseTo(0.0020386576652526855, 12);
  });

  it('calls a small fall not yet clear, keeping the p-value of the fall it leans towards', () => {
    const result = classifyChange(10, 8);
    expect(result.outcome).toBe('not_yet_clear');
    expect(result.pValue).toBeCloseTo(0.40726470947265625, 12);
    expect(result.pValue).toBe(result.pValueFall);
  });

  it('calls a fall from 9 to 3 not yet clear at 0.05 (P = 0.073), and closed at a looser alpha', () => {
    expect(classifyChange(9, 3).outcome).toBe('not_yet_clear');
    expect(classifyChange(9, 3).pValueFall).toBeCloseTo(0.072998046875, 12);
    expect(classifyChange(9, 3, 0.1).outcome).toBe('closed');
  });

  it('calls nothing before and nothing after not yet clear, with p-value 1', () => {
    expect(classifyChange(0, 0)).toEqual({ outcome: 'not_yet_clear', pValue: 1, pValueFall: 1, pValueRise: 1, alpha: 0.05 });
  });
});
