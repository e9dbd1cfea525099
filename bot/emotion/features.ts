/**
 * Sparse binary features for complaint detection. Character 1–3 grams carry most of the signal in short
 * Chinese reviews and survive segmentation mistakes; words and word pairs add negation and phrase context
 * ("不 好吃" vs "好吃"); lexicon cues and punctuation carry tone that normalization would otherwise erase.
 */
import { normalizeText, tokenize } from '../text/normalize.ts';
import { findCuesInNormalized } from './lexicon.ts';

/** Which feature families to extract; all on by default. Exposed so the eval CLI can measure each. */
export interface FeatureOptions {
  /** Longest character n-gram. @defaultValue 3 */
  maxCharGram?: number;
  /** Word unigrams and bigrams from the shared tokenizer. @defaultValue true */
  words?: boolean;
  /** Lexicon cues as features. @defaultValue true */
  cues?: boolean;
}

/**
 * A message with the costly, shared steps done once: normalization (OpenCC) and the lexicon scan. The
 * detector needs the cues both as features and in its answer, so computing them here halves the work.
 */
export interface AnalyzedMessage {
  text: string;
  normalized: string;
  cues: string[];
}

/** Normalizes a message and finds its lexicon cues. */
export function analyzeMessage(text: string): AnalyzedMessage {
  const normalized = normalizeText(text);
  return { text, normalized, cues: findCuesInNormalized(text, normalized) };
}

/** The distinct feature names of one text (binary presence; order is irrelevant). */
export function complaintFeatures(text: string, options: FeatureOptions = {}): string[] {
  return featuresOfMessage(analyzeMessage(text), options);
}

/** {@link complaintFeatures} for an already analyzed message. */
export function featuresOfMessage(message: AnalyzedMessage, options: FeatureOptions = {}): string[] {
  const features = new Set<string>();
  addCharGrams(features, message.normalized, options.maxCharGram ?? 3);
  if (options.words ?? true) {
    const words = tokenize(message.text);
    for (let i = 0; i < words.length; i++) {
      features.add(`w:${words[i]}`);
      if (i + 1 < words.length) features.add(`b:${words[i]} ${words[i + 1]}`);
    }
  }
  if (options.cues ?? true) for (const cue of message.cues) features.add(`cue:${cue}`);
  if (/[!！]/.test(message.text)) features.add('p:!');
  if (/[?？]/.test(message.text)) features.add('p:?');
  return [...features];
}

/**
 * Character 1..maxGram grams of the space-padded text (so word starts and ends are marked), grown one code
 * point at a time: string concatenation, not slice-and-join, keeps this the cheap part of scoring.
 */
function addCharGrams(features: Set<string>, normalized: string, maxGram: number): void {
  const chars = Array.from(` ${normalized} `);
  for (let i = 0; i < chars.length; i++) {
    let gram = '';
    for (let n = 1; n <= maxGram && i + n <= chars.length; n++) {
      gram += chars[i + n - 1];
      if (gram.trim() !== '') features.add(`c:${gram}`);
    }
  }
}
