import { ValidationError } from '#libs/kernel';
import { MIN_SUPPRESSION_THRESHOLD, checkSuppressionThreshold } from './disclosure-threshold.js';

/**
 * Small-number suppression for counts that leave the organisation (partner and commissioner
 * views, shared reports, exports), so that nobody can be recognised from them.
 *
 * Every count, totals included, sits on one or more *lines*: a list and its total, a table row
 * and its row total, a column and its column total (the totals row and column are lines too,
 * ending in the grand total). A line is an equation a reader can solve, so hiding one number
 * is not enough. With K the threshold:
 *
 * 1. Primary: every count with 0 < count < K is hidden (reason `small`).
 * 2. Secondary, per line: a line is *protected* when it hides nothing, or hides at least two of
 *    its numbers and, if its total is shown, the hidden cells together (total − shown cells,
 *    which anyone can work out) come to at least K. While a line is unprotected, hide one more
 *    of its numbers (reason `secondary`): the smallest shown non-zero cell, ties going to the
 *    earliest; its total only when no such cell is left. Lines are visited in a fixed order
 *    (rows, then columns) until a whole pass changes nothing.
 * 3. Secondary, across lines: lines protected one at a time can still give a number away
 *    together (a column's hidden total bounded below by its cells, say, pins a hidden total
 *    beside it in the totals row). So the result is attacked the way a careful reader would:
 *    every hidden number starts as "at least 1, at most unknown" and is narrowed through every
 *    line it sits on until nothing narrows further. While some hidden number narrows to a
 *    single value, hide the smallest shown non-zero number on its lines (anywhere, if its lines
 *    show none) and go back to step 2.
 * 4. Steps 1–3 run for K = 3, then 4, … up to the K asked for, each starting from what the last
 *    one hid. So raising K never reveals a number hidden at a lower K, and a reader comparing
 *    two releases made with different K learns nothing from a cell one hides and the other
 *    shows. It costs some extra hiding compared with running for K alone.
 *
 * Zero is shown, never hidden and never used as a complement: hiding a zero adds nothing to the
 * hidden amount, so it protects nothing. Because zeros are shown, a reader knows that every
 * hidden number is at least 1, which step 3 takes into account (with K = 3, three hidden 1s
 * under a shown total of 3 would otherwise be pinned; the total is hidden too).
 *
 * The guarantee: no shown count is small; each line hides none or at least two numbers, and
 * under a shown total the hidden amount is at least K; and no hidden number can be narrowed to
 * one value by reasoning line by line. Step 3 is not a full linear-programming audit, which can
 * combine lines into new equations; for the small tables reports show, that is the gap left.
 *
 * Consumers must render every hidden count the same way (for example "—" with a note "fewer than
 * K, or withheld so that a small number cannot be worked out"). `reason` is for explaining the
 * rule inside the organisation; showing which hidden cells are `small` and which `secondary`
 * tells a reader that secondary cells are at least K, which can pin a small one (with K = 5, a
 * list of 1 and 5 under a total of 6 would give the 1 away).
 */

export type SuppressionReason = 'small' | 'secondary';

/** A count as it may be disclosed: its value, or explicitly hidden. */
export type DisclosedCount =
  | { readonly suppressed: false; readonly value: number }
  | { readonly suppressed: true; readonly value: null; readonly reason: SuppressionReason };

export interface KeyedCount {
  readonly key: string;
  readonly count: number;
}

export interface DisclosedKeyedCount {
  readonly key: string;
  readonly count: DisclosedCount;
}

export interface DisclosedList {
  /** The K these counts were suppressed with. */
  readonly threshold: number;
  /** In the order given. */
  readonly cells: readonly DisclosedKeyedCount[];
  readonly total: DisclosedCount;
}

export interface DisclosedTable {
  readonly threshold: number;
  /** `cells[row][column]`, in the order given. */
  readonly cells: readonly (readonly DisclosedCount[])[];
  readonly rowTotals: readonly DisclosedCount[];
  readonly columnTotals: readonly DisclosedCount[];
  readonly grandTotal: DisclosedCount;
}

