import { describe, expect, it } from 'vitest';
import { trainComplaintDetector } from '../../../bot/emotion/detector.ts';

// A toy domain the lexicon knows nothing about, so the model has to learn the words itself.
const examples = [
  ...['屏幕碎了', '屏幕碎了一角', '收到时屏幕碎了', 'the screen was cracked', 'cracked screen on arrival'].map(
    (text) => ({ text, negative: true }),
  ),
  ...['屏幕很清楚', '屏幕清楚漂亮', '画面清楚', 'the screen is crisp', 'crisp clear screen'].map(
    (text) => ({ text, negative: false }),
  ),
];

describe('trainComplaintDetector', () => {
  it('learns which words mark a complaint', () => {
    const detector = trainComplaintDetector(examples, { epochs: 40 });
    expect(detector.score('我的屏幕碎了').risk).toBeGreaterThan(0.5);
    expect(detector.score('屏幕非常清楚').risk).toBeLessThan(0.5);
    expect(detector.score('screen cracked').risk).toBeGreaterThan(detector.score('screen crisp').risk);
  });

  it('reports lexicon cues alongside the risk', () => {
    const detector = trainComplaintDetector(examples);
    expect(detector.score('屏幕碎了，我要退款').cues).toEqual(['退款']);
  });

  it('refuses training data with only one class', () => {
    expect(() => trainComplaintDetector(examples.filter((e) => e.negative))).toThrow(/both classes/);
  });
});
