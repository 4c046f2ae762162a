import { createHash } from 'node:crypto';
import { ValidationError } from '#libs/kernel';
import { analyse, type Term } from './terms.js';
import { TermSpace, type TextDocument } from './term-space.js';
import { assertTexts, assertUniqueIds, byCodeUnits, positiveInteger, unitInterval } from './validation.js';

export interface ClusterProposal {
  /** Stable for the same members: a hash of the sorted observation ids. */
  readonly key: string;
  /** Sorted by id. */
  readonly observationIds: readonly string[];
  /** Up to 5 representative terms (lemmas), heaviest in the centroid first; each is in at least 2 members. */
  readonly terms: readonly string[];
  /** Mean cosine of the members to their centroid, in (0, 1]. */
  readonly cohesion: number;
}

export interface ProposeClustersOptions {
  /** Lowest cosine between a member and its cluster's centroid. Default DEFAULT_CLUSTER_THRESHOLD. */
  readonly threshold?: number;
  /** Fewest members a proposal has. Default 3. */
  readonly minSize?: number;
  /** Most proposals returned (after dismissed ones are left out). Default 20; Infinity for all. */
  readonly maxProposals?: number;
  /** Member ids of proposals an influencer dismissed: proposals overlapping one by Jaccard ≥ 0.5 are left out. */
  readonly dismissed?: readonly (readonly string[])[];
}

/**
 * Member-to-centroid cosine for joining a cluster. Set from the specs and the bench: hand-written
 * notes on one subject are only about 0.1 alike at the median (each says it in its own words) and
 * notes on different subjects at most about 0.25, yet at 0.25 the notes that do share a subject's
 * words still find each other; at 0.2 notes about nothing in particular start to join clusters
 * through the domain's everyday words (bench purity 91 % against 98 % at 0.25). Proposals are
 * seeds for themes, so precision comes before coverage: once a theme exists, suggestThemes
 * offers it the rest.
 */
export const DEFAULT_CLUSTER_THRESHOLD = 0.25;
export const DEFAULT_MIN_CLUSTER_SIZE = 3;
export const DEFAULT_MAX_PROPOSALS = 20;
export const DISMISSED_OVERLAP = 0.5;
const REPRESENTATIVE_TERMS = 5;
/** Merge-and-reassign passes at most; they stop early once no member moves. */
const REFINEMENT_PASSES = 3;

/**
 * Proposes groups of similar observations, without comparing every pair (no n² similarity
 * matrix): each observation is only scored against the clusters it shares a term with.
 *
 * 1. Every text becomes a unit TF-IDF vector (see TermSpace), with term ids handed out in
 *    observation-id order, so nothing depends on the order of the input.
 * 2. Leader pass, in observation-id order: each observation joins the cluster whose running
 *    centroid it is most similar to, if that cosine is at least `threshold`, else starts a
 *    cluster. Centroids live in an inverted index (term → clusters holding it, with the running
 *    sum), so an observation is only scored against clusters it shares a term with.
 * 3. Clusters of one are dissolved (their notes can still join a cluster in step 4).
 * 4. Refinement, like k-means with no new clusters: clusters whose centroids are at least
 *    MERGE_COSINE alike are merged (the leader pass can split one subject in two when its first
 *    notes differ), then every observation moves to the centroid it is most similar to (at least
 *    `threshold`, else it leaves), and centroids are recomputed; repeated until nothing moves, at
 *    most REFINEMENT_PASSES times. This undoes most of the leader pass's dependence on which notes
 *    came first. Each pass costs one scan of the inverted index per observation.
 * 5. Clusters smaller than `minSize` are dropped; the rest are proposed, largest first, then the
 *    most cohesive, then by key. Proposals overlapping a dismissed one (Jaccard ≥ 0.5) are left out
 *    before `maxProposals` is applied.
 *
 * Cost: text analysis is linear (about 0.1 ms of CPU per 40-word note); each pass walks, for each
 * observation, the posting lists of its terms, so it grows with n × terms × clusters per term:
 * far below n² when notes fall into subjects, and towards n × clusters when everything shares the
 * same everyday words with everything else. Measured on one core (bench/suggestions.bench.ts):
 * 10,000 notes on 24 subjects cluster in about 2 s of CPU, analysis included; 10,000 notes of
 * pure noise in about 4.5 s. Memory stays in the tens of megabytes above the wink model.
 */
