import { describe, expect, it } from 'vitest';
import { findComplaintCues, findCuesInNormalized, lexiconRisk } from '../../../bot/emotion/lexicon.ts';
import { normalizeText } from '../../../bot/text/normalize.ts';

describe('findComplaintCues', () => {
  it('finds Chinese cues, including traditional-script and full-width variants', () => {
    expect(findComplaintCues('我要投訴，太慢了')).toEqual(['投诉', '太慢']);
    expect(findComplaintCues('退款！！！')).toEqual(['退款', '!!!']);
  });

  it('matches English cues as whole words only', () => {
    expect(findComplaintCues('I want a REFUND now')).toEqual(['refund', 'CAPS']);
    expect(findComplaintCues('there is an issue with my login')).toEqual([]);
  });

  it('finds nothing in an ordinary question', () => {
    expect(findComplaintCues('请问营业时间是几点？')).toEqual([]);
    expect(findComplaintCues('How do I change my address?')).toEqual([]);
  });
});

describe('lexiconRisk', () => {
  it('grows with each cue and stays below 1', () => {
    expect(lexiconRisk(0)).toBe(0);
    expect(lexiconRisk(1)).toBe(0.5);
    expect(lexiconRisk(3)).toBeGreaterThan(lexiconRisk(2));
    expect(lexiconRisk(10)).toBeLessThan(1);
  });
});

describe('findCuesInNormalized', () => {
  it('finds the same cues as findComplaintCues from the normalized text', () => {
    const text = 'WHERE is my refund?! 我要投訴';
    expect(findCuesInNormalized(text, normalizeText(text))).toEqual(findComplaintCues(text));
    expect(findCuesInNormalized(text, normalizeText(text))).toEqual(['投诉', 'refund', '?!', 'CAPS']);
  });
});
