import fc from 'fast-check';
import { ValidationError } from '#libs/kernel';
import {
  suppressEach,
  suppressList,
  suppressTable,
  type DisclosedCount,
  type DisclosedList,
  type DisclosedTable,
} from './suppression.js';

/** What a reader sees: the value, or `h:small` / `h:secondary` for a hidden one. */
const shown = (c: DisclosedCount) => (c.suppressed ? `h:${c.reason}` : c.value);
const listView = (l: DisclosedList) => ({
  cells: Object.fromEntries(l.cells.map((c) => [c.key, shown(c.count)])),
  total: shown(l.total),
});
const tableView = (t: DisclosedTable) => ({
  cells: t.cells.map((row) => row.map(shown)),
  rowTotals: t.rowTotals.map(shown),
  columnTotals: t.columnTotals.map(shown),
  grandTotal: shown(t.grandTotal),
});

describe('suppressList, with K = 5', () => {
  it('shows every count when none is small', () => {
    expect(listView(suppressList({ housing: 12, health: 5, work: 0 }, 5))).toEqual({
      cells: { housing: 12, health: 5, work: 0 },
      total: 17,
    });
  });

  it('hides a small count and the next smallest, so the total cannot give the small one away', () => {
    expect(listView(suppressList({ housing: 12, health: 3, work: 8 }, 5))).toEqual({
      cells: { housing: 12, health: 'h:small', work: 'h:secondary' },
      total: 23,
    });
  });

  it('hides one more when the small counts together still come to fewer than K', () => {
    expect(listView(suppressList({ a: 1, b: 2, c: 9, d: 20 }, 5))).toEqual({
      cells: { a: 'h:small', b: 'h:small', c: 'h:secondary', d: 20 },
      total: 32,
    });
  });

  it('needs nothing more when two small counts together come to K or more', () => {
    expect(listView(suppressList({ a: 3, b: 4, c: 10 }, 5))).toEqual({
      cells: { a: 'h:small', b: 'h:small', c: 10 },
      total: 17,
    });
  });

  it('hides the total when it is itself small', () => {
    expect(listView(suppressList({ a: 1, b: 2, c: 0 }, 5))).toEqual({
      cells: { a: 'h:small', b: 'h:small', c: 0 },
      total: 'h:small',
    });
  });

  it('shows a zero beside hidden counts and never hides a zero in their place', () => {
    expect(listView(suppressList({ a: 0, b: 3, c: 7 }, 5))).toEqual({
      cells: { a: 0, b: 'h:small', c: 'h:secondary' },
      total: 10,
    });
  });

  it('hides the total when every count is hidden and the shown total would pin them all at 1', () => {
    // Zeros are shown, so a hidden count is at least 1: three hidden counts under a total of 3
    // can only be 1 each.
    expect(listView(suppressList({ a: 1, b: 1, c: 1, d: 0 }, 3))).toEqual({
      cells: { a: 'h:small', b: 'h:small', c: 'h:small', d: 0 },
      total: 'h:secondary',
    });
  });

  it('breaks a tie for the complementary count by taking the earliest', () => {
    expect(listView(suppressList([{ key: 'x', count: 6 }, { key: 'y', count: 6 }, { key: 'z', count: 2 }], 5))).toEqual({
      cells: { x: 'h:secondary', y: 6, z: 'h:small' },
      total: 14,
    });
  });

  it('keeps the order given and says which K it used', () => {
    const list = suppressList([{ key: 'z', count: 9 }, { key: 'a', count: 7 }], 5);
    expect(list.cells.map((c) => c.key)).toEqual(['z', 'a']);
    expect(list.threshold).toBe(5);
  });

  it('shows an empty list as a total of 0', () => {
    expect(listView(suppressList([], 5))).toEqual({ cells: {}, total: 0 });
  });

  it.each([
    ['a negative count', { a: -1 }, 5],
    ['a fractional count', { a: 2.5 }, 5],
    ['a K below 3', { a: 10 }, 2],
    ['a fractional K', { a: 10 }, 4.5],
  ])('refuses %s', (_, counts, k) => {
    expect(() => suppressList(counts, k)).toThrow(ValidationError);
  });

  it('refuses a key that appears twice', () => {
    expect(() => suppressList([{ key: 'a', count: 9 }, { key: 'a', count: 1 }], 5)).toThrow(ValidationError);
  });
});