export function proposeClusters(observations: readonly TextDocument[], options: ProposeClustersOptions = {}): ClusterProposal[] {
  const threshold = unitInterval(options.threshold, DEFAULT_CLUSTER_THRESHOLD, 'threshold');
  if (threshold === 0) throw new ValidationError('must be above 0: at 0 every observation would join one cluster', 'threshold');
  const minSize = positiveInteger(options.minSize, DEFAULT_MIN_CLUSTER_SIZE, 'minSize');
  if (minSize < 2) throw new ValidationError('must be at least 2: a cluster of one is not a pattern', 'minSize');
  const maxProposals = positiveInteger(options.maxProposals, DEFAULT_MAX_PROPOSALS, 'maxProposals', true);
  const dismissed = (options.dismissed ?? []).map((members, index) => {
    if (!Array.isArray(members)) throw new ValidationError(`entry ${index} must be the array of member ids of a dismissed proposal`, 'dismissed');
    return new Set(members);
  });
  assertUniqueIds(observations, 'observations');
  assertTexts(observations, 'observations');
  if (observations.length < minSize) return [];

  const sorted = [...observations].sort((a, b) => byCodeUnits(a.id, b.id));
  const analysed = sorted.map((o) => analyse(o.text));
  const space = TermSpace.fitTerms(analysed);
  const vocabulary = new Map<string, number>();
  const keys: string[] = [];
  const vectors: IndexedVector[] = analysed.map((terms) => {
    const v = space.vectorOfTerms(terms);
    const ids = new Int32Array(v.size);
    const weights = new Float64Array(v.size);
    let k = 0;
    for (const [key, w] of v) {
      let id = vocabulary.get(key);
      if (id === undefined) {
        id = keys.length;
        vocabulary.set(key, id);
        keys.push(key);
      }
      ids[k] = id;
      weights[k++] = w;
    }
    return { ids, weights };
  });

  const clusters = clusterVectors(vectors, keys.length, threshold, minSize);

  const proposals = clusters.map((members) => describe(members, sorted, analysed, vectors, keys));
  return proposals
    .filter((p) => !dismissed.some((d) => jaccard(p.observationIds, d) >= DISMISSED_OVERLAP))
    .sort((a, b) => b.observationIds.length - a.observationIds.length || b.cohesion - a.cohesion || byCodeUnits(a.key, b.key))
    .slice(0, maxProposals);
}

/** A unit vector over integer term ids. */
interface IndexedVector {
  readonly ids: Int32Array;
  readonly weights: Float64Array;
}

/**
 * Centroid cosine at or above which two clusters are merged. In the bench's synthetic notes two
 * halves of one subject have centroids 0.6 to 0.85 alike, different subjects at most 0.3.
 */
const MERGE_COSINE = 0.5;

/** Clusters as lists of observation indexes (ascending), each at least `minSize` long. */
function clusterVectors(vectors: readonly IndexedVector[], termCount: number, threshold: number, minSize: number): number[][] {
  let clusters = leaderPass(vectors, termCount, threshold).filter((members) => members.length >= 2);
  let assignment = assignmentOf(clusters, vectors.length);
  for (let pass = 0; pass < REFINEMENT_PASSES && clusters.length > 0; pass++) {
    const next = reassign(mergeSimilar(clusters, vectors, termCount), vectors, termCount, threshold);
    const nextAssignment = assignmentOf(next, vectors.length);
    const moved = nextAssignment.some((c, i) => c !== assignment[i]);
    clusters = next;
    assignment = nextAssignment;
    if (!moved) break;
  }
  return clusters.filter((members) => members.length >= minSize);
}

/** Running centroid sums in an inverted index: term → clusters holding it and their summed weight. */
class CentroidIndex {
  private readonly clustersOf: number[][];
  private readonly weightsOf: number[][];
  /** Per cluster: term id → position in that term's posting list. */
  private readonly slots: Map<number, number>[] = [];
  private readonly norm2: number[] = [];
  private readonly scores: Float64Array;
  private readonly touched: number[] = [];

  constructor(termCount: number, maxClusters: number) {
    this.clustersOf = Array.from({ length: termCount }, () => []);
    this.weightsOf = Array.from({ length: termCount }, () => []);
    this.scores = new Float64Array(Math.max(1, maxClusters));
  }

  get clusterCount(): number {
    return this.slots.length;
  }

  newCluster(): number {
    this.slots.push(new Map());
    this.norm2.push(0);
    return this.slots.length - 1;
  }

