import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';
import type { ItsFunction, Model, WinkMethods } from 'wink-nlp';

/**
 * Content terms of a free text, offline, with wink-nlp and its English lite model.
 *
 * Each word token becomes a term with:
 * - a `label`: its lemma in lower case ("stopped" → "stop", "calls" → "call"), what people read
 *   (in the writer's spelling where the model's lemma is American: see isRespelling);
 * - a `key`: the Porter stem of that lemma, what vectors are built on. The lemma depends on the
 *   part of speech the model guesses, and in short, often ungrammatical notes it sometimes guesses
 *   wrong ("answering" tagged as a noun keeps "answering"); stemming the lemma folds those slips
 *   together ("answer"), at the price of the stemmer's known over-reach ("community" and
 *   "communication" share a key).
 *
 * Dropped: punctuation, numbers (digits or spelled out), ordinals, times, e-mail addresses, links,
 * hashtags, emoji and symbols, tokens with fewer than two letters or that do not start with a
 * letter ("'s"), and stop words. A word is a stop word when wink's English list has either its
 * surface form or its lemma ("got" → "get"), except for a few words that carry meaning in this
 * domain: see KEPT_DESPITE_STOP_LIST.
 *
 * Negation: a negator ("not", "n't", "never", "nobody", "nothing", "without") followed, within
 * four tokens and before any punctuation, by a content verb or adjective adds one extra term,
 * `not <lemma>` ("did not answer" → "answer" and "not answer"). The plain lemma stays, so the
 * note still shares its subject with notes that say the opposite; the extra term lets notes that
 * share the negation score higher with each other. A negator followed first by a noun or another
 * content word adds nothing ("no reply", "not in priority need"), and "no" itself never negates:
 * "no reply" is about replies either way.
 */
export interface Term {
  /** What vectors are keyed on (stem of the lemma; `not <stem>` for a negated verb or adjective). */
  readonly key: string;
  /** What people read (the lemma; `not <lemma>`). */
  readonly label: string;
}

/** Words on wink's stop list that name things this domain cares about (moving area, phone calls). */
export const KEPT_DESPITE_STOP_LIST: ReadonlySet<string> = new Set(['move', 'call', 'empty', 'full', 'bill', 'fire', 'system']);

