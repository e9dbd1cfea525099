import { describe, expect, it } from 'vitest';
import { linearScore, sigmoid, trainLogistic } from '../../../bot/emotion/logistic.ts';
import { seededRandom } from '../../../bot/random.ts';

const row = (indices: number[]) => ({ indices: Int32Array.from(indices), values: new Float32Array(indices.map(() => 1)) });

describe('trainLogistic', () => {
  it('separates classes that depend on one feature', () => {
    const rows = [row([0, 2]), row([0, 3]), row([1, 2]), row([1, 3])];
    const model = trainLogistic(rows, [true, true, false, false], 4, { epochs: 200, learningRate: 0.5 });
    expect(sigmoid(linearScore(model, row([0])))).toBeGreaterThan(0.8);
    expect(sigmoid(linearScore(model, row([1])))).toBeLessThan(0.2);
  });

  it('is reproducible for a given seed', () => {
    const rows = [row([0]), row([1]), row([0, 1])];
    const a = trainLogistic(rows, [true, false, true], 2, { seed: 7 });
    const b = trainLogistic(rows, [true, false, true], 2, { seed: 7 });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
  });
});

describe('seededRandom', () => {
  it('yields numbers in [0, 1) that depend on the seed', () => {
    const r = seededRandom(1);
    const xs = Array.from({ length: 100 }, r);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(2)()).not.toBe(seededRandom(1)());
  });
});
