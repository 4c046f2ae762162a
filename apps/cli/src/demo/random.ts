import { uuidV5 } from '#libs/kernel';

/**
 * A small deterministic random source (mulberry32) so the same seed always gives the same
 * demo data, plus deterministic ids: uuidV5 of a name within the seed's namespace.
 */
export class Random {
  private state: number;
  private readonly namespace: string;

  constructor(readonly seed: number) {
    this.state = seed >>> 0 || 1;
    this.namespace = uuidV5(`learning-loop-demo-${seed}`, '1b4e28ba-2fa1-41d2-883f-0016d3cca427');
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight: [[item, weight], ...]. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /** A few distinct items. */
  some<T>(items: readonly T[], max: number): T[] {
    const count = this.int(0, max);
    const out = new Set<T>();
    for (let i = 0; i < count * 3 && out.size < count; i++) out.add(this.pick(items));
    return [...out];
  }

  /** A Poisson-distributed count with mean `lambda` (Knuth; fine for small means). */
  poisson(lambda: number): number {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.next();
    } while (p > limit);
    return k - 1;
  }

  /** A stable id for a named thing in this seed's world. */
  id(name: string): string {
    return uuidV5(name, this.namespace);
  }
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
