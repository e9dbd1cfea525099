/** Dense sentence vectors (the matcher, the sentence encoders): unit length, so a dot product is their cosine. */

/** Scales a vector to unit length in place (all-zero vectors stay zero). */
export function normalizeInPlace(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const v of vector) norm += v * v;
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < vector.length; i++) vector[i] = vector[i]! * scale;
  }
  return vector;
}

/** Σ a[offset + k] · x[k] for k < length, four at a time (the engine does not vectorize this by itself). */
export function dotAt(a: Float32Array, offset: number, x: Float32Array, length: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let k = 0;
  for (; k + 3 < length; k += 4) {
    s0 += a[offset + k]! * x[k]!;
    s1 += a[offset + k + 1]! * x[k + 1]!;
    s2 += a[offset + k + 2]! * x[k + 2]!;
    s3 += a[offset + k + 3]! * x[k + 3]!;
  }
  for (; k < length; k++) s0 += a[offset + k]! * x[k]!;
  return s0 + s1 + s2 + s3;
}
