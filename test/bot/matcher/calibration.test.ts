import { describe, expect, it } from 'vitest';
import { calibrate, scoredPhrasings, type Round } from '../../../bot/matcher/calibration.ts';
import { emptySignals } from '../../../bot/matcher/combiner.ts';
import { seededRandom } from '../../../bot/random.ts';

/** A round holding out `heldOut` phrasings of `classes` FAQs, whose scorer counts the phrasings it scores. */
function countingRound(classes: number, heldOut: number, counter: { scored: number }): { round: Round; labels: number[] } {
  const random = seededRandom(classes);
  const labels = Array.from({ length: heldOut }, (_, i) => i % classes);
  const round: Round = {
    heldOut: labels.map((_, i) => i),
    scorer: {
      classes,
      use: { classifier: false, meaning: false, meaningClassifier: false },
      signals(i) {
        counter.scored++;
        const signals = emptySignals(classes, new Float64Array(classes));
        for (let c = 0; c < classes; c++) {
          signals.nearest[c] = c === labels[i] ? 0.6 + 0.4 * random() : 0.5 * random();
          signals.centroid[c] = signals.nearest[c]! * 0.8;
        }
        return signals;
      },
    },
  };
  return { round, labels };
}

const options = { heldOutShare: 0.2, outOfScopeWeight: 2, offTopicNeighbours: 2, seed: 1 };

describe('calibrate', () => {
  it('scores up to 1,500 held-out phrasings of a small knowledge base', () => {
    const counter = { scored: 0 };
    const { round, labels } = countingRound(20, 2000, counter);
    calibrate([round], labels, options);
    expect(counter.scored).toBe(1500);
  });

  it('scores fewer phrasings of a large one, whose every phrasing costs more, but never fewer than 500', () => {
    const counter = { scored: 0 };
    const { round, labels } = countingRound(1000, 2000, counter);
    const { weights } = calibrate([round], labels, options);
    expect(counter.scored).toBe(750);
    expect(scoredPhrasings(1000)).toBe(750);
    expect(scoredPhrasings(5000)).toBe(500);
    // The fit still finds that the right FAQ's nearest phrasing is the signal to trust.
    expect(weights.nearest).toBeGreaterThan(0);
  });
});
