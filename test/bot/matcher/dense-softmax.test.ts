import { describe, expect, it } from 'vitest';
import { trainDenseSoftmax } from '../../../bot/matcher/dense-softmax.ts';
import { dotAt, normalizeInPlace } from '../../../bot/numeric/dense-vector.ts';
import { seededRandom } from '../../../bot/random.ts';

const options = { epochs: 10, learningRate: 0.5, l2: 1e-6, minGradient: 1e-4, seed: 1, candidates: 24, sampleAbove: Infinity };

/** Three classes of noisy unit vectors around three directions in 16 dimensions. */
function dataset(seed: number, perClass: number) {
  const random = seededRandom(seed);
  const xs: Float32Array[] = [];
  const ys: number[] = [];
  for (let c = 0; c < 3; c++) {
    for (let n = 0; n < perClass; n++) {
      const x = Float32Array.from({ length: 16 }, (_, d) => (d === c * 5 ? 1 : 0) + (random() - 0.5) * 0.6);
      xs.push(normalizeInPlace(x));
      ys.push(c);
    }
  }
  return { xs, ys };
}

describe('dense softmax regression', () => {
  it('learns to separate classes of dense vectors it has not seen', () => {
    const train = dataset(1, 30);
    const test = dataset(2, 20);
    const model = trainDenseSoftmax(train.xs, train.ys, 16, 3, options);
    const out = new Float64Array(3);
    let right = 0;
    test.xs.forEach((x, i) => {
      model.logits(x, out);
      if (out.indexOf(Math.max(...out)) === test.ys[i]) right++;
    });
    expect(right / test.xs.length).toBeGreaterThan(0.9);
  });

  it('trains the same model from the same data and seed', () => {
    const { xs, ys } = dataset(3, 10);
    const [a, b] = [trainDenseSoftmax(xs, ys, 16, 3, options), trainDenseSoftmax(xs, ys, 16, 3, options)];
    const [outA, outB] = [new Float64Array(3), new Float64Array(3)];
    a.logits(xs[0]!, outA);
    b.logits(xs[0]!, outB);
    expect(Array.from(outA)).toEqual(Array.from(outB));
  });
});

describe('dotAt', () => {
  it('sums products from an offset, lengths not a multiple of four included', () => {
    const a = Float32Array.from([9, 1, 2, 3, 4, 5]);
    const x = Float32Array.from([1, 1, 1, 1, 2]);
    expect(dotAt(a, 1, x, 5)).toBe(1 + 2 + 3 + 4 + 10);
  });
});
