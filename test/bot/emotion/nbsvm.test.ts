import { describe, expect, it } from 'vitest';
import { trainNbLogistic } from '../../../bot/emotion/nbsvm.ts';

const docs = [['bad', 'slow'], ['bad', 'cold'], ['good', 'fast'], ['good', 'warm']];
const labels = [true, true, false, false];

describe('trainNbLogistic', () => {
  it('learns which features mark the positive class', () => {
    const model = trainNbLogistic(docs, labels, { epochs: 50 });
    expect(model.probability(['bad'])).toBeGreaterThan(0.5);
    expect(model.probability(['good'])).toBeLessThan(0.5);
    expect(model.weightOf('bad')).toBeGreaterThan(0);
    expect(model.weightOf('unseen')).toBe(0);
  });

  it('drops features rarer than minCount', () => {
    const model = trainNbLogistic(docs, labels, { minCount: 2 });
    expect(model.weightOf('bad')).not.toBe(0);
    expect(model.weightOf('slow')).toBe(0);
  });

  it('scores a message with a very large number of known features', () => {
    const huge = Array.from({ length: 150_000 }, (_, i) => `f${i}`);
    const model = trainNbLogistic([huge, ['good']], [true, false], { epochs: 1 });
    const p = model.probability(huge);
    expect(Number.isFinite(p)).toBe(true);
    expect(p).toBeGreaterThan(0.5);
  });
});
