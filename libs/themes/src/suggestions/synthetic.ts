import type { TextDocument } from './term-space.js';

/**
 * Synthetic observation notes for specs and the bench: each note is written around one known
 * subject (or none, for noise), so clustering can be scored against the truth. Every word is
 * invented or ordinary English; nothing here describes a real person.
 *
 * A note is a few short "sentences" of about `words` tokens in all: function words, everyday words
 * of the domain shared by every subject, words of its own subject, and noise drawn with a Zipf
 * distribution from a pool of made-up words (so rare words behave as rare words do in real notes).
 */
export interface SyntheticObservation extends TextDocument {
  /** Index into SYNTHETIC_TOPICS, or -1 for a note about no subject in particular. */
  readonly topic: number;
}

export const SYNTHETIC_TOPICS: readonly (readonly string[])[] = [
  ['borough', 'move', 'temporary', 'accommodation', 'transfer', 'area', 'referral', 'relocate', 'boundary', 'handover'],
  ['benefit', 'payment', 'claim', 'decision', 'universal', 'credit', 'interim', 'delay', 'processing', 'advance'],
  ['sanction', 'deduction', 'debt', 'arrears', 'repayment', 'overpayment', 'budget', 'rent', 'loan', 'bailiff'],
  ['therapy', 'counselling', 'waiting', 'list', 'psychologist', 'talking', 'appointment', 'months', 'assessment', 'triage'],
  ['closed', 'case', 'discharged', 'consent', 'letter', 'missed', 'abandoned', 'reopen', 'notified', 'closure'],
  ['repeat', 'history', 'story', 'trauma', 'questions', 'notes', 'assessment', 'retell', 'worker', 'again'],
  ['phone', 'line', 'engaged', 'queue', 'online', 'form', 'email', 'website', 'callback', 'hold'],
  ['threshold', 'eligible', 'priority', 'criteria', 'need', 'score', 'qualify', 'local', 'connection', 'rejected'],
  ['tenancy', 'ready', 'course', 'condition', 'drinking', 'abstinence', 'prove', 'hostel', 'programme', 'compliance'],
  ['ending', 'programme', 'handover', 'abrupt', 'stopped', 'withdrawn', 'goodbye', 'routine', 'unravel', 'final'],
  ['label', 'challenging', 'diagnosis', 'judged', 'receptionist', 'stigma', 'reputation', 'aggressive', 'flagged', 'record'],
  ['shift', 'agency', 'contract', 'zero', 'hours', 'dismissed', 'employer', 'wages', 'notice', 'probation'],
  ['surgery', 'receptionist', 'prescription', 'doctor', 'registration', 'address', 'appointment', 'booking', 'pharmacy', 'medication'],
  ['foodbank', 'voucher', 'parcel', 'referral', 'hunger', 'meals', 'cooking', 'kitchen', 'electricity', 'meter'],
  ['rude', 'shouted', 'dismissive', 'interrupted', 'ignored', 'waited', 'reception', 'security', 'upset', 'respect'],
  ['officer', 'café', 'explained', 'listened', 'patient', 'visit', 'flat', 'keys', 'furniture', 'settled'],
  ['jargon', 'letter', 'deadline', 'reply', 'unanswered', 'understand', 'language', 'translation', 'leaflet', 'complaint'],
  ['council', 'tax', 'summons', 'court', 'reduction', 'liability', 'enforcement', 'arrangement', 'instalment', 'reminder'],
  ['damp', 'mould', 'repair', 'landlord', 'heating', 'boiler', 'inspection', 'disrepair', 'leak', 'bedroom'],
  ['laptop', 'internet', 'data', 'smartphone', 'password', 'account', 'journal', 'upload', 'library', 'computer'],
  ['leaving', 'care', 'personal', 'adviser', 'pathway', 'plan', 'eighteen', 'placement', 'supported', 'lodgings'],
  ['refuge', 'safety', 'abuse', 'partner', 'protection', 'advocate', 'order', 'risk', 'children', 'safeguarding'],
  ['release', 'prison', 'probation', 'licence', 'discharge', 'grant', 'resettlement', 'curfew', 'tag', 'hostel'],
  ['hospital', 'ward', 'discharge', 'bed', 'nurse', 'equipment', 'occupational', 'homecare', 'package', 'carer'],
];

