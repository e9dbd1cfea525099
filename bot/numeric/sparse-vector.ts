/**
 * Sparse feature vectors. Texts are short (a few dozen active features out of tens of thousands), so the
 * matcher's models and the complaint detector work on (index, value) pairs instead of dense arrays.
 */

/** Parallel arrays of feature indices and their values (the matcher's vectorizer emits the indices ascending and unique). */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}