  /** Adds a weighted vector to a cluster's sum; `dot` is the vector's dot product with the sum before. */
  add(cluster: number, v: IndexedVector, dot: number, scale = 1): void {
    const slots = this.slots[cluster];
    let selfDot = 0;
    for (let k = 0; k < v.ids.length; k++) {
      const t = v.ids[k];
      const w = v.weights[k] * scale;
      selfDot += w * w;
      const slot = slots.get(t);
      if (slot === undefined) {
        slots.set(t, this.clustersOf[t].length);
        this.clustersOf[t].push(cluster);
        this.weightsOf[t].push(w);
      } else {
        this.weightsOf[t][slot] += w;
      }
    }
    this.norm2[cluster] += 2 * dot * scale + selfDot;
  }

  /**
   * The most similar cluster (cosine to its centroid) if it reaches `floor`, with that cosine
   * and the dot product with the running sum; ties go to the older cluster; cluster -1 when none
   * reaches `floor`. Walks the posting lists of the vector's terms only.
   */
  best(v: IndexedVector, floor: number): { cluster: number; cosine: number; dot: number } {
    const { scores, touched } = this;
    for (let k = 0; k < v.ids.length; k++) {
      const t = v.ids[k];
      const w = v.weights[k];
      const clusters = this.clustersOf[t];
      const weights = this.weightsOf[t];
      for (let j = 0; j < clusters.length; j++) {
        const c = clusters[j];
        if (scores[c] === 0) touched.push(c);
        scores[c] += w * weights[j];
      }
    }
    let bestCluster = -1;
    let bestCosine = 0;
    let bestDot = 0;
    for (const c of touched) {
      const dot = scores[c];
      scores[c] = 0;
      const norm2 = this.norm2[c];
      if (norm2 <= 0) continue;
      const cos = dot / Math.sqrt(norm2);
      if (cos >= floor && (cos > bestCosine || (cos === bestCosine && c < bestCluster))) {
        bestCluster = c;
        bestCosine = cos;
        bestDot = dot;
      }
    }
    touched.length = 0;
    return { cluster: bestCluster, cosine: Math.min(1, bestCosine), dot: bestDot };
  }
}

function leaderPass(vectors: readonly IndexedVector[], termCount: number, threshold: number): number[][] {
  const index = new CentroidIndex(termCount, vectors.length);
  const members: number[][] = [];
  vectors.forEach((v, i) => {
    if (v.ids.length === 0) return;
    const { cluster, dot } = index.best(v, threshold);
    if (cluster >= 0) {
      index.add(cluster, v, dot);
      members[cluster].push(i);
    } else {
      const created = index.newCluster();
      index.add(created, v, 0);
      members[created] = [i];
    }
  });
  return members;
}

/** Sum of the member vectors as a dense-free map, then unit length. */
function unitCentroid(memberIndexes: readonly number[], vectors: readonly IndexedVector[]): IndexedVector {
  const sum = new Map<number, number>();
  for (const i of memberIndexes) {
    const v = vectors[i];
    for (let k = 0; k < v.ids.length; k++) sum.set(v.ids[k], (sum.get(v.ids[k]) ?? 0) + v.weights[k]);
  }
  const ids = new Int32Array(sum.size);
  const weights = new Float64Array(sum.size);
  let norm2 = 0;
  for (const w of sum.values()) norm2 += w * w;
  const norm = Math.sqrt(norm2) || 1;
  let k = 0;
  for (const [id, w] of sum) {
    ids[k] = id;
    weights[k++] = w / norm;
  }
  return { ids, weights };
}

/**
 * Merges clusters whose centroids are at least MERGE_COSINE alike. In each round every cluster
 * is linked to its most alike earlier cluster, if alike enough, and linked clusters merge; rounds
 * repeat on the merged centroids until nothing links. Clusters here are few (those of two or more
 * after the leader pass), and each is only compared with the clusters it shares a term with.
 */
