import { analyse, type Term } from './terms.js';

export interface TextDocument {
  readonly id: string;
  readonly text: string;
}

/** Term key → weight. Keys are term keys (see terms.ts), not for display. */
export type SparseVector = ReadonlyMap<string, number>;

/**
 * TF-IDF over a fitted corpus, as unit vectors.
 *
 * Weight of a term in a text: (1 + ln tf) × idf, with the smoothed idf
 * ln((1 + N) / (1 + df)) + 1, N the documents fitted and df how many of them hold the term; the
 * vector is then scaled to length 1, so cosine is a dot product.
 *
 * Why TF-IDF and not BM25: observations are short (a few dozen words) and of similar length, so
 * BM25's length normalisation has little to correct, and once vectors are scaled to unit length
 * for cosine its saturating tf behaves much like the sublinear 1 + ln tf used here. The smoothed
 * idf keeps every fitted term's weight positive, including terms found in every document.
 *
 * Terms the corpus has never seen get no weight (as in most vectorisers): they could never be
 * shared with a fitted document, and would only dilute the others.
 */
export class TermSpace {
  private constructor(
    private readonly documentFrequencies: ReadonlyMap<string, number>,
    /** Documents fitted. */
    readonly size: number,
  ) {}

  static fit(documents: readonly TextDocument[]): TermSpace {
    return TermSpace.fitTerms(documents.map((d) => analyse(d.text)));
  }

  /** Fits on texts already analysed, so callers that also need the vectors analyse each text once. */
  static fitTerms(analysed: readonly (readonly Term[])[]): TermSpace {
    const df = new Map<string, number>();
    for (const terms of analysed) {
      for (const key of new Set(terms.map((t) => t.key))) df.set(key, (df.get(key) ?? 0) + 1);
    }
    return new TermSpace(df, analysed.length);
  }

  /** Distinct terms fitted. */
  get vocabularySize(): number {
    return this.documentFrequencies.size;
  }

  /** How many fitted documents hold a term key. */
  documentFrequency(key: string): number {
    return this.documentFrequencies.get(key) ?? 0;
  }

  /** The smoothed idf of a term key, or 0 for a term the corpus has never seen. */
  idf(key: string): number {
    const df = this.documentFrequencies.get(key);
    return df === undefined ? 0 : Math.log((1 + this.size) / (1 + df)) + 1;
  }

  /** The unit TF-IDF vector of a text in this space's weighting (empty when nothing in it was fitted). */
  vector(text: string): SparseVector {
    return this.vectorOfTerms(analyse(text));
  }

  vectorOfTerms(terms: readonly Term[]): SparseVector {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t.key, (tf.get(t.key) ?? 0) + 1);
    const out = new Map<string, number>();
    let norm2 = 0;
    for (const [key, count] of tf) {
      const idf = this.idf(key);
      if (idf === 0) continue;
      const w = (1 + Math.log(count)) * idf;
      out.set(key, w);
      norm2 += w * w;
    }
    if (norm2 === 0) return out;
    const norm = Math.sqrt(norm2);
    for (const [key, w] of out) out.set(key, w / norm);
    return out;
  }
}

/** Cosine similarity of two sparse vectors: 0 when either is empty; clamped to [-1, 1] against rounding. */
export function cosine(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [key, w] of small) {
    const other = large.get(key);
    if (other !== undefined) dot += w * other;
  }
  if (dot === 0) return 0;
  const denominator = Math.sqrt(squaredNorm(a) * squaredNorm(b));
  return Math.max(-1, Math.min(1, dot / denominator));
}

function squaredNorm(v: SparseVector): number {
  let sum = 0;
  for (const w of v.values()) sum += w * w;
  return sum;
}
