/**
 * A one-line progress bar for long commands: done/total, rate and time left. On a terminal it
 * redraws in place; in logs (CI, pipes) it prints a line every few seconds instead.
 */
export class ProgressBar {
  private readonly started: number;
  private lastPrinted = Number.NEGATIVE_INFINITY;
  private done = 0;

  constructor(
    private readonly label: string,
    private total: number | null,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly now: () => number = Date.now,
    private readonly unit = 'events',
  ) {
    this.started = now();
  }

  update(done: number, total: number | null = this.total): void {
    this.done = done;
    this.total = total;
    const t = this.now();
    if (this.stream.isTTY) {
      if (t - this.lastPrinted < 100) return;
      this.stream.write(`\r${this.render(t)}\u001b[K`);
    } else {
      if (t - this.lastPrinted < 2000) return;
      this.stream.write(`${this.render(t)}\n`);
    }
    this.lastPrinted = t;
  }

  finish(message?: string): void {
    const line = this.render(this.now());
    this.stream.write(this.stream.isTTY ? `\r${line}\u001b[K\n` : `${line}\n`);
    if (message) this.stream.write(`${message}\n`);
  }

  render(at: number): string {
    const seconds = Math.max((at - this.started) / 1000, 0.001);
    const rate = this.done / seconds;
    const parts = [this.label];
    if (this.total !== null && this.total > 0) {
      const fraction = Math.min(this.done / this.total, 1);
      const width = 24;
      const filled = Math.round(fraction * width);
      parts.push(`[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`, `${Math.floor(fraction * 100)}%`);
      parts.push(`${format(this.done)}/${format(this.total)} ${this.unit}`);
    } else {
      parts.push(`${format(this.done)} ${this.unit}`);
    }
    parts.push(`${format(Math.round(rate))} ${this.unit === 'events' ? 'ev' : this.unit}/s`);
    if (this.total !== null && rate > 0 && this.done < this.total) {
      parts.push(`ETA ${duration((this.total - this.done) / rate)}`);
    } else {
      parts.push(`in ${duration(seconds)}`);
    }
    return parts.join('  ');
  }
}

function format(n: number): string {
  return n.toLocaleString('en-GB');
}

export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}
