/**
 * Similarity scoring against the FAQ phrasings themselves: for each FAQ, the cosine similarity of the
 * question to its closest phrasing and to the FAQ's centroid. It needs no training passes, so it scales to
 * thousands of FAQs, and it knows how far a question is from anything the FAQ says — the classifier's
 * probabilities cannot tell "far from everything" apart from "close to this one".
 */
import type { SparseVector } from '../numeric/sparse-vector.ts';
import { groupFeatures, type FeatureGroups } from './feature-groups.ts';

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
  /** The postings are kept per group of features with proportional weights (feature-groups.ts). */
  groups: FeatureGroups;
  docPostings: Postings;
  /**
   * Centroid postings of the groups left out of `docPostings` only: a centroid is its phrasings' sum
   * scaled to unit length, so the rest of a centroid's cosine is `centroidScale` times the sum of its
   * phrasings' scores, which the nearest-phrasing scan has already found.
   */
  commonCentroidPostings: Postings;
  /** 1 / the length of each class's sum of phrasing vectors. */
  centroidScale: Float64Array;
  centroids: SparseVector[];
  /**
   * The phrasings are numbered class by class: class c's are classStart[c] .. classStart[c + 1], so its
   * nearest phrasing and its sum are one pass over neighbouring slots.
   */
  classStart: Int32Array;
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
export function buildRetrieval(unordered: readonly SparseVector[], ys: readonly number[], classes: number): RetrievalModel {
  const { xs, classStart } = byClass(unordered, ys, classes);
  let dimension = 0;
  for (const x of xs) for (const index of x.indices) if (index + 1 > dimension) dimension = index + 1;
  const groups = groupFeatures(xs, dimension);
  const maxDocuments = Math.max(COMMON_FEATURE_MIN, Math.floor(COMMON_FEATURE_SHARE * xs.length));
  const docPostings = invert(xs, groups, (documents) => documents <= maxDocuments);
  const sums = Array.from({ length: classes }, (_, c) => {
    const sum = new Map<number, number>();
    for (let d = classStart[c]!; d < classStart[c + 1]!; d++) {
      const x = xs[d]!;
      for (let k = 0; k < x.indices.length; k++) sum.set(x.indices[k]!, (sum.get(x.indices[k]!) ?? 0) + x.values[k]!);
    }
    return sum;
  });
  const centroidScale = Float64Array.from(sums, (sum) => {
    let norm = 0;
    for (const v of sum.values()) norm += v * v;
    return norm > 0 ? 1 / Math.sqrt(norm) : 0;
  });
  const centroids = sums.map((sum, c) => {
    const indices = Int32Array.from(sum.keys());
    return { indices, values: Float32Array.from(indices, (index) => (sum.get(index) ?? 0) * centroidScale[c]!) };
  });
  const commonCentroidPostings = invert(centroids, groups, (_, g) => docPostings.start[g + 1] === docPostings.start[g]);
  return retrievalFromState({ groups, docPostings, commonCentroidPostings, centroidScale, centroids, classStart });
}

/** The phrasings reordered class by class (stably), and where each class's phrasings start. */
function byClass(xs: readonly SparseVector[], ys: readonly number[], classes: number): { xs: SparseVector[]; classStart: Int32Array } {
  const classStart = new Int32Array(classes + 1);
  for (const y of ys) classStart[y + 1]!++;
  for (let c = 0; c < classes; c++) classStart[c + 1]! += classStart[c]!;
  const next = classStart.slice(0, classes);
  const ordered = new Array<SparseVector>(xs.length);
  xs.forEach((x, i) => (ordered[next[ys[i]!]!++] = x));
  return { xs: ordered, classStart };
}

/** The retrieval model a state describes. */
export function retrievalFromState(state: RetrievalState): RetrievalModel {
  const { groups, docPostings, commonCentroidPostings, centroidScale, centroids, classStart } = state;
  const question = touchedSet(groups.heads.length);
  // Every phrasing's score is read once per question, in class order: at 10,000 FAQs a question reached
  // half of them, and keeping a list of those cost more than the plain pass.
  const docScores = new Float64Array(classStart[classStart.length - 1]!);
  const commonScores = new Float64Array(centroids.length);
  const reached = { has: new Uint8Array(centroids.length), list: new Int32Array(centroids.length), count: 0 };
  return {
    centroids,
    state,
    score(x, nearest, centroid) {
      inGroups(x, groups, question);
      addPostings(question, docPostings, docScores);
      addPostings(question, commonCentroidPostings, commonScores);
      perClass({ docScores, commonScores }, classStart, centroidScale, { nearest, centroid }, reached);
      return { classes: reached.list.subarray(0, reached.count), has: reached.has };
    },
  };
}

