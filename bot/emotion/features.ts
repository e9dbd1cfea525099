/**
 * Sparse binary features for complaint detection. Character 1–3 grams carry most of the signal in short
 * Chinese reviews and survive segmentation mistakes; words and word pairs add negation and phrase context
 * ("不 好吃" vs "好吃"); lexicon cues and punctuation carry tone that normalization would otherwise erase.
 */
import { normalizeText, tokenize } from '../text/normalize.ts';
import { findComplaintCues } from './lexicon.ts';

/** Which feature families to extract; all on by default. Exposed so the eval CLI can measure each. */
export interface FeatureOptions {
  /** Longest character n-gram. @defaultValue 3 */
  maxCharGram?: number;
  /** Word unigrams and bigrams from the shared tokenizer. @defaultValue true */
  words?: boolean;
  /** Lexicon cues as features. @defaultValue true */
  cues?: boolean;
}

/** The distinct feature names of one text (binary presence; order is irrelevant). */
export function complaintFeatures(text: string, options: FeatureOptions = {}): string[] {
  const maxGram = options.maxCharGram ?? 3;
  const features = new Set<string>();
  const chars = Array.from(` ${normalizeText(text)} `);
  for (let n = 1; n <= maxGram; n++) {
    for (let i = 0; i + n <= chars.length; i++) {
      const gram = chars.slice(i, i + n).join('');
      if (gram.trim() !== '') features.add(`c:${gram}`);
    }
  }
  if (options.words ?? true) {
    const words = tokenize(text);
    for (let i = 0; i < words.length; i++) {
      features.add(`w:${words[i]}`);
      if (i + 1 < words.length) features.add(`b:${words[i]} ${words[i + 1]}`);
    }
  }
  if (options.cues ?? true) for (const cue of findComplaintCues(text)) features.add(`cue:${cue}`);
  if (/[!！]/.test(text)) features.add('p:!');
  if (/[?？]/.test(text)) features.add('p:?');
  return [...features];
}
