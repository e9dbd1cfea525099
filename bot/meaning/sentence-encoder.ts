/**
 * A sentence encoder turns questions into vectors whose closeness follows meaning, not shared words: the
 * signal a bag-of-n-grams matcher lacks ("wake me up at 7" vs "set an alarm"). The matcher stays the
 * first judge; the encoder's vote is added where it understands the language (`covers`).
 */
export interface SentenceEncoder {
  /** For logs and the eval report. */
  readonly name: string;
  /** Whether this encoder was trained on the text's language; other texts are left to the matcher. */
  covers(text: string): boolean;
  /** Unit-length vectors, one per text, in input order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /**
   * Set by encoders that compute on this thread: the most texts to embed per call when others wait (a
   * background build gives the event loop a turn between calls). Remote encoders leave it unset.
   */
  readonly blockingBatch?: number;
  /** Frees what the encoder holds (its worker thread). */
  close?(): Promise<void>;
}

export { normalizeInPlace } from '../numeric/dense-vector.ts';

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LATIN_LETTER = /\p{Script=Latin}/u;

/** For English-only encoders: Latin-script text without any CJK characters (mixed text goes lexical). */
export function isLatinText(text: string): boolean {
  return LATIN_LETTER.test(text) && !CJK.test(text);
}
