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
}

export const defaultFeatureOptions: FeatureOptions = { wordMaxN: 2, charMinN: 2, charMaxN: 5, hanUnigrams: true };

/** Hashed features of one text, split in two blocks so each block can be weighted and normalized alone. */
export interface TextFeatures {
  words: number[];
  chars: number[];
}

const HAN = /\p{Script=Han}/u;

/** Extracts the hashed word and character features of `text` (duplicates kept: they are term counts). */
export function extractFeatures(text: string, options: FeatureOptions = defaultFeatureOptions): TextFeatures {
  const tokens = tokenize(text);
  const words: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let gram = 'w';
    for (let n = 0; n < options.wordMaxN && i + n < tokens.length; n++) {
      gram += ' ' + tokens[i + n];
      words.push(fnv1a(gram));
    }
  }
  const chars: number[] = [];
  for (const word of normalizeText(text).split(' ')) {
    if (word === '') continue;
    const padded = ' ' + word + ' ';
    for (let n = options.charMinN; n <= options.charMaxN; n++) {
      for (let i = 0; i + n <= padded.length; i++) chars.push(fnv1a('c' + padded.slice(i, i + n)));
    }
    if (options.hanUnigrams) {
      for (const ch of word) if (HAN.test(ch)) chars.push(fnv1a('c' + ch));
    }
  }
  return { words, chars };
}
