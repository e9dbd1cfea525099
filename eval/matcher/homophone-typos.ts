/**
 * Homophone typos, the mistakes of pinyin input methods: a Chinese character replaced by another one read
 * the same way (toneless), "付款" → "付宽". `--homophone-typos N` asks every test question with N of them,
 * so the evaluation shows how the matcher copes with the way customers really type Chinese.
 */
import { pinyin } from 'pinyin-pro';
import type { TrainMatcher } from '../../bot/matcher/index.ts';
import { seededRandom } from '../../bot/random.ts';

const HAN = /\p{Script=Han}/u;
const soundOf = (character: string): string => pinyin(character, { toneType: 'none' });

/**
 * A function giving each text `typos` homophone typos, drawn from the characters of `corpus` (so every
 * replacement is a real character of the domain) reproducibly; the same text always gets the same typos.
 */
export function homophoneTypos(corpus: readonly string[], typos: number, seed: number): (text: string) => string {
  const bySound = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const text of corpus) {
    for (const character of text) {
      if (!HAN.test(character) || seen.has(character)) continue;
      seen.add(character);
      const sound = soundOf(character);
      bySound.set(sound, [...(bySound.get(sound) ?? []), character]);
    }
  }
  const homophonesOf = (character: string): string[] => (bySound.get(soundOf(character)) ?? []).filter((other) => other !== character);
  const cache = new Map<string, string>();
  const random = seededRandom(seed);
  return (text) => {
    const cached = cache.get(text);
    if (cached !== undefined) return cached;
    const characters = [...text];
    for (let t = 0; t < typos; t++) {
      const positions = characters.flatMap((character, i) => (homophonesOf(character).length > 0 ? [i] : []));
      if (positions.length === 0) break;
      const at = positions[Math.floor(random() * positions.length)]!;
      const choices = homophonesOf(characters[at]!);
      characters[at] = choices[Math.floor(random() * choices.length)]!;
    }
    const typed = characters.join('');
    cache.set(text, typed);
    return typed;
  };
}

/** A trainer whose matchers see every question through `typed`: trained on clean phrasings, asked with typos. */
export function askedWithTypos(train: TrainMatcher, typed: (text: string) => string): TrainMatcher {
  return (entries) => {
    const matcher = train(entries);
    return { size: matcher.size, match: (text, limit) => matcher.match(typed(text), limit) };
  };
}