/**
 * Counts shown side by side with no total and no other relation between them (each stands
 * alone: an observation can count under several of them, so they do not add up to anything a
 * reader is shown). Only small counts are hidden (0 < count < K): with no equation to solve,
 * a shown count gives no hidden one away. Use `suppressList` as soon as any total of these
 * counts is shown anywhere beside them.
 * @throws ValidationError when a count is not a whole number ≥ 0, a key repeats, or `k` < 3.
 */
export function suppressEach(counts: readonly KeyedCount[], k: number): { readonly threshold: number; readonly cells: readonly DisclosedKeyedCount[] } {
  checkSuppressionThreshold(k);
  if (new Set(counts.map((c) => c.key)).size !== counts.length) throw new ValidationError('each key may appear only once', 'counts');
  return {
    threshold: k,
    cells: counts.map(({ key, count }) => {
      const value = checkCount(count);
      return { key, count: value > 0 && value < k ? { suppressed: true, value: null, reason: 'small' } : { suppressed: false, value } };
    }),
  };
}

/**
 * A list of counts and their total, with small counts hidden and enough others hidden that
 * none can be worked out from the total.
 * @throws ValidationError when a count is not a whole number ≥ 0, a key repeats, or `k` < 3.
 */
export function suppressList(
  counts: Readonly<Record<string, number>> | readonly KeyedCount[],
  k: number,
): DisclosedList {
  checkSuppressionThreshold(k);
  const entries: readonly KeyedCount[] = Array.isArray(counts)
    ? (counts as readonly KeyedCount[])
    : Object.entries(counts).map(([key, count]) => ({ key, count }));
  if (new Set(entries.map((e) => e.key)).size !== entries.length) {
    throw new ValidationError('each key may appear only once', 'counts');
  }
  const values = entries.map((e) => checkCount(e.count));
  const total = values.length;
  values.push(sum(values));
  const hidden = suppress(values, [{ cells: entries.map((_, i) => i), total }], k);
  const disclose = (i: number) => disclosed(values[i], hidden[i], k);
  return {
    threshold: k,
    cells: entries.map((e, i) => ({ key: e.key, count: disclose(i) })),
    total: disclose(total),
  };
}

/**
 * A table of counts (`counts[row][column]`) with its row, column and grand totals, suppressed
 * so that no row or column, the totals included, gives a hidden count away.
 * @throws ValidationError when rows differ in length, a count is not a whole number ≥ 0, or `k` < 3.
 */
export function suppressTable(counts: readonly (readonly number[])[], k: number): DisclosedTable {
  checkSuppressionThreshold(k);
  const rows = counts.length;
  const columns = counts[0]?.length ?? 0;
  if (counts.some((row) => row.length !== columns)) {
    throw new ValidationError('every row must have the same number of columns', 'counts');
  }
  // The grid with its margins: row totals in the last column, column totals in the last row.
  const width = columns + 1;
  const at = (r: number, c: number) => r * width + c;
  const values: number[] = [];
  for (const row of counts) values.push(...row.map(checkCount), sum(row));
  for (let c = 0; c < width; c++) values.push(sum(counts.map((_, r) => values[at(r, c)])));

  const lines: Line[] = [];
  for (let r = 0; r <= rows; r++) {
    lines.push({ cells: range(columns).map((c) => at(r, c)), total: at(r, columns) });
  }
  for (let c = 0; c <= columns; c++) {
    lines.push({ cells: range(rows).map((r) => at(r, c)), total: at(rows, c) });
  }
  const hidden = suppress(values, lines, k);
  const disclose = (r: number, c: number) => disclosed(values[at(r, c)], hidden[at(r, c)], k);
  return {
    threshold: k,
    cells: range(rows).map((r) => range(columns).map((c) => disclose(r, c))),
    rowTotals: range(rows).map((r) => disclose(r, columns)),
    columnTotals: range(columns).map((c) => disclose(rows, c)),
    grandTotal: disclose(rows, columns),
  };
}

/** Indices into the values: cells that add up to the total. */
interface Line {
  readonly cells: readonly number[];
  readonly total: number;
}