/** The classes a question reaches, in class order. */
interface ReachedClasses {
  /** 1 for the classes in `list`. */
  has: Uint8Array;
  list: Int32Array;
  count: number;
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
 * Group → (document, value) lists in compressed-row form: compact and fast to scan. A group's value in a
 * vector is its first feature's (the others are in proportion). Groups not `kept` (given how many vectors
 * have them) get an empty list.
 */
function invert(vectors: readonly SparseVector[], { group, heads }: FeatureGroups, kept: (documents: number, group: number) => boolean): Postings {
  const dimension = heads.length;
  const documents = new Int32Array(dimension);
  const headOf = (f: number): number => (heads[group[f]!] === f ? group[f]! : -1);
  for (const v of vectors) for (const index of v.indices) if (headOf(index) >= 0) documents[group[index]!]!++;
  const keep = Uint8Array.from(documents, (count, g) => (kept(count, g) ? 1 : 0));
  const start = new Int32Array(dimension + 1);
  for (let g = 0; g < dimension; g++) start[g + 1] = start[g]! + (keep[g] === 1 ? documents[g]! : 0);
  const fill = start.slice(0, dimension);
  const docs = new Int32Array(start[dimension]!);
  const weights = new Float32Array(start[dimension]!);
  vectors.forEach((v, d) => {
    for (let k = 0; k < v.indices.length; k++) {
      const g = headOf(v.indices[k]!);
      if (g < 0 || keep[g] === 0) continue;
      const at = fill[g]!++;
      docs[at] = d;
      weights[at] = v.values[k]!;
    }
  });
  return { start, docs, weights };
}

/** Clears what the last question left in `touched`. */
function clear(touched: TouchedSet): void {
  const { scores, has, list } = touched;
  for (let i = 0; i < touched.count; i++) {
    scores[list[i]!] = 0;
    has[list[i]!] = 0;
  }
  touched.count = 0;
}

/** The question's weight on each group it has a feature of, into `out`. */
function inGroups(x: SparseVector, { group, ratio }: FeatureGroups, out: TouchedSet): void {
  clear(out);
  const { scores, has, list } = out;
  for (let k = 0; k < x.indices.length; k++) {
    const f = x.indices[k]!;
    // A feature the retrieval never saw (the vectorizer's vocabulary can be larger) has no postings.
    if (f >= group.length) continue;
    const g = group[f]!;
    if (has[g] === 0) {
      has[g] = 1;
      list[out.count++] = g;
    }
    scores[g]! += x.values[k]! * ratio[f]!;
  }
}

/**
 * Each class's best phrasing score, and its centroid cosine from the phrasings' sum and the common
 * groups' centroid postings; resets both score arrays for the next question and lists the classes reached.
 */
function perClass(
  { docScores, commonScores }: { docScores: Float64Array; commonScores: Float64Array },
  classStart: Int32Array,
  centroidScale: Float64Array,
  { nearest, centroid }: { nearest: Float64Array; centroid: Float64Array },
  reached: ReachedClasses,
): void {
  const { has, list } = reached;
  let count = 0;
  for (let c = 0; c + 1 < classStart.length; c++) {
    let best = 0;
    let sum = 0;
    for (let d = classStart[c]!, end = classStart[c + 1]!; d < end; d++) {
      const score = docScores[d]!;
      docScores[d] = 0;
      if (score > best) best = score;
      sum += score;
    }
    const common = commonScores[c]!;
    commonScores[c] = 0;
    nearest[c] = best;
    centroid[c] = sum * centroidScale[c]! + common;
    // Scores are sums of positive weights: 0 means the class shares no feature with the question.
    const hit = sum + common > 0 ? 1 : 0;
    has[c] = hit;
    list[count] = c;
    count += hit;
  }
  reached.count = count;
}

/** Adds the question's postings to `scores`. */
function addPostings(question: TouchedSet, { start, docs, weights }: Postings, scores: Float64Array): void {
  const dimension = start.length - 1;
  for (let i = 0; i < question.count; i++) {
    const g = question.list[i]!;
    if (g >= dimension) continue;
    const value = question.scores[g]!;
    for (let p = start[g]!, end = start[g + 1]!; p < end; p++) scores[docs[p]!]! += value * weights[p]!;
  }
}
