/**
 * Spelling correction against the FAQ's own vocabulary. A Latin word the FAQ never uses ("pakage",
 * "deliverd", "refnd") is replaced by the closest word it does use, within one edit for short words and two
 * for longer ones, so word features match despite typos and inflections. Words with no close FAQ word stay
 * as they are and keep counting as unknown, which is what lets off-topic questions score low.
 * Lookup is SymSpell-style: known words are indexed with their one-character deletions, so a query needs
 * only its own deletions looked up, not a scan of the vocabulary.
 */

/** Maps a token to a known word, or returns it unchanged. */
export type Corrector = (token: string) => string;

/** Only plain Latin words this long are corrected: shorter ones are too ambiguous ("an" → "on"?). */
const MIN_LENGTH = 4;
const CORRECTABLE = /^[a-z]+$/;
/**
 * Longer tokens are left as they are: the two-deletion variants grow with the cube of the length (a
 * 32,000-letter token exhausted the heap), and no FAQ word is that long, so nothing would be found anyway.
 */
const MAX_LENGTH = 30;

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** Largest edit distance accepted for a word of this length. */
function allowedDistance(length: number): number {
  return length >= 7 ? 2 : 1;
}

/**
 * Builds a corrector from the known words with their frequencies (ties go to the more frequent word).
 * Known words are returned unchanged; so are words with no known word close enough.
 */
export function buildCorrector(frequencies: ReadonlyMap<string, number>): Corrector {
  const index = new Map<string, string[]>();
  const add = (key: string, word: string): void => {
    const words = index.get(key);
    if (!words) index.set(key, [word]);
    else if (!words.includes(word)) words.push(word);
  };
  for (const word of frequencies.keys()) {
    if (word.length < MIN_LENGTH - 1 || !CORRECTABLE.test(word)) continue;
    add(word, word);
    for (const variant of deletions(word)) add(variant, word);
  }
  const cache = new Map<string, string>();
  return (token) => {
    if (frequencies.has(token) || token.length < MIN_LENGTH || token.length > MAX_LENGTH || !CORRECTABLE.test(token)) return token;
    const cached = cache.get(token);
    if (cached !== undefined) return cached;
    const limit = allowedDistance(token.length);
    const variants = new Set([token, ...deletions(token)]);
    if (limit > 1) for (const variant of [...variants]) for (const shorter of deletions(variant)) variants.add(shorter);
    let best = token;
    let bestDistance = limit + 1;
    for (const variant of variants) {
      for (const word of index.get(variant) ?? []) {
        const distance = editDistance(token, word);
        const better = distance < bestDistance || (distance === bestDistance && frequencies.get(word)! > frequencies.get(best)!);
        if (distance <= limit && better) {
          best = word;
          bestDistance = distance;
        }
      }
    }
    if (cache.size < 10_000) cache.set(token, best);
    return best;
  };
}
