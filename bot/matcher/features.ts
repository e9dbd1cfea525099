/**
 * Turns a text into hashed feature ids: word 1–2 grams (jieba words for Chinese) and character n-grams
 * inside word boundaries. Character n-grams are what makes the matcher robust to typos and to
 * segmentation differences; word n-grams carry the meaning when spelling is right.
 */
import { normalizeText, tokenize } from '../text/normalize.ts';
import { fnv1a } from './hashing.ts';

/** Which features to extract; the defaults were chosen by cross-validation (see bot/eval/README.md). */
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
}

export const defaultFeatureOptions: FeatureOptions = {
  wordMaxN: 2,
  charMinN: 2,
  charMaxN: 5,
  hanUnigrams: true,
  hanMaxN: 1,
};

/** Hashed features of one text, split in two blocks so each block can be weighted and normalized alone. */
export interface TextFeatures {
  /** The normalized words the word block was built from (kept for spelling correction). */
  tokens: string[];
  words: number[];
  chars: number[];
}

/** Hashed word 1..`maxN`-grams of a token sequence. */
export function wordGrams(tokens: readonly string[], maxN: number): number[] {
  const words: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let gram = 'w';
    for (let n = 0; n < maxN && i + n < tokens.length; n++) {
      gram += ' ' + tokens[i + n];
      words.push(fnv1a(gram));
    }
  }
  return words;
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
  for (const word of normalizeText(text).split(' ')) {
    for (const [run] of word.matchAll(SCRIPT_RUN)) {
      const han = HAN.test(run);
      pushCharGrams(run, options.charMinN, han ? Math.min(options.charMaxN, options.hanMaxN) : options.charMaxN, chars);
      if (han && options.hanUnigrams) for (const ch of run) chars.push(fnv1a('c' + ch));
    }
  }
  return { tokens, words, chars };
}
