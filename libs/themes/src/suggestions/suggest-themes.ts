import { ValidationError } from '#libs/kernel';
import { analyse, type Term } from './terms.js';
import { TermSpace, type SparseVector, type TextDocument } from './term-space.js';
import { assertTexts, assertUniqueIds, byCodeUnits, positiveInteger, unitInterval } from './validation.js';

/** Name, description, key terms, and the texts of observations already linked: each one text. */
export interface ThemeProfile {
  readonly id: string;
  readonly texts: readonly string[];
}

export interface ThemeSuggestion {
  readonly observationId: string;
  readonly themeId: string;
  /** Cosine of the observation's vector and the theme's centroid, in (0, 1]. */
  readonly score: number;
  /** Up to 5 terms (lemmas, as the observation has them) that weigh most in the score, heaviest first. */
  readonly sharedTerms: readonly string[];
}

export interface SuggestThemesOptions {
  /** Themes per observation at most. Default 3. */
  readonly limit?: number;
  /** Lowest score offered. Default DEFAULT_MIN_SCORE. */
  readonly minScore?: number;
  /** `${observationId}:${themeId}` pairs an influencer dismissed: never offered again. */
  readonly dismissed?: ReadonlySet<string>;
}

/**
 * Scores at or above this are offered. Set from the specs: an observation that shares its subject
 * with a theme (a note about a housing officer going quiet after a move, against a theme about
 * support lost on moving borough) scores about 0.3 to 0.5 against the theme's centroid; one that
 * shares only the everyday words of this domain ("support", "week", "worker") scores 0.1 to 0.17
 * in a small corpus, and less in a large one, where those words weigh less.
 */
export const DEFAULT_MIN_SCORE = 0.2;
export const DEFAULT_SUGGESTION_LIMIT = 3;
const SHARED_TERMS = 5;

export function dismissalKey(observationId: string, themeId: string): string {
  return `${observationId}:${themeId}`;
}

/**
 * For each observation, up to `limit` themes scoring at least `minScore` (and above 0), best
 * first, ties by theme id; pairs in `dismissed` are skipped. The space is fitted on the
 * observations and every theme text together; a theme's vector is the normalised mean of its
 * texts' unit vectors, so each linked observation counts as much as the theme's name.
 *
 * Deterministic: the result is ordered by observation id, then score (highest first), then theme
 * id, and does not depend on the order of the inputs or of a theme's texts.
 */
export function suggestThemes(
  observations: readonly TextDocument[],
  themes: readonly ThemeProfile[],
  options: SuggestThemesOptions = {},
): ThemeSuggestion[] {
  const limit = positiveInteger(options.limit, DEFAULT_SUGGESTION_LIMIT, 'limit');
  const minScore = unitInterval(options.minScore, DEFAULT_MIN_SCORE, 'minScore');
  const dismissed = options.dismissed ?? new Set<string>();
  assertUniqueIds(observations, 'observations');
  assertTexts(observations, 'observations');
  assertUniqueIds(themes, 'themes');
  for (const [index, theme] of themes.entries()) {
    if (!Array.isArray(theme.texts) || theme.texts.some((t) => typeof t !== 'string')) {
      throw new ValidationError(`theme ${index} needs texts: an array of strings (name, description, key terms, linked observations)`, 'themes');
    }
  }
  if (observations.length === 0 || themes.length === 0) return [];

  const sortedObservations = [...observations].sort((a, b) => byCodeUnits(a.id, b.id));
  const sortedThemes = [...themes].sort((a, b) => byCodeUnits(a.id, b.id));
  const observationTerms = sortedObservations.map((o) => analyse(o.text));
  const themeTerms = sortedThemes.map((t) => [...t.texts].sort(byCodeUnits).map((text) => analyse(text)));
  const space = TermSpace.fitTerms([...observationTerms, ...themeTerms.flat()]);

  // Theme centroids, and an inverted index term → (theme, weight) so each observation only
  // touches the themes it shares a term with.
  const postings = new Map<string, { themes: number[]; weights: number[] }>();
  const centroids: SparseVector[] = sortedThemes.map((_, index) => centroidOf(themeTerms[index].map((terms) => space.vectorOfTerms(terms))));
  centroids.forEach((centroid, themeIndex) => {
    for (const [key, weight] of centroid) {
      let list = postings.get(key);
      if (!list) postings.set(key, (list = { themes: [], weights: [] }));
      list.themes.push(themeIndex);
      list.weights.push(weight);
    }
  });

  const suggestions: ThemeSuggestion[] = [];
  const scores = new Float64Array(sortedThemes.length);
  const touched: number[] = [];
  sortedObservations.forEach((observation, index) => {
    const terms = observationTerms[index];
    const vector = space.vectorOfTerms(terms);
    for (const [key, weight] of vector) {
      const list = postings.get(key);
      if (!list) continue;
      for (let j = 0; j < list.themes.length; j++) {
        const theme = list.themes[j];
        if (scores[theme] === 0) touched.push(theme);
        scores[theme] += weight * list.weights[j];
      }
    }
    const candidates: Array<{ theme: number; score: number }> = [];
    for (const theme of touched) {
      const score = Math.min(1, scores[theme]);
      scores[theme] = 0;
      if (score > 0 && score >= minScore && !dismissed.has(dismissalKey(observation.id, sortedThemes[theme].id))) {
        candidates.push({ theme, score });
      }
    }
    touched.length = 0;
    candidates.sort((a, b) => b.score - a.score || a.theme - b.theme);
    for (const { theme, score } of candidates.slice(0, limit)) {
      suggestions.push({
        observationId: observation.id,
        themeId: sortedThemes[theme].id,
        score,
        sharedTerms: sharedTerms(vector, centroids[theme], terms),
      });
    }
  });
  return suggestions;
}

/** The normalised sum of unit vectors (empty for no vectors, or only empty ones). */
export function centroidOf(vectors: readonly SparseVector[]): SparseVector {
  const sum = new Map<string, number>();
  for (const v of vectors) for (const [key, w] of v) sum.set(key, (sum.get(key) ?? 0) + w);
  let norm2 = 0;
  for (const w of sum.values()) norm2 += w * w;
  if (norm2 === 0) return new Map();
  const norm = Math.sqrt(norm2);
  for (const [key, w] of sum) sum.set(key, w / norm);
  return sum;
}

function sharedTerms(vector: SparseVector, centroid: SparseVector, terms: readonly Term[]): string[] {
  const shared: Array<{ key: string; weight: number }> = [];
  for (const [key, w] of vector) {
    const other = centroid.get(key);
    if (other !== undefined) shared.push({ key, weight: w * other });
  }
  shared.sort((a, b) => b.weight - a.weight || byCodeUnits(a.key, b.key));
  return shared.slice(0, SHARED_TERMS).map(({ key }) => labelIn(terms, key));
}

/** The lemma the text itself uses for a term key (its first occurrence). */
function labelIn(terms: readonly Term[], key: string): string {
  return terms.find((t) => t.key === key)?.label ?? key;
}
