import { describe, expect, it } from 'vitest';
import { analyzeMessage, complaintFeatures, featuresOfMessage } from '../../../bot/emotion/features.ts';

describe('complaintFeatures', () => {
  it('yields space-padded character 1–3 grams of the normalized text', () => {
    const features = complaintFeatures('AB', { words: false, cues: false });
    expect(features.sort()).toEqual(['c: a', 'c: ab', 'c:a', 'c:ab', 'c:ab ', 'c:b', 'c:b '].sort());
  });

  it('honours a longer character n-gram limit', () => {
    expect(complaintFeatures('abcd', { maxCharGram: 4, words: false })).toContain('c:abcd');
    expect(complaintFeatures('abcd', { words: false })).not.toContain('c:abcd');
  });

  it('adds words, word pairs, lexicon cues and punctuation', () => {
    const features = complaintFeatures('I want a refund!?');
    expect(features).toEqual(expect.arrayContaining(['w:refund', 'b:a refund', 'cue:refund', 'cue:?!', 'p:!', 'p:?']));
  });

  it('leaves out the families that are switched off', () => {
    const features = complaintFeatures('I want a refund', { words: false, cues: false });
    expect(features.some((f) => f.startsWith('w:') || f.startsWith('b:') || f.startsWith('cue:'))).toBe(false);
  });

  it('gives no empty or whitespace-only grams for blank text', () => {
    expect(complaintFeatures('   ', { words: false })).toEqual([]);
  });
});

describe('analyzeMessage', () => {
  it('normalizes once and carries the lexicon cues', () => {
    const message = analyzeMessage('我要投訴！！！');
    expect(message.normalized).toBe('我要投诉');
    expect(message.cues).toEqual(['投诉', '!!!']);
  });

  it('feeds the same features as scoring the raw text', () => {
    const text = '等了兩個小時，still waiting!!!';
    expect(featuresOfMessage(analyzeMessage(text)).sort()).toEqual(complaintFeatures(text).sort());
  });
});
