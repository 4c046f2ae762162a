import { comparePositions, formatPosition, parsePosition, START } from './position.js';

describe('Position', () => {
  it('orders by commit, then by prepare', () => {
    expect(comparePositions({ commit: 1n, prepare: 9n }, { commit: 2n, prepare: 1n })).toBe(-1);
    expect(comparePositions({ commit: 2n, prepare: 2n }, { commit: 2n, prepare: 1n })).toBe(1);
    expect(comparePositions({ commit: 2n, prepare: 2n }, { commit: 2n, prepare: 2n })).toBe(0);
    expect(comparePositions(START, { commit: 0n, prepare: 0n })).toBe(-1);
  });

  it('round-trips through its text form', () => {
    const p = { commit: 9007199254740993n, prepare: 42n };
    expect(parsePosition(formatPosition(p))).toEqual(p);
    expect(formatPosition(START)).toBe('-1/-1');
  });

  it('rejects text that is not commit/prepare', () => {
    expect(() => parsePosition('12')).toThrow('commit/prepare');
  });
});
