/**
 * Sparse feature vectors. Texts are short (a few dozen active features out of tens of thousands), so every
 * model in the matcher works on (index, value) pairs instead of dense arrays.
 */

/** Parallel arrays of feature indices (ascending, unique) and their values. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}