const NEGATORS: ReadonlySet<string> = new Set(['not', "n't", 'n’t', 'never', 'nobody', 'nothing', 'without', 'cannot']);
const NEGATION_WINDOW = 4;
const NEGATABLE_POS: ReadonlySet<string> = new Set(['VERB', 'ADJ']);
const CONTENT_POS_ENDING_NEGATION: ReadonlySet<string> = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ', 'ADV']);
const WORD_SHAPE = /^\p{L}[\p{L}\p{M}'’-]*$/u;
const HAS_DIGIT = /\p{N}/u;
/** The analysis cache is cleared when it reaches this many distinct (word, part of speech) pairs. */
const CACHE_LIMIT = 200_000;

interface Wink {
  readonly nlp: WinkMethods;
  readonly stem: (word: string) => string;
}

let wink: Wink | undefined;

/** wink-nlp and its model are CommonJS; they are required on first use, so importing this module costs nothing. */
function loadWink(): Wink {
  if (wink) return wink;
  const require = createRequire(import.meta.url);
  const createNlp = require('wink-nlp') as typeof winkNLP;
  const model = require('wink-eng-lite-web-model') as Model;
  const stem = (model.addons as { stem?: unknown }).stem;
  if (typeof stem !== 'function') {
    throw new Error('wink-eng-lite-web-model has no stem addon: install a version of the model that ships one (1.x does).');
  }
  // Sentence boundaries and parts of speech are all the lemmatiser needs; no entities or sentiment.
  wink = { nlp: createNlp(model, ['sbd', 'pos']), stem: stem as (word: string) => string };
  return wink;
}

/** Per (word as written in lower case, part of speech, lemma): the term, or null when the token is not a content word. */
const termCache = new Map<string, Term | null>();
const stopCache = new Map<string, boolean>();

function isStopWord(w: Wink, word: string): boolean {
  let stop = stopCache.get(word);
  if (stop === undefined) {
    const tokens = w.nlp.readDoc(word).tokens();
    stop = tokens.length() === 1 && tokens.itemAt(0).out(w.nlp.its.stopWordFlag) === true;
    if (stopCache.size >= CACHE_LIMIT) stopCache.clear();
    stopCache.set(word, stop);
  }
  return stop;
}

function termOf(w: Wink, surface: string, normal: string, pos: string, rawLemma: string, surfaceIsStop: boolean): Term | null {
  const cacheKey = `${surface}\u0000${pos}\u0000${rawLemma}`;
  const cached = termCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const lemma = rawLemma.toLowerCase();
  let term: Term | null = null;
  if (pos !== 'NUM' && WORD_SHAPE.test(lemma) && !HAS_DIGIT.test(lemma) && letterCount(lemma) >= 2) {
    const kept = KEPT_DESPITE_STOP_LIST.has(lemma);
    const stop = !kept && (surfaceIsStop || (lemma !== normal && isStopWord(w, lemma)));
    if (!stop) {
      const key = w.stem(lemma);
      term = { key, label: isRespelling(surface, lemma) ? surface : lemma };
    }
  }
  if (termCache.size >= CACHE_LIMIT) termCache.clear();
  termCache.set(cacheKey, term);
  return term;
}

/**
 * The model normalises to American spelling ("mould" → "mold", "licence" → "license",
 * "counselling" → "counseling"). When the lemma looks like the word respelled rather than
 * inflected (at most two edits apart, in words of five letters or more, and no inflection ending
 * such as -s, -ed or -ing turns the lemma into the word), the label keeps the writer's spelling;
 * the key stays the lemma's stem, so both spellings still meet.
 */
function isRespelling(surface: string, lemma: string): boolean {
  if (surface === lemma || Math.max(surface.length, lemma.length) < 5 || !WORD_SHAPE.test(surface)) return false;
  if (!editDistanceAtMost(surface, lemma, 2)) return false;
  return !INFLECTION_ENDINGS.some((ending) => surface.endsWith(ending) && isStemOf(surface.slice(0, -ending.length), lemma));
}

/** "stopp" of "stop", "mov" of "move", "stud" of "study", "call" of "call". */
function isStemOf(stripped: string, lemma: string): boolean {
  return stripped === lemma || `${stripped}e` === lemma || `${stripped}y` === lemma || stripped === lemma + lemma.slice(-1);
}

const INFLECTION_ENDINGS = ['s', 'es', 'ies', 'd', 'ed', 'ied', 'ing', 'er', 'est'];

function editDistanceAtMost(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > limit) return false;
    previous = current;
  }
  return previous[b.length] <= limit;
}

function letterCount(word: string): number {
  let n = 0;
  for (const ch of word) if (/\p{L}/u.test(ch)) n++;
  return n;
}

/** The content terms of a text, in order, with repeats (term frequency matters to weighting). */
export function analyse(text: string): Term[] {
  if (text.trim() === '') return [];
  const w = loadWink();
  const its = w.nlp.its;
  const tokens = w.nlp.readDoc(text).tokens();
  const types = tokens.out(its.type) as string[];
  const normals = tokens.out(its.normal) as string[];
  const values = tokens.out(its.value) as string[];
  // wink-nlp's declarations type its.lemma with a third parameter out() never passes; it works as any its function.
  const lemmas = tokens.out(its.lemma as unknown as ItsFunction<string>) as string[];
  const tags = tokens.out(its.pos) as string[];
  const stops = tokens.out(its.stopWordFlag) as boolean[];
  const terms: Term[] = [];
  let negationLeft = 0;
  for (let i = 0; i < types.length; i++) {
    if (types[i] !== 'word') {
      negationLeft = 0;
      continue;
    }
    const normal = normals[i];
    if (NEGATORS.has(normal) || lemmas[i] === 'not') {
      negationLeft = NEGATION_WINDOW;
      continue;
    }
    const term = termOf(w, values[i].toLowerCase(), normal, tags[i], lemmas[i], stops[i]);
    if (term) {
      terms.push(term);
      if (negationLeft > 0 && NEGATABLE_POS.has(tags[i])) {
        terms.push({ key: `not ${term.key}`, label: `not ${term.label}` });
      }
      if (negationLeft > 0 && CONTENT_POS_ENDING_NEGATION.has(tags[i])) negationLeft = 0;
    }
    if (negationLeft > 0) negationLeft--;
  }
  return terms;
}

/**
 * Lemmatised content terms of a text: lower case; stop words, punctuation, numbers and one-letter
 * tokens removed; a negated verb or adjective also gives `not <lemma>` (see the notes at the top
 * of this file). Loads the wink model once, on first use.
 */
export function contentTerms(text: string): string[] {
  return analyse(text).map((t) => t.label);
}