const FUNCTION_WORDS = ['the', 'a', 'to', 'and', 'was', 'they', 'it', 'of', 'for', 'with', 'after', 'their', 'we', 'had', 'be', 'by', 'on', 'at', 'that', 'this', 'there', 'when', 'about', 'from'];
const EVERYDAY_WORDS = ['person', 'service', 'support', 'worker', 'week', 'told', 'help', 'time', 'day', 'coach', 'felt', 'asked', 'wanted', 'team', 'office', 'month', 'tried', 'waited', 'started', 'said'];
const SYLLABLES = ['ka', 'lo', 'mir', 'tesh', 'van', 'dol', 'pre', 'sun', 'gar', 'bel', 'tor', 'ni', 'wex', 'ral', 'quo', 'fen', 'hab', 'lim', 'sto', 'rud'];

export interface SyntheticOptions {
  readonly count: number;
  readonly seed: number;
  /** Which subjects to write about (indexes into SYNTHETIC_TOPICS). Default all. */
  readonly topics?: readonly number[];
  /** Share of notes about no subject. Default 0.1. */
  readonly noiseShare?: number;
  /** About this many tokens per note. Default 40. */
  readonly words?: number;
  /** Made-up noise words to draw from. Default 3000. */
  readonly noiseVocabulary?: number;
}

export function syntheticObservations(options: SyntheticOptions): SyntheticObservation[] {
  const random = mulberry32(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const topics = options.topics ?? SYNTHETIC_TOPICS.map((_, i) => i);
  const noiseShare = options.noiseShare ?? 0.1;
  const words = options.words ?? 40;
  const noise = noiseWords(options.noiseVocabulary ?? 3000, random);
  const zipf = zipfSampler(noise.length, random);
  const out: SyntheticObservation[] = [];
  for (let n = 0; n < options.count; n++) {
    const topic = random() < noiseShare || topics.length === 0 ? -1 : pick(topics);
    const own = topic >= 0 ? SYNTHETIC_TOPICS[topic] : undefined;
    const length = Math.max(8, Math.round(words * (0.75 + random() * 0.5)));
    const sentences: string[] = [];
    let sentence: string[] = [];
    for (let w = 0; w < length; w++) {
      const roll = random();
      const word =
        roll < 0.4 ? pick(FUNCTION_WORDS) : roll < 0.55 ? pick(EVERYDAY_WORDS) : own && roll < 0.8 ? pick(own) : noise[zipf()];
      sentence.push(word);
      if (sentence.length >= 6 && (random() < 0.15 || w === length - 1)) {
        sentences.push(`${sentence.join(' ').replace(/^./, (c) => c.toUpperCase())}.`);
        sentence = [];
      }
    }
    if (sentence.length > 0) sentences.push(`${sentence.join(' ')}.`);
    out.push({ id: `obs-${String(n).padStart(6, '0')}-${Math.floor(random() * 1e9).toString(36)}`, text: sentences.join(' '), topic });
  }
  return out;
}

/** Purity of clusters against the true topics: the share of clustered notes in their cluster's majority topic (noise counts as its own topic). */
export function clusterPurity(clusters: readonly (readonly string[])[], truth: ReadonlyMap<string, number>): number {
  let clustered = 0;
  let majority = 0;
  for (const members of clusters) {
    const counts = new Map<number, number>();
    for (const id of members) {
      const topic = truth.get(id) ?? -1;
      counts.set(topic, (counts.get(topic) ?? 0) + 1);
    }
    clustered += members.length;
    majority += Math.max(0, ...counts.values());
  }
  return clustered === 0 ? 0 : majority / clustered;
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), as in the demo's generator. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function noiseWords(count: number, random: () => number): string[] {
  const words = new Set<string>();
  while (words.size < count) {
    const syllables = 2 + Math.floor(random() * 2);
    let word = '';
    for (let s = 0; s < syllables; s++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

/** Draws indexes 0..n-1 with probability proportional to 1 / (rank + 1). */
function zipfSampler(n: number, random: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cumulative[i] = total += 1 / (i + 1);
  return () => {
    const target = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
