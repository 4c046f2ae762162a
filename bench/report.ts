/** Output: progress on stderr while a phase runs, the Markdown table on stdout at the end. */

export interface Row {
  readonly backend: string;
  readonly measurement: string;
  readonly events?: number;
  readonly seconds?: number;
  readonly note?: string;
}

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export function formatInt(n: number): string {
  return integer.format(n);
}

export function rate(events: number, seconds: number): number {
  return seconds > 0 ? events / seconds : 0;
}

export function markdownTable(rows: readonly Row[]): string {
  const header = ['Backend', 'Measurement', 'Events', 'Seconds', 'Events/s', 'Notes'];
  const body = rows.map((r) => [
    r.backend,
    r.measurement,
    r.events === undefined ? '' : formatInt(r.events),
    r.seconds === undefined ? '' : r.seconds.toFixed(2),
    r.events === undefined || r.seconds === undefined ? '' : formatInt(rate(r.events, r.seconds)),
    r.note ?? '',
  ]);
  const right = [false, false, true, true, true, false];
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i].length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (right[i] ? `${'-'.repeat(w + 1)}:` : `${'-'.repeat(w + 2)}`)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

/**
 * A progress line on stderr, at most every `everyMs`, with the rate over the time the phase was
 * actually running (phases that alternate pause their progress while the other one runs).
 */
export class Progress {
  private activeMs = 0;
  private resumedAt: number | undefined = performance.now();
  private lastPrint = performance.now();
  private done = 0;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly everyMs = 3000,
  ) {}

  pause(): void {
    if (this.resumedAt === undefined) return;
    this.activeMs += performance.now() - this.resumedAt;
    this.resumedAt = undefined;
  }

  resume(): void {
    this.resumedAt ??= performance.now();
  }

  add(n: number): void {
    this.set(this.done + n);
  }

  set(done: number): void {
    this.done = done;
    const now = performance.now();
    if (now - this.lastPrint < this.everyMs) return;
    this.lastPrint = now;
    const seconds = (this.activeMs + (this.resumedAt === undefined ? 0 : now - this.resumedAt)) / 1000;
    const perSecond = rate(done, seconds);
    const left = perSecond > 0 ? Math.max(0, (this.total - done) / perSecond) : 0;
    process.stderr.write(
      `  ${this.label}: ${formatInt(done)} / ${formatInt(this.total)} (${formatInt(perSecond)} ev/s, ~${left.toFixed(0)} s of this phase left)\n`,
    );
  }
}

export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
