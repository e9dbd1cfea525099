import { beforeAll, describe, expect, it } from 'vitest';
import { loadUseLiteEncoder } from '../../../bot/meaning/use-lite-encoder.ts';
import type { SentenceEncoder } from '../../../bot/meaning/sentence-encoder.ts';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);

describe('the in-process Universal Sentence Encoder (lite)', () => {
  let encoder: SentenceEncoder;
  beforeAll(async () => {
    encoder = await loadUseLiteEncoder();
  }, 60_000);

  it('returns one unit-length 512-dimension vector per text, in order', async () => {
    const vectors = await encoder.embed(['hello there', 'where is my order', '']);
    expect(vectors).toHaveLength(3);
    for (const v of vectors) {
      expect(v).toHaveLength(512);
      expect(dot(v, v)).toBeCloseTo(1, 4);
    }
    const [again] = await encoder.embed(['where is my order']);
    expect(dot(again!, vectors[1]!)).toBeCloseTo(1, 4);
  });

  it('puts paraphrases with no words in common closer than sentences sharing words', async () => {
    const [question, paraphrase, sameWords] = await encoder.embed([
      'when will my parcel be delivered?',
      'how long does shipping take',
      'my parcel is damaged',
    ]);
    expect(dot(question!, paraphrase!)).toBeGreaterThan(dot(paraphrase!, sameWords!));
    const [alarm, wake, music] = await encoder.embed(['set an alarm for 7 am', 'wake me up at seven tomorrow', 'play some jazz']);
    expect(dot(alarm!, wake!)).toBeGreaterThan(dot(alarm!, music!) + 0.1);
  });

  it('covers English only: Chinese and mixed text stay with the lexical matcher', () => {
    expect(encoder.covers('where is my order')).toBe(true);
    expect(encoder.covers('我的订单在哪里')).toBe(false);
    expect(encoder.covers('refund多久到账')).toBe(false);
    expect(encoder.covers('12345 ?!')).toBe(false);
  });
});