function mergeSimilar(clusters: number[][], vectors: readonly IndexedVector[], termCount: number): number[][] {
  let current = clusters;
  for (;;) {
    const index = new CentroidIndex(termCount, current.length);
    const parent = current.map((_, i) => i);
    const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
    let merged = false;
    current.forEach((members, b) => {
      const centroid = unitCentroid(members, vectors);
      // best() only sees clusters already indexed, so the match is an earlier cluster.
      const found = index.best(centroid, MERGE_COSINE);
      if (found.cluster >= 0) {
        parent[root(b)] = root(found.cluster);
        merged = true;
      }
      index.add(index.newCluster(), centroid, 0);
    });
    if (!merged) return current;
    const groups = new Map<number, number[]>();
    current.forEach((members, i) => {
      const r = root(i);
      const group = groups.get(r);
      if (group) group.push(...members);
      else groups.set(r, [...members]);
    });
    current = [...groups.values()].map((members) => members.sort((x, y) => x - y)).sort((x, y) => x[0] - y[0]);
  }
}

/** One k-means step with the clusters fixed: every vector goes to its most similar centroid, if similar enough. */
function reassign(clusters: readonly number[][], vectors: readonly IndexedVector[], termCount: number, threshold: number): number[][] {
  const index = new CentroidIndex(termCount, clusters.length);
  for (const members of clusters) index.add(index.newCluster(), unitCentroid(members, vectors), 0);
  const next: number[][] = clusters.map(() => []);
  vectors.forEach((v, i) => {
    if (v.ids.length === 0) return;
    const { cluster } = index.best(v, threshold);
    if (cluster >= 0) next[cluster].push(i);
  });
  return next.filter((members) => members.length > 0);
}

function assignmentOf(clusters: readonly number[][], count: number): Int32Array {
  const assignment = new Int32Array(count).fill(-1);
  clusters.forEach((members, c) => {
    for (const i of members) assignment[i] = c;
  });
  return assignment;
}

function describe(
  memberIndexes: readonly number[],
  documents: readonly TextDocument[],
  analysed: readonly (readonly Term[])[],
  vectors: readonly IndexedVector[],
  keys: readonly string[],
): ClusterProposal {
  const observationIds = memberIndexes.map((i) => documents[i].id).sort(byCodeUnits);
  const centroid = unitCentroid(memberIndexes, vectors);
  const weightOf = new Map<number, number>();
  for (let k = 0; k < centroid.ids.length; k++) weightOf.set(centroid.ids[k], centroid.weights[k]);
  let cohesion = 0;
  for (const i of memberIndexes) {
    const v = vectors[i];
    let dot = 0;
    for (let k = 0; k < v.ids.length; k++) dot += v.weights[k] * (weightOf.get(v.ids[k]) ?? 0);
    cohesion += dot;
  }
  cohesion = Math.min(1, cohesion / memberIndexes.length);

  // Representative terms: heaviest in the centroid, held by at least two members, shown as the
  // lemma the members use most for that key.
  const membersHolding = new Map<number, number>();
  const labels = new Map<string, Map<string, number>>();
  for (const i of memberIndexes) {
    for (const id of vectors[i].ids) membersHolding.set(id, (membersHolding.get(id) ?? 0) + 1);
    for (const term of analysed[i]) {
      let counts = labels.get(term.key);
      if (!counts) labels.set(term.key, (counts = new Map()));
      counts.set(term.label, (counts.get(term.label) ?? 0) + 1);
    }
  }
  const ranked = [...weightOf]
    .filter(([id]) => (membersHolding.get(id) ?? 0) >= 2)
    .sort((a, b) => b[1] - a[1] || byCodeUnits(keys[a[0]], keys[b[0]]))
    .slice(0, REPRESENTATIVE_TERMS)
    .map(([id]) => mostUsedLabel(labels.get(keys[id])) ?? keys[id]);

  return { key: clusterKey(observationIds), observationIds, terms: ranked, cohesion };
}

function mostUsedLabel(counts: ReadonlyMap<string, number> | undefined): string | undefined {
  if (!counts) return undefined;
  let best: string | undefined;
  let bestCount = 0;
  for (const [label, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && label < best)) {
      best = label;
      bestCount = count;
    }
  }
  return best;
}

/** A stable key for a set of members: the first 32 hex digits of SHA-256 over the sorted ids. */
export function clusterKey(observationIds: readonly string[]): string {
  const hash = createHash('sha256');
  for (const id of [...observationIds].sort(byCodeUnits)) hash.update(id, 'utf8').update('\u0000');
  return `cluster-${hash.digest('hex').slice(0, 32)}`;
}

function jaccard(members: readonly string[], other: ReadonlySet<string>): number {
  if (members.length === 0 && other.size === 0) return 0;
  let shared = 0;
  for (const id of members) if (other.has(id)) shared++;
  return shared / (members.length + other.size - shared);
}
