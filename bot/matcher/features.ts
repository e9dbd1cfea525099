/**
 * Turns a text into hashed feature ids: word 1–2 grams (jieba words for Chinese), character n-grams
 * inside word boundaries, and the pinyin of Chinese text. Character n-grams are what makes the matcher
 * robust to typos and to segmentation differences, pinyin to homophone typos; word n-grams carry the
 * meaning when spelling is right.
 */
import { normalizeText, tokenize } from '../text/normalize.ts';
import { fnv1a } from './hashing.ts';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let pinyinOf: typeof import('pinyin-pro').pinyin | undefined;

/** Toneless pinyin syllables of a Han run. pinyin-pro's tables (about 20 MB) load on first use, as jieba's do. */
function syllables(run: string): string[] {
  pinyinOf ??= (require('pinyin-pro') as typeof import('pinyin-pro')).pinyin;
  return pinyinOf(run, { toneType: 'none', type: 'array' });
}

/** Which features to extract; the defaults were chosen by cross-validation (see eval/README.md). */
export interface FeatureOptions {
  /** Largest word n-gram (1 = unigrams only). @defaultValue 2 */
  wordMaxN: number;
  /** Character n-gram range inside padded words. @defaultValue [2, 5] */
  charMinN: number;
  charMaxN: number;
  /** Also emit single Han characters: one Chinese character is often a whole word. @defaultValue true */
  hanUnigrams: boolean;
  /**
   * Largest character n-gram inside a run of Chinese characters. Chinese runs are whole clauses (no spaces),
   * so their n-grams are clause fragments that rarely recur and only dilute the similarity; jieba words and
   * single characters carry them better (SMP2017: 86.6% with 2–5-grams, 89.3% with none). @defaultValue 1
   */
  hanMaxN: number;
  /**
   * Toneless pinyin syllable 1..n-grams of Chinese runs, a block of their own (`sounds`): customers type
   * with pinyin input methods, whose typos are homophones ("付宽" for 付款). SMP2017 (`--homophone-typos`)
   * with one typo per question 84.43% → 86.69%, two 80.08% → 84.78%; clean 89.60% either way
   * (eval/README.md). 0: none. @defaultValue 1 (syllable bigrams too: clean 89.82%, but coverage at 98%
   * precision −0.7 points)
   */
  hanPinyinMaxN: number;
}

export const defaultFeatureOptions: FeatureOptions = {
  wordMaxN: 2,
  charMinN: 2,
  charMaxN: 5,
  hanUnigrams: true,
  hanMaxN: 1,
  hanPinyinMaxN: 1,
};

/** Hashed features of one text, split in two blocks so each block can be weighted and normalized alone. */
export interface TextFeatures {
  /** The normalized words the word block was built from (kept for spelling correction). */
  tokens: string[];
  words: HashList;
  chars: HashList;
  /** Pinyin syllable n-grams of the Chinese runs; empty for other text. */
  sounds: HashList;
}

/** Feature hashes: arrays where extracted, views of one packed buffer where another thread sent them (bot/training/). */
export type HashList = readonly number[] | Uint32Array;

/** Hashed word 1..`maxN`-grams of a token sequence. */
export function wordGrams(tokens: readonly string[], maxN: number): number[] {
  const words: number[] = [];
  pushGrams(tokens, maxN, 'w', words);
  return words;
}

/** Appends hashed 1..`maxN`-grams of `items` to `out`; `kind` keeps word and pinyin grams apart. */
function pushGrams(items: readonly string[], maxN: number, kind: string, out: number[]): void {
  for (let i = 0; i < items.length; i++) {
    let gram = kind;
    for (let n = 0; n < maxN && i + n < items.length; n++) {
      gram += ' ' + items[i + n];
      out.push(fnv1a(gram));
    }
  }
}

const HAN = /\p{Script=Han}/u;
/** Runs of Han characters or of anything else: "refund多久到账" → "refund", "多久到账". */
const SCRIPT_RUN = /\p{Script=Han}+|[^\p{Script=Han}]+/gu;

/** Character n-grams of one padded run, `minN`..`maxN` long. */
function pushCharGrams(run: string, minN: number, maxN: number, out: number[]): void {
  const padded = ' ' + run + ' ';
  for (let n = minN; n <= maxN; n++) {
    for (let i = 0; i + n <= padded.length; i++) out.push(fnv1a('c' + padded.slice(i, i + n)));
  }
}

/** Extracts the hashed word and character features of `text` (duplicates kept: they are term counts). */
export function extractFeatures(text: string, options: FeatureOptions = defaultFeatureOptions): TextFeatures {
  const tokens = tokenize(text);
  const words = wordGrams(tokens, options.wordMaxN);
  const chars: number[] = [];
  const sounds: number[] = [];
  for (const word of normalizeText(text).split(' ')) {
    for (const [run] of word.matchAll(SCRIPT_RUN)) {
      const han = HAN.test(run);
      pushCharGrams(run, options.charMinN, han ? Math.min(options.charMaxN, options.hanMaxN) : options.charMaxN, chars);
      if (han && options.hanUnigrams) for (const ch of run) chars.push(fnv1a('c' + ch));
      if (han && options.hanPinyinMaxN > 0) pushGrams(syllables(run), options.hanPinyinMaxN, 'p', sounds);
    }
  }
  return { tokens, words, chars, sounds };
}
