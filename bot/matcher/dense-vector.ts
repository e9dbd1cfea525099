/** Dense sentence vectors inside the matcher are unit length, so a dot product is their cosine. */

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