function suppress(values: readonly number[], lines: readonly Line[], k: number): boolean[] {
  const hidden = values.map(() => false);
  // Each K starts from what the K below it hid, so raising K never reveals a number.
  for (let step = MIN_SUPPRESSION_THRESHOLD; step <= k; step++) {
    values.forEach((v, i) => {
      if (v > 0 && v < step) hidden[i] = true;
    });
    protect(values, lines, step, hidden);
  }
  return hidden;
}

/** Hides numbers until every line is protected and no hidden number can be narrowed to one value. */
function protect(values: readonly number[], lines: readonly Line[], k: number, hidden: boolean[]): void {
  for (;;) {
    let changed = true;
    while (changed) {
      changed = false;
      for (const line of lines) {
        while (!isProtected(line, values, hidden, k)) {
          hidden[nextToHide([line], values, hidden)] = true;
          changed = true;
        }
      }
    }
    const exposed = firstPinned(values, lines, hidden);
    if (exposed === undefined) return;
    const onItsLines = lines.filter((l) => l.total === exposed || l.cells.includes(exposed));
    hidden[complement(onItsLines, values, hidden) ?? nextToHide(lines, values, hidden)] = true;
  }
}

function isProtected(line: Line, values: readonly number[], hidden: readonly boolean[], k: number): boolean {
  const hiddenCells = line.cells.filter((i) => hidden[i]);
  const hiddenCount = hiddenCells.length + (hidden[line.total] ? 1 : 0);
  if (hiddenCount === 0) return true;
  if (hiddenCount === 1) return false;
  if (hidden[line.total]) return true;
  return sum(hiddenCells.map((i) => values[i])) >= k;
}

/**
 * The next number to hide on these lines: the smallest shown non-zero number, cells before
 * totals, earliest first; `undefined` when they show none. An unprotected line always has one:
 * it hides something non-zero, so its total is non-zero, and either the total or a cell is shown.
 */
function complement(lines: readonly Line[], values: readonly number[], hidden: readonly boolean[]): number | undefined {
  let best: number | undefined;
  for (const i of [...lines.flatMap((l) => l.cells), ...lines.map((l) => l.total)]) {
    if (!hidden[i] && values[i] > 0 && (best === undefined || values[i] < values[best])) best = i;
  }
  return best;
}

function nextToHide(lines: readonly Line[], values: readonly number[], hidden: readonly boolean[]): number {
  const next = complement(lines, values, hidden);
  if (next === undefined) throw new Error('suppression: nothing left to hide, which the algorithm rules out');
  return next;
}

/**
 * A careful reader's attack: start from what is shown, know that a hidden number is at least 1
 * (zeros are shown), and narrow each hidden number's range through every line it sits on until
 * nothing narrows further. Returns the first hidden number whose range is a single value.
 */
function firstPinned(values: readonly number[], lines: readonly Line[], hidden: readonly boolean[]): number | undefined {
  const low = values.map((v, i) => (hidden[i] ? 1 : v));
  const high = values.map((v, i) => (hidden[i] ? Infinity : v));
  let narrowed = true;
  const narrow = (i: number, atLeast: number, atMost: number) => {
    if (atLeast > low[i]) [low[i], narrowed] = [atLeast, true];
    if (atMost < high[i]) [high[i], narrowed] = [atMost, true];
  };
  while (narrowed) {
    narrowed = false;
    for (const { cells, total } of lines) {
      narrow(total, sum(cells.map((i) => low[i])), sum(cells.map((i) => high[i])));
      for (const i of cells) {
        const others = cells.filter((j) => j !== i);
        narrow(i, low[total] - sum(others.map((j) => high[j])), high[total] - sum(others.map((j) => low[j])));
      }
    }
  }
  const pinned = values.findIndex((_, i) => hidden[i] && low[i] === high[i]);
  return pinned === -1 ? undefined : pinned;
}

function disclosed(value: number, hidden: boolean, k: number): DisclosedCount {
  if (!hidden) return { suppressed: false, value };
  return { suppressed: true, value: null, reason: value < k ? 'small' : 'secondary' };
}

function checkCount(count: number): number {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new ValidationError('every count must be a whole number of at least 0', 'counts');
  }
  return count;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
