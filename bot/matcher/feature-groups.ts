/**
 * Features that occur in exactly the same phrasings, with weights in the same proportion in each, share
 * one postings list: the character n-grams of one word, the words and n-grams of a filler phrase ("how do
 * i"), everything a single phrasing alone has. Their postings were most of what a question scans at 10,000
 * FAQs, each a copy of the others up to a factor. A feature's weight is its group's times `ratio[f]`, equal
 * to float32 rounding (`TOLERANCE`), so scores move by about 1e-7 of themselves; a question's weight on a
 * group is the sum of its features' weights times their ratios.
 */
import type { SparseVector } from '../numeric/sparse-vector.ts';

export interface FeatureGroups {
  /** Group of each feature; groups are numbered in the order of their first features. */
  group: Int32Array;
  /** Weight of each feature in a phrasing / weight of its group there. */
  ratio: Float64Array;
  /** The first feature of each group, whose weights are the group's. */
  heads: Int32Array;
}

/**
 * Largest relative difference between a feature's weight and its group's times its ratio: each float32 weight is
 * rounded once, and the ratio is taken in one phrasing and used in another, so up to four roundings of 2^-24.
 */
const TOLERANCE = 2 ** -22;

/**
 * Rounds of checking candidate groups: a candidate can mix, say, a word with its character n-grams (same
 * phrasings, but weights normalized per block, so out of proportion), and each round splits one more kind.
 */
const ROUNDS = 4;

/**
 * Groups the features of `vectors` (indices below `dimension`): candidates by a hash of the phrasings a
 * feature occurs in, then each member checked against its group's first feature in every phrasing. The
 * members that fail form a candidate group of their own for the next round; after the last, a feature
 * still failing is left alone.
 */
export function groupFeatures(vectors: readonly SparseVector[], dimension: number): FeatureGroups {
  const { first, documents } = candidateGroups(vectors, dimension);
  const ratio = new Float64Array(dimension);
  const pending = new Uint8Array(dimension);
  for (let f = 0; f < dimension; f++) pending[f] = first[f] === f ? 0 : 1;
  for (let round = 0; round < ROUNDS; round++) {
    const failed = check(vectors, { first, documents, ratio, pending });
    if (failed.length === 0) break;
    const nextHead = new Map<number, number>();
    for (const f of failed) {
      ratio[f] = 0;
      const head = nextHead.get(first[f]!);
      if (head === undefined) nextHead.set(first[f]!, f);
      first[f] = head ?? f;
      pending[f] = head === undefined || round === ROUNDS - 1 ? 0 : 1;
      if (round === ROUNDS - 1) first[f] = f;
    }
  }
  const group = new Int32Array(dimension);
  const heads: number[] = [];
  for (let f = 0; f < dimension; f++) {
    if (first[f] === f) {
      group[f] = heads.length;
      heads.push(f);
      ratio[f] = 1;
    } else group[f] = group[first[f]!]!;
  }
  return { group, ratio, heads: Int32Array.from(heads) };
}

interface Grouping {
  /** Each feature's group head (itself when alone). */
  first: Int32Array;
  /** Phrasings each feature occurs in. */
  documents: Int32Array;
  /** Each member's weight over its head's, set on the first phrasing checked. */
  ratio: Float64Array;
  /** 1 for the members not yet checked; cleared as they pass. */
  pending: Uint8Array;
}

/**
 * Checks the pending members against their heads in every phrasing: the head is there too (with the same
 * phrasing count, the same phrasings) and the weight is in proportion. Returns the failed ones, ascending.
 */
function check(vectors: readonly SparseVector[], { first, documents, ratio, pending }: Grouping): number[] {
  const dimension = first.length;
  const seenIn = new Int32Array(dimension).fill(-1);
  const weightIn = new Float64Array(dimension);
  const failed = new Uint8Array(dimension);
  for (let d = 0; d < vectors.length; d++) {
    const { indices, values } = vectors[d]!;
    for (let k = 0; k < indices.length; k++) {
      seenIn[indices[k]!] = d;
      weightIn[indices[k]!] = values[k]!;
    }
    for (let k = 0; k < indices.length; k++) {
      const f = indices[k]!;
      if (pending[f] === 0 || failed[f] === 1) continue;
      const head = first[f]!;
      if (seenIn[head] !== d || documents[f] !== documents[head]) {
        failed[f] = 1;
        continue;
      }
      if (ratio[f] === 0) ratio[f] = values[k]! / weightIn[head]!;
      if (Math.abs(values[k]! - ratio[f]! * weightIn[head]!) > TOLERANCE * values[k]!) failed[f] = 1;
    }
  }
  const out: number[] = [];
  for (let f = 0; f < dimension; f++) {
    if (failed[f] === 1) out.push(f);
    else pending[f] = 0;
  }
  return out;
}

/**
 * Each feature's candidate group, named by its first feature: features with the same number of phrasings
 * and the same hash of those phrasings. Verified by `groupFeatures`, so a collision costs sharing only.
 */
function candidateGroups(vectors: readonly SparseVector[], dimension: number): { first: Int32Array; documents: Int32Array } {
  const documents = new Int32Array(dimension);
  const hash = new Int32Array(dimension);
  for (let d = 0; d < vectors.length; d++) {
    const { indices } = vectors[d]!;
    for (let k = 0; k < indices.length; k++) {
      documents[indices[k]!]!++;
      hash[indices[k]!] = Math.imul(hash[indices[k]!]! ^ (d + 0x9e3779b9), 0x01000193);
    }
  }
  const firstOf = new Map<number, number>();
  const first = new Int32Array(dimension);
  for (let f = 0; f < dimension; f++) {
    // Count and hash in 30 bits, a small integer to the Map (much faster than a larger key): a collision
    // only makes a candidate group that the checks split.
    const key = (hash[f]! ^ Math.imul(documents[f]!, 0x9e3779b1)) & 0x3fffffff;
    const head = documents[f] === 0 ? f : firstOf.get(key);
    if (head === undefined) firstOf.set(key, f);
    first[f] = head ?? f;
  }
  return { first, documents };
}
