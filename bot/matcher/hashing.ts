/**
 * 32-bit FNV-1a string hash. Feature strings (word and character n-grams) are hashed to numbers so the
 * vocabulary is a Map<number, number>, which is smaller and faster than a Map keyed by strings.
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
