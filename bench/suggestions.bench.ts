/**
 * Theme suggestion benchmark: text analysis and TF-IDF fitting, theme suggestions and cluster
 * proposals over synthetic observation notes (seeded, written around known subjects with noise),
 * at 1,000 and 10,000 notes by default. Progress on stderr, a Markdown table on stdout.
 *
 *   node --conditions=source --import tsx bench/suggestions.bench.ts
 *   node --conditions=source --import tsx bench/suggestions.bench.ts --sizes 1000,10000,20000 --seed 7
 *
 * Columns:
 * Times are wall clock with the process's CPU time in brackets (the CPU time holds up better
 * when other work shares the machine).
 * - fit ms: `TermSpace.fit` over the notes (wink analysis of every text, then document frequencies);
 * - suggest ms: `suggestThemes` for every note against one theme per subject (each theme: its
 *   subject's words as a name and 5 notes already linked, held out of the notes); the call
 *   analyses and fits again by itself, as the product will call it;
 * - cluster ms: `proposeClusters` over every note, no limit on proposals (analyses by itself too);
 * - peak RSS: the process's high-water mark so far (sizes run smallest first);
 * - top-1: share of notes written about a subject whose best suggestion is that subject's theme;
 * - purity: share of clustered notes that belong to their cluster's majority subject (notes
 *   about no subject count as misplaced wherever they land); coverage: share of notes about a
 *   subject that end up in some proposal.
 */
import { arch, availableParallelism, cpus, loadavg, platform } from 'node:os';
import { contentTerms, proposeClusters, suggestThemes, TermSpace, type ThemeProfile } from '../libs/themes/src/suggestions/index.js';
import { SYNTHETIC_TOPICS, syntheticObservations, type SyntheticObservation } from '../libs/themes/src/suggestions/synthetic.js';
import { formatInt, log } from './report.js';

const LINKED_PER_THEME = 5;

interface Options {
  readonly sizes: readonly number[];
  readonly seed: number;
}

interface Row {
  readonly documents: number;
  readonly fit: Timed<unknown>;
  readonly suggest: Timed<unknown>;
  readonly cluster: Timed<unknown>;
  readonly peakRssMb: number;
  readonly topOne: number;
  readonly purity: number;
  readonly coverage: number;
  readonly proposals: number;
  readonly topics: number;
}

function parseOptions(argv: readonly string[]): Options {
  let sizes = [1000, 10000];
  let seed = 7;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--sizes' && value) {
      sizes = value.split(',').map((s) => Number(s.trim()));
      if (sizes.some((n) => !Number.isInteger(n) || n < 10)) throw new Error('--sizes takes whole numbers of at least 10, comma separated, e.g. --sizes 1000,10000');
      i++;
    } else if (flag === '--seed' && value) {
      seed = Number(value);
      if (!Number.isInteger(seed)) throw new Error('--seed takes a whole number, e.g. --seed 7');
      i++;
    } else {
      throw new Error(`unknown flag ${flag}: use --sizes 1000,10000 and --seed 7`);
    }
  }
  return { sizes: [...sizes].sort((a, b) => a - b), seed };
}

interface Timed<T> {
  readonly value: T;
  /** Wall-clock time. */
  readonly ms: number;
  /** CPU time of this process (user + system): what the work cost when other processes share the CPUs. */
  readonly cpuMs: number;
}

function time<T>(work: () => T): Timed<T> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const value = work();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** One theme per subject: its words as the name, plus a few notes about it already linked (taken out of the notes). */
function themesFrom(all: readonly SyntheticObservation[]): { themes: ThemeProfile[]; unthemed: SyntheticObservation[] } {
  const linked = new Map<number, string[]>();
  const unthemed: SyntheticObservation[] = [];
  for (const note of all) {
    const texts = linked.get(note.topic) ?? [];
    if (note.topic >= 0 && texts.length < LINKED_PER_THEME) {
      texts.push(note.text);
      linked.set(note.topic, texts);
    } else {
      unthemed.push(note);
    }
  }
  const themes = [...linked].map(([topic, texts]) => ({
    id: `theme-${String(topic).padStart(2, '0')}`,
    texts: [SYNTHETIC_TOPICS[topic].slice(0, 4).join(' '), ...texts],
  }));
  return { themes, unthemed };
}