describe('suppressTable, with K = 5', () => {
  it('protects a single small cell with a rectangle of four hidden cells', () => {
    const table = suppressTable(
      [
        [10, 2, 8],
        [7, 9, 6],
        [12, 11, 15],
      ],
      5,
    );
    expect(tableView(table)).toEqual({
      cells: [
        [10, 'h:small', 'h:secondary'],
        [7, 'h:secondary', 'h:secondary'],
        [12, 11, 15],
      ],
      rowTotals: [20, 22, 38],
      columnTotals: [29, 22, 29],
      grandTotal: 80,
    });
  });

  it('hides a small row total and protects it within the column of row totals', () => {
    const table = suppressTable(
      [
        [1, 2],
        [10, 10],
      ],
      5,
    );
    expect(tableView(table)).toEqual({
      cells: [
        ['h:small', 'h:small'],
        ['h:secondary', 'h:secondary'],
      ],
      rowTotals: ['h:small', 'h:secondary'],
      columnTotals: [11, 12],
      grandTotal: 23,
    });
  });

  it('hides more when rows and columns, each protected on its own, would together give a number away', () => {
    // Protecting each line alone would hide 6 and 1 in the first row, 2 and 1 in the second, both
    // row totals and the last two column totals, and show the grand total 16 and the first column
    // total 8. A reader would then know the other two column totals come to 8, that the middle
    // one is at least 6 + 1, so the last is 1, and so is the cell above its 0.
    const table = suppressTable(
      [
        [6, 6, 1],
        [2, 1, 0],
      ],
      5,
    );
    expect(tableView(table)).toEqual({
      cells: [
        ['h:secondary', 'h:secondary', 'h:small'],
        ['h:small', 'h:small', 0],
      ],
      rowTotals: ['h:secondary', 'h:small'],
      columnTotals: [8, 'h:secondary', 'h:small'],
      grandTotal: 16,
    });
  });

  it('shows the whole table when nothing is small', () => {
    expect(tableView(suppressTable([[5, 0], [6, 7]], 5))).toEqual({
      cells: [[5, 0], [6, 7]],
      rowTotals: [5, 13],
      columnTotals: [11, 7],
      grandTotal: 18,
    });
  });

  it('refuses rows of different lengths', () => {
    expect(() => suppressTable([[5, 6], [7]], 5)).toThrow(ValidationError);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties, for lists and tables alike, seen as numbers on lines (each line: cells + total).

interface Line {
  readonly cells: readonly number[];
  readonly total: number;
}
/** Everything a result holds, flattened: the true value and what was disclosed, per position. */
interface Released {
  readonly values: readonly number[];
  readonly disclosed: readonly DisclosedCount[];
  readonly lines: readonly Line[];
}

function releasedList(counts: readonly number[], k: number): Released {
  const list = suppressList(counts.map((count, i) => ({ key: `k${i}`, count })), k);
  const total = counts.length;
  return {
    values: [...counts, counts.reduce((a, b) => a + b, 0)],
    disclosed: [...list.cells.map((c) => c.count), list.total],
    lines: [{ cells: counts.map((_, i) => i), total }],
  };
}

function releasedTable(counts: readonly (readonly number[])[], k: number): Released {
  const table = suppressTable(counts, k);
  const rows = counts.length;
  const columns = counts[0].length;
  const width = columns + 1;
  const at = (r: number, c: number) => r * width + c;
  const sumOf = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const grid = [...counts.map((row) => [...row, sumOf(row)])];
  grid.push(grid[0].map((_, c) => sumOf(grid.map((row) => row[c]))));
  const shownGrid = [
    ...table.cells.map((row, r) => [...row, table.rowTotals[r]]),
    [...table.columnTotals, table.grandTotal],
  ];
  const lines: Line[] = [];
  const indices = (n: number) => [...Array(n).keys()];
  for (let r = 0; r <= rows; r++) lines.push({ cells: indices(columns).map((c) => at(r, c)), total: at(r, columns) });
  for (let c = 0; c <= columns; c++) lines.push({ cells: indices(rows).map((r) => at(r, c)), total: at(rows, c) });
  return { values: grid.flat(), disclosed: shownGrid.flat(), lines };
}

const hiddenSet = (r: Released) => r.disclosed.flatMap((c, i) => (c.suppressed ? [i] : []));

/**
 * A reader's best effort: start from what is shown, know that a hidden count is at least 1
 * (zeros are shown), and narrow each hidden count's range line by line until nothing changes.
 * Returns the positions whose range narrowed to a single value.
 */
function pinnedByReader(r: Released): number[] {
  const lo = r.disclosed.map((c) => (c.suppressed ? 1 : c.value));
  const hi = r.disclosed.map((c) => (c.suppressed ? Infinity : c.value));
  // Each line says: the sum of its cells, less its total, is 0. Every number on it lies between
  // what the others leave it at their extremes.
  const equations = r.lines.map(({ cells, total }) => [
    ...cells.map((i) => ({ i, sign: 1 })),
    { i: total, sign: -1 },
  ]);
  const extreme = (terms: { i: number; sign: number }[], wantLargest: boolean) =>
    terms.reduce((acc, { i, sign }) => acc + sign * ((sign > 0) === wantLargest ? hi[i] : lo[i]), 0);
  let changed = true;
  while (changed) {
    changed = false;
    for (const terms of equations) {
      for (const { i, sign } of terms) {
        const others = terms.filter((t) => t.i !== i);
        // sign·x = −(sum of the others), so x lies within −sign·[least, largest of the others].
        const [least, largest] = [extreme(others, false), extreme(others, true)];
        const [low, high] = sign > 0 ? [-largest, -least] : [least, largest];
        if (low > lo[i]) [lo[i], changed] = [low, true];
        if (high < hi[i]) [hi[i], changed] = [high, true];
      }
    }
  }
  return hiddenSet(r).filter((i) => lo[i] === hi[i]);
}

const count = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 30 }));
const threshold = fc.integer({ min: 3, max: 10 });
const list = fc.array(count, { maxLength: 8 });
const table = fc
  .record({ rows: fc.integer({ min: 1, max: 5 }), columns: fc.integer({ min: 1, max: 5 }) })
  .chain(({ rows, columns }) =>
    fc.array(fc.array(count, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
  );

describeProperties('suppressList', list, releasedList);
describeProperties('suppressTable', table, releasedTable);

function describeProperties<T>(name: string, counts: fc.Arbitrary<T>, release: (counts: T, k: number) => Released) {
  describe(`${name}, for any counts and any K from 3 to 10`, () => {
    const property = (check: (r: Released, k: number) => void) =>
      fc.assert(fc.property(counts, threshold, (c, k) => check(release(c, k), k)), { numRuns: 500 });

    it('shows no count, total or not, between 1 and K − 1', () => {
      property(({ disclosed }, k) => {
        for (const c of disclosed) if (!c.suppressed) expect(c.value === 0 || c.value >= k).toBe(true);
      });
    });

    it('shows every count it does not hide exactly as it was', () => {
      property(({ values, disclosed }) => {
        disclosed.forEach((c, i) => {
          if (!c.suppressed) expect(c.value).toBe(values[i]);
        });
      });
    });

    it('never hides a zero', () => {
      property(({ values, disclosed }) => {
        disclosed.forEach((c, i) => {
          if (values[i] === 0) expect(c.suppressed).toBe(false);
        });
      });
    });

    it('hides none or at least two numbers on every line, and under a shown total an amount of at least K', () => {
      property(({ values, disclosed, lines }, k) => {
        for (const { cells, total } of lines) {
          const hiddenCells = cells.filter((i) => disclosed[i].suppressed);
          const hiddenOnLine = hiddenCells.length + (disclosed[total].suppressed ? 1 : 0);
          expect(hiddenOnLine === 0 || hiddenOnLine >= 2).toBe(true);
          if (!disclosed[total].suppressed && hiddenCells.length > 0) {
            const amount = hiddenCells.reduce((a, i) => a + values[i], 0);
            expect(amount).toBeGreaterThanOrEqual(k);
            // ...and more than 1 for each hidden cell, or every one of them would be a known 1.
            expect(amount).toBeGreaterThan(hiddenCells.length);
          }
        }
      });
    });

    it('leaves no hidden count that a reader can narrow to one value, line by line', () => {
      property((r) => expect(pinnedByReader(r)).toEqual([]));
    });

    it('never reveals, at a higher K, a number it hid at a lower K', () => {
      fc.assert(
        fc.property(counts, threshold, threshold, (c, k1, k2) => {
          const [low, high] = [Math.min(k1, k2), Math.max(k1, k2)];
          const atHigh = new Set(hiddenSet(release(c, high)));
          for (const i of hiddenSet(release(c, low))) expect(atHigh.has(i)).toBe(true);
        }),
        { numRuns: 500 },
      );
    });

    it('gives the same answer every time and leaves its input as it was', () => {
      fc.assert(
        fc.property(counts, threshold, (c, k) => {
          const before = structuredClone(c);
          expect(release(c, k)).toEqual(release(c, k));
          expect(c).toEqual(before);
        }),
      );
    });
  });
}

describe('suppressList with a record', () => {
  it('gives the same answer as with the same keys and counts as a list', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), count, { maxKeys: 8 }),
        threshold,
        (record, k) => {
          const asList = Object.entries(record).map(([key, c]) => ({ key, count: c }));
          expect(suppressList(record, k)).toEqual(suppressList(asList, k));
        },
      ),
    );
  });
});

describe('counts that stand alone (no total shown)', () => {
  it('hides exactly the counts from 1 to K − 1, keeps zeros and large ones, and never reveals more as K rises', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 40 }), { maxLength: 20 }), fc.integer({ min: 3, max: 12 }), (values, k) => {
        const counts = values.map((count, i) => ({ key: `c${i}`, count }));
        const shown = suppressEach(counts, k).cells;
        shown.forEach((cell, i) => expect(cell.count.suppressed).toBe(values[i] > 0 && values[i] < k));
        const stricter = suppressEach(counts, k + 1).cells;
        shown.forEach((cell, i) => {
          if (cell.count.suppressed) expect(stricter[i].count.suppressed).toBe(true);
        });
      }),
      { seed: 20261124, numRuns: 300 },
    );
  });
});
