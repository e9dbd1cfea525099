/**
 * Similarity scoring against the FAQ phrasings themselves: for each FAQ, the cosine similarity of the
 * question to its closest phrasing and to the FAQ's centroid. It needs no training passes, so it scales to
 * thousands of FAQs, and it knows how far a question is from anything the FAQ says — the classifier's
 * probabilities cannot tell "far from everything" apart from "close to this one".
 */
import type { SparseVector } from '../numeric/sparse-vector.ts';

export interface RetrievalModel {
  /** Unit-length mean of each class's phrasing vectors. */
  readonly centroids: readonly SparseVector[];
  /** The model as plain data (bot/training/ sends it between threads). */
  readonly state: RetrievalState;
  /**
   * Fills `nearest[c]` with the best phrasing cosine and `centroid[c]` with the centroid cosine of class c,
   * and returns the classes that share a feature with `x` (valid until the next call): every other class
   * scores exactly 0 on both.
   */
  score(x: SparseVector, nearest: Float64Array, centroid: Float64Array): Candidates;
}

/**
 * The classes a question shares at least one feature with. At 10,000 FAQs they were under half of them, and
 * the rest all score the same, so the matcher ranks these and counts the others once (combiner.ts).
 */
export interface Candidates {
  /** Class indices, each once, in no particular order. */
  readonly classes: Int32Array;
  /** `has[c]` is 1 when class c is in `classes`; its length is the number of classes. */
  readonly has: Uint8Array;
}

/** A retrieval model as plain data. */
export interface RetrievalState {
  docPostings: Postings;
  centroidPostings: Postings;
  centroids: SparseVector[];
  /** Class of each phrasing. */
  labels: Int32Array;
}

/**
 * Features in more than this share of the phrasings (and more than COMMON_FEATURE_MIN of them) are left
 * out of the nearest-phrasing scan: "the", "me", the character n-grams of "how do i". Their idf is the
 * lowest, so they barely move which phrasing is nearest, but their postings are the longest: scanning them
 * was most of a match's time. They still count in every vector's length and in the centroids. Measured
 * (5-fold, words alone; all features → without common ones): HWU64 88.93 → 88.91%, BANKING77 90.63 →
 * 90.52%, SMP2017 89.47 → 89.60%; match p50 on HWU64 0.47 → 0.19 ms.
 */
const COMMON_FEATURE_SHARE = 0.1;
/** A small FAQ keeps all its features: there a word in a tenth of the phrasings names a topic. */
const COMMON_FEATURE_MIN = 100;

/** Builds inverted indices over the phrasing vectors and the per-class centroids. */
export function buildRetrieval(xs: readonly SparseVector[], ys: readonly number[], classes: number): RetrievalModel {
  const docPostings = invert(xs, Math.max(COMMON_FEATURE_MIN, Math.floor(COMMON_FEATURE_SHARE * xs.length)));
  const sums = Array.from({ length: classes }, () => new Map<number, number>());
  xs.forEach((x, i) => {
    const sum = sums[ys[i]!]!;
    for (let k = 0; k < x.indices.length; k++) sum.set(x.indices[k]!, (sum.get(x.indices[k]!) ?? 0) + x.values[k]!);
  });
  const centroids = sums.map((sum) => {
    let norm = 0;
    for (const v of sum.values()) norm += v * v;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const indices = Int32Array.from(sum.keys());
    return { indices, values: Float32Array.from(indices, (index) => (sum.get(index) ?? 0) * scale) };
  });
  return retrievalFromState({ docPostings, centroidPostings: invert(centroids), centroids, labels: Int32Array.from(ys) });
}

/** The retrieval model a state describes. */
export function retrievalFromState(state: RetrievalState): RetrievalModel {
  const { docPostings, centroidPostings, centroids, labels } = state;
  // Only the phrasings and classes a question reaches are read and reset: scanning every phrasing for
  // its class's best was most of a match's time at 10,000 FAQs.
  const docs = touchedSet(labels.length);
  const classes = touchedSet(centroids.length);
  return {
    centroids,
    state,
    score(x, nearest, centroid) {
      const docScores = docs.scores;
      const docCount = accumulate(x, docPostings, docs);
      nearest.fill(0);
      for (let i = 0; i < docCount; i++) {
        const d = docs.list[i]!;
        const label = labels[d]!;
        if (docScores[d]! > nearest[label]!) nearest[label] = docScores[d]!;
      }
      const classCount = accumulate(x, centroidPostings, classes);
      centroid.fill(0);
      for (let i = 0; i < classCount; i++) centroid[classes.list[i]!] = classes.scores[classes.list[i]!]!;
      return { classes: classes.list.subarray(0, classCount), has: classes.has };
    },
  };
}

/** Scores of the items a question reaches, which of them it reached, and in what order. */
interface TouchedSet {
  scores: Float64Array;
  has: Uint8Array;
  list: Int32Array;
  /** How many entries of `list` the last question left (cleared by the next). */
  count: number;
}

function touchedSet(size: number): TouchedSet {
  return { scores: new Float64Array(size), has: new Uint8Array(size), list: new Int32Array(size), count: 0 };
}

export interface Postings {
  /** For feature f, entries start[f] .. start[f + 1] of `docs` / `weights`. */
  start: Int32Array;
  docs: Int32Array;
  weights: Float32Array;
}

/**
 * Feature → (document, value) lists in compressed-row form: compact and fast to scan. Features in more
 * than `maxDocuments` vectors get an empty list.
 */
function invert(vectors: readonly SparseVector[], maxDocuments = Number.POSITIVE_INFINITY): Postings {
  let dimension = 0;
  for (const v of vectors) for (const index of v.indices) if (index + 1 > dimension) dimension = index + 1;
  const documents = new Int32Array(dimension);
  for (const v of vectors) for (const index of v.indices) documents[index]!++;
  const kept = (index: number): boolean => documents[index]! <= maxDocuments;
  const start = new Int32Array(dimension + 1);
  for (let f = 0; f < dimension; f++) start[f + 1] = start[f]! + (kept(f) ? documents[f]! : 0);
  const fill = start.slice(0, dimension);
  const docs = new Int32Array(start[dimension]!);
  const weights = new Float32Array(start[dimension]!);
  vectors.forEach((v, d) => {
    for (let k = 0; k < v.indices.length; k++) {
      if (!kept(v.indices[k]!)) continue;
      const at = fill[v.indices[k]!]!++;
      docs[at] = d;
      weights[at] = v.values[k]!;
    }
  });
  return { start, docs, weights };
}

/** Sums `x`'s postings into `touched` (cleared of the last question first); returns how many items it reached. */
function accumulate(x: SparseVector, postings: Postings, touched: TouchedSet): number {
  const { scores, has, list } = touched;
  for (let i = 0; i < touched.count; i++) {
    scores[list[i]!] = 0;
    has[list[i]!] = 0;
  }
  let count = 0;
  const { start, docs, weights } = postings;
  const dimension = start.length - 1;
  for (let k = 0; k < x.indices.length; k++) {
    const f = x.indices[k]!;
    if (f >= dimension) continue;
    const value = x.values[k]!;
    for (let p = start[f]!; p < start[f + 1]!; p++) {
      const d = docs[p]!;
      if (has[d] === 0) {
        has[d] = 1;
        list[count++] = d;
      }
      scores[d]! += value * weights[p]!;
    }
  }
  touched.count = count;
  return count;
}