function run(count: number, seed: number): Row {
  const all = syntheticObservations({ count: count + SYNTHETIC_TOPICS.length * LINKED_PER_THEME, seed });
  const { themes, unthemed } = themesFrom(all);
  const notes = unthemed.slice(0, count);
  const truth = new Map(notes.map((n) => [n.id, n.topic]));

  log(`${formatInt(count)} notes: fit`);
  const fit = time(() => TermSpace.fit(notes));
  log(`${formatInt(count)} notes: suggest against ${themes.length} themes`);
  const suggested = time(() => suggestThemes(notes, themes, { limit: 1 }));
  log(`${formatInt(count)} notes: cluster`);
  const clustered = time(() => proposeClusters(notes, { maxProposals: Number.POSITIVE_INFINITY }));

  const topical = notes.filter((n) => n.topic >= 0);
  const best = new Map(suggested.value.map((s) => [s.observationId, s.themeId]));
  const topOne = topical.filter((n) => best.get(n.id) === `theme-${String(n.topic).padStart(2, '0')}`).length / topical.length;

  let inClusters = 0;
  let majority = 0;
  let topicalClustered = 0;
  for (const proposal of clustered.value) {
    const counts = new Map<number, number>();
    for (const id of proposal.observationIds) {
      const topic = truth.get(id) ?? -1;
      if (topic >= 0) {
        counts.set(topic, (counts.get(topic) ?? 0) + 1);
        topicalClustered++;
      }
    }
    inClusters += proposal.observationIds.length;
    majority += Math.max(0, ...counts.values());
  }
  return {
    documents: notes.length,
    fit,
    suggest: suggested,
    cluster: clustered,
    peakRssMb: peakRssMb(),
    topOne,
    purity: inClusters === 0 ? 0 : majority / inClusters,
    coverage: topicalClustered / topical.length,
    proposals: clustered.value.length,
    topics: new Set(topical.map((n) => n.topic)).size,
  };
}

function table(rows: readonly Row[]): string {
  const header = ['Documents', 'Fit ms (CPU)', 'Suggest ms (CPU)', 'Cluster ms (CPU)', 'Peak RSS MB', 'Top-1 theme', 'Cluster purity', 'Coverage', 'Proposals / subjects'];
  const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
  const ms = (t: Timed<unknown>) => `${formatInt(t.ms)} (${formatInt(t.cpuMs)})`;
  const body = rows.map((r) => [
    formatInt(r.documents),
    ms(r.fit),
    ms(r.suggest),
    ms(r.cluster),
    formatInt(r.peakRssMb),
    percent(r.topOne),
    percent(r.purity),
    percent(r.coverage),
    `${r.proposals} / ${r.topics}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`;
  const rule = `|${widths.map((w) => `${'-'.repeat(w + 1)}:`).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

function main(): void {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log('node --conditions=source --import tsx bench/suggestions.bench.ts [--sizes 1000,10000] [--seed 7]');
    return;
  }
  const options = parseOptions(argv);
  const startLoad = loadavg();
  const started = performance.now();
  const load = time(() => contentTerms('Warm up: the model loads on first use.'));
  log(`wink model loaded in ${load.ms.toFixed(0)} ms`);
  // Warm the JIT and the analysis caches on notes that are not measured (another seed).
  const warmUp = time(() => proposeClusters(syntheticObservations({ count: 300, seed: options.seed + 1 })));
  log(`warmed up in ${warmUp.ms.toFixed(0)} ms`);
  const rows = options.sizes.map((count) => run(count, options.seed));

  console.log('## Learning Loop theme suggestion benchmark\n');
  console.log(`- Date: ${new Date().toISOString()}`);
  console.log(`- Node ${process.version} on ${platform()} ${arch()}, ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? 'unknown model'}), one thread`);
  console.log(
    `- Synthetic notes (seed ${options.seed}): about 40 words each, ${SYNTHETIC_TOPICS.length} subjects, 10 % about no subject; ` +
      `one theme per subject (its words and ${LINKED_PER_THEME} linked notes); wink model load ${load.ms.toFixed(0)} ms and a warm-up ` +
      `on 300 other notes (${warmUp.ms.toFixed(0)} ms), before the timings`,
  );
  console.log('- Defaults throughout (suggestions with limit 1; clusters with no limit on proposals); times are wall clock, CPU time of the process in brackets');
  console.log('');
  console.log(table(rows));
  console.log(
    `\nWhole run: ${((performance.now() - started) / 1000).toFixed(1)} s. Load average (1 min) before ${startLoad[0].toFixed(2)}, after ${loadavg()[0].toFixed(2)}: ` +
      `above about 1 means other work shared the ${availableParallelism()} CPUs and the timings are noisier.`,
  );
}

try {
  main();
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
