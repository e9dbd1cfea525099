/**
 * The best `limit` FAQs of a question's probabilities, best first, ties to the lower index: over every
 * class, or over a question's candidates plus the classes outside them, which all share one probability.
 */
import type { MatchCandidate } from './types.ts';
import type { Candidates } from './retrieval.ts';

/** The best `limit` classes of `probabilities`. */
export function topCandidates(probabilities: Float64Array, ids: readonly string[], limit: number): MatchCandidate[] {
  const best = new TopList(limit);
  for (let c = 0; c < probabilities.length; c++) best.consider(c, probabilities[c]!);
  return best.candidates(ids);
}

/**
 * The same as `topCandidates` over probabilities that are `rest` outside `candidates`: the candidates, and
 * the lowest-numbered other classes when they tie with or beat the candidates' last.
 */
export function topCandidatesAmong(probabilities: Float64Array, { classes, has }: Candidates, rest: number, ids: readonly string[], limit: number): MatchCandidate[] {
  const best = new TopList(limit);
  for (let i = 0; i < classes.length; i++) best.consider(classes[i]!, probabilities[classes[i]!]!);
  let taken = 0;
  for (let c = 0; c < has.length && taken < limit && best.wants(c, rest); c++) {
    if (has[c] === 1) continue;
    best.consider(c, rest);
    taken++;
  }
  return best.candidates(ids);
}

/**
 * At most `limit` classes kept in order of probability, then index. A class (not closures) so that the
 * thousands of `consider` calls of a large FAQ stay cheap.
 */
class TopList {
  private readonly classes: number[] = [];
  private readonly confidences: number[] = [];

  constructor(private readonly limit: number) {}

  wants(c: number, confidence: number): boolean {
    return this.classes.length < this.limit || this.before(c, confidence, this.classes.length - 1);
  }

  consider(c: number, confidence: number): void {
    if (!this.wants(c, confidence)) return;
    const { classes, confidences } = this;
    let at = classes.length;
    while (at > 0 && this.before(c, confidence, at - 1)) at--;
    classes.splice(at, 0, c);
    confidences.splice(at, 0, confidence);
    if (classes.length > this.limit) {
      classes.pop();
      confidences.pop();
    }
  }

  candidates(ids: readonly string[]): MatchCandidate[] {
    return this.classes.map((c, k) => ({ faqId: ids[c]!, confidence: this.confidences[k]! }));
  }

  private before(c: number, confidence: number, at: number): boolean {
    return confidence > this.confidences[at]! || (confidence === this.confidences[at] && c < this.classes[at]!);
  }
}
