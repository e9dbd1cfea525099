/**
 * Phrasing features packed for another thread: every feature hash in one Uint32Array and the tokens in one
 * string per phrasing. Posting 50,000 phrasings' features as objects of number arrays made a serialized
 * copy of each array next to the original; a transferred buffer moves without one.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { trainingFeatures, type FaqTrainingEntry, type TextFeatures } from '../matcher/index.ts';

/** Entries whose phrasings are tokenized in one turn of the event loop (about 10 ms). */
const ENTRIES_PER_TURN = 100;

export interface PackedFeatures {
  /** Each phrasing's tokens joined by spaces (a token never contains one). */
  tokens: string[];
  /** words, chars and sounds of every phrasing, one after the other. */
  hashes: Uint32Array;
  /** Phrasing i's words start at ends[3i - 1] (0 for i = 0), its chars at ends[3i], its sounds at ends[3i + 1]. */
  ends: Uint32Array;
}

export function packFeatures(features: readonly TextFeatures[]): PackedFeatures {
  const ends = new Uint32Array(features.length * 3);
  let at = 0;
  features.forEach(({ words, chars, sounds }, i) => {
    ends[3 * i] = at += words.length;
    ends[3 * i + 1] = at += chars.length;
    ends[3 * i + 2] = at += sounds.length;
  });
  const hashes = new Uint32Array(at);
  at = 0;
  for (const { words, chars, sounds } of features) {
    for (const block of [words, chars, sounds]) {
      hashes.set(block, at);
      at += block.length;
    }
  }
  return { tokens: features.map((f) => f.tokens.join(' ')), hashes, ends };
}

/** The buffers to transfer with a packed message. */
export function transferablesOf(packed: PackedFeatures): ArrayBuffer[] {
  return [packed.hashes.buffer as ArrayBuffer, packed.ends.buffer as ArrayBuffer];
}

export function unpackFeatures({ tokens, hashes, ends }: PackedFeatures): TextFeatures[] {
  return tokens.map((joined, i) => {
    const start = i === 0 ? 0 : ends[3 * i - 1]!;
    // Views, not copies: 50,000 phrasings' hashes as arrays of numbers were 60 MB more of the trainer's heap.
    const block = (from: number, to: number) => hashes.subarray(from, to);
    return {
      tokens: joined === '' ? [] : joined.split(' '),
      words: block(start, ends[3 * i]!),
      chars: block(ends[3 * i]!, ends[3 * i + 1]!),
      sounds: block(ends[3 * i + 1]!, ends[3 * i + 2]!),
    };
  });
}

/**
 * The training features of `entries` ({@link trainingFeatures}), extracted a few entries per turn of the
 * event loop: 10,000 FAQs take seconds, which must not hold up webhooks and jobs.
 */
export async function trainingFeaturesInTurns(entries: readonly FaqTrainingEntry[]): Promise<TextFeatures[]> {
  const features: TextFeatures[] = [];
  for (let start = 0; start < entries.length; start += ENTRIES_PER_TURN) {
    for (const extracted of trainingFeatures(entries.slice(start, start + ENTRIES_PER_TURN))) features.push(extracted);
    await nextTurn();
  }
  return features;
}
