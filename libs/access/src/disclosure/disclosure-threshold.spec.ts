import { ValidationError } from '#libs/kernel';
import {
  DEFAULT_SUPPRESSION_THRESHOLD,
  MIN_SUPPRESSION_THRESHOLD,
  checkSuppressionThreshold,
  parseSuppressionThreshold,
} from './disclosure-threshold.js';

function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).problems;
  }
  throw new Error('expected a ValidationError');
}

describe('parseSuppressionThreshold', () => {
  it('suppresses counts below 5 unless told otherwise', () => {
    expect(DEFAULT_SUPPRESSION_THRESHOLD).toBe(5);
    expect(parseSuppressionThreshold(undefined)).toBe(5);
    expect(parseSuppressionThreshold('')).toBe(5);
    expect(parseSuppressionThreshold('  ')).toBe(5);
  });

  it.each([
    ['3', 3],
    ['10', 10],
    [' 7 ', 7],
  ])('takes %j as K = %i', (raw, k) => {
    expect(parseSuppressionThreshold(raw)).toBe(k);
  });

  it.each(['2', '1', '0'])('refuses %j, naming the setting and the minimum of 3', (raw) => {
    expect(MIN_SUPPRESSION_THRESHOLD).toBe(3);
    expect(problemsOf(() => parseSuppressionThreshold(raw))).toEqual([
      { field: 'SUPPRESSION_THRESHOLD', message: 'must be at least 3: smaller counts than that can identify a person' },
    ]);
  });

  it.each(['4.5', '-5', '5e1', 'five', '0x5', '+5', '99999999999999999999'])('refuses %j as not a whole number', (raw) => {
    expect(problemsOf(() => parseSuppressionThreshold(raw))).toEqual([
      { field: 'SUPPRESSION_THRESHOLD', message: 'must be a whole number of at least 3' },
    ]);
  });
});

describe('checkSuppressionThreshold', () => {
  it('passes a K of 3 or more through', () => {
    expect(checkSuppressionThreshold(3)).toBe(3);
    expect(checkSuppressionThreshold(12)).toBe(12);
  });

  it.each([2, 4.5, Number.NaN, Infinity])('refuses %p under the field it is given', (k) => {
    expect(problemsOf(() => checkSuppressionThreshold(k, 'k'))).toEqual([{ field: 'k', message: expect.any(String) }]);
  });
});
