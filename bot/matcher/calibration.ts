/**
 * Calibration: a model trained on most phrasings scores the rest, and those held-out scores fit the
 * combiner (which FAQ) and answerability (whether to answer at all). Off-topic questions, which no FAQ comes
 * with, are simulated by a held-out phrasing with its own FAQ and its two closest FAQs hidden: hiding only
 * its own FAQ leaves a near-duplicate FAQ that looks like the answer, and fitting "none" on those taught the
 * matcher to doubt every good match (coverage at 98% precision fell 12 points on SMP2017, see
 * eval/README.md).
 */
import { combine, defaultWeights, fitWeights, signalKeys, type CombinerWeights, type HeldOut, type SignalUse, type Signals } from './combiner.ts';
import {
  answerabilityFeatures,
  defaultAnswerability,
  fitAnswerability,
  type AnswerabilityExample,
  type AnswerabilityModel,
} from './answerability.ts';
import { seededRandom, shuffle } from '../random.ts';

/** The scoring part of a trained model, before calibration. */
export interface Scorer {
  classes: number;
  use: SignalUse;
  signals(example: number): Signals;
}

export interface Calibration {
  weights: CombinerWeights;
  answerability: AnswerabilityModel;
}

export interface CalibrationOptions {
  /** Share of each FAQ's phrasings held out. */
  heldOutShare: number;
  /** Weight of one simulated off-topic question against one held-out phrasing. */
  outOfScopeWeight: number;
  /** How many FAQs closest to a held-out phrasing are hidden, besides its own, to simulate an off-topic question. */
  offTopicNeighbours: number;
  seed: number;
}

/** Splits example indices into training and held-out sets, per class, reproducibly. */
export function holdOut(labels: readonly number[], share: number, seed: number): { train: number[]; heldOut: number[] } {
  const byClass = new Map<number, number[]>();
  labels.forEach((label, i) => {
    const members = byClass.get(label);
    if (members) members.push(i);
    else byClass.set(label, [i]);
  });
  const random = seededRandom(seed);
  const train: number[] = [];
  const heldOut: number[] = [];
  for (const members of byClass.values()) {
    shuffle(members, random);
    const count = Math.min(members.length - 1, Math.round(members.length * share));
    heldOut.push(...members.slice(0, count));
    train.push(...members.slice(count));
  }
  return { train, heldOut };
}

/** Keeps the classes at `order` of the signals. */
export function pick(signals: Signals, order: readonly number[]): Signals {
  const take = (values: Float64Array): Float64Array => {
    const out = new Float64Array(order.length);
    for (let k = 0; k < order.length; k++) out[k] = values[order[k]!]!;
    return out;
  };
  return Object.fromEntries(signalKeys.map((key) => [key, take(signals[key])])) as Signals;
}

/** How similar the question is to class c, by words and meaning: picks the FAQs a question could be confused with. */
function closeness(signals: Signals, c: number): number {
  return signals.nearest[c]! + signals.centroid[c]! + signals.meaningNearest[c]! + signals.meaningCentroid[c]!;
}

/** A held-out phrasing compacted to its `limit` most similar classes plus its own, so fitting stays fast. */
export function compact(signals: Signals, label: number, limit: number): HeldOut {
  const classes = signals.nearest.length;
  if (classes <= limit) return { signals, label };
  const score = new Float64Array(classes);
  for (let c = 0; c < classes; c++) score[c] = closeness(signals, c);
  // The limit-th largest score, found with a native typed-array sort instead of sorting class indices.
  const threshold = score.slice().sort()[classes - limit]!;
  const order: number[] = [];
  for (let c = 0; c < classes && order.length < limit; c++) if (score[c]! >= threshold) order.push(c);
  if (!order.includes(label)) order[order.length - 1] = label;
  return { signals: pick(signals, order), label: order.indexOf(label) };
}

/** The signals of a held-out phrasing as if its own FAQ did not exist. */
export function withoutClass(signals: Signals, label: number): Signals {
  return withoutClasses(signals, [label]);
}

/** The signals without the given classes. */
export function withoutClasses(signals: Signals, hidden: readonly number[]): Signals {
  const keep: number[] = [];
  for (let c = 0; c < signals.nearest.length; c++) if (!hidden.includes(c)) keep.push(c);
  return pick(signals, keep);
}

/**
 * A simulated off-topic question: the held-out phrasing with its own FAQ and the `neighbours` FAQs most
 * similar to it hidden, so nothing close to it is left — like a real off-topic question.
 */
export function offTopic(signals: Signals, label: number, neighbours: number): Signals {
  const hidden = [label];
  // A few linear scans: `neighbours` is small, and sorting a thousand FAQs per phrasing is not.
  for (let n = 0; n < neighbours; n++) {
    let closest = -1;
    for (let c = 0; c < signals.nearest.length; c++) {
      if (hidden.includes(c)) continue;
      if (closest < 0 || closeness(signals, c) > closeness(signals, closest)) closest = c;
    }
    if (closest >= 0) hidden.push(closest);
  }
  return withoutClasses(signals, hidden);
}

/** Answerability example for `signals` under `weights`: target 1 for in-scope phrasings. */
function answerabilityExample(signals: Signals, inScope: boolean, weights: CombinerWeights, use: SignalUse, weight: number): AnswerabilityExample {
  const ranking = combine(signals, weights, new Float64Array(signals.nearest.length));
  return { features: answerabilityFeatures(signals, ranking, use), target: inScope ? 1 : 0, weight };
}

/** One calibration round: a scorer trained without `heldOut`, and those held-out examples. */
export interface Round {
  scorer: Scorer;
  heldOut: readonly number[];
}

/** Most held-out phrasings scored, over all rounds: enough for a stable fit, cheap to fit on. */
const MAX_SCORED = 1500;

/**
 * Most held-out phrasings × FAQs scored: above 500 FAQs fewer phrasings are scored (but never fewer than
 * MIN_SCORED), since each one's cost grows with the FAQ count while the fit has the same 16 weights to
 * find. Scoring was half of a 1,000-FAQ base's training time.
 */
const MAX_SCORED_CELLS = 750_000;
const MIN_SCORED = 500;

/** How many held-out phrasings calibration scores, over all rounds, for a knowledge base of `classes` FAQs. */
export function scoredPhrasings(classes: number): number {
  return Math.max(MIN_SCORED, Math.min(MAX_SCORED, Math.floor(MAX_SCORED_CELLS / Math.max(classes, 1))));
}

/** Fits the combiner and answerability on the held-out phrasings of every round (see `scoredPhrasings`). */
export function calibrate(rounds: readonly Round[], labels: readonly number[], options: CalibrationOptions): Calibration {
  const perRound = Math.ceil(scoredPhrasings(rounds[0]?.scorer.classes ?? 1) / Math.max(rounds.length, 1));
  const scored = rounds.flatMap(({ scorer, heldOut }, r) =>
    shuffle([...heldOut], seededRandom(options.seed + 1 + r))
      .slice(0, perRound)
      .map((i) => ({ signals: scorer.signals(i), label: labels[i]! })),
  );
  if (scored.length === 0) return { weights: defaultWeights, answerability: defaultAnswerability };
  const { use, classes } = rounds[0]!.scorer;
  const weights = fitWeights(
    scored.map(({ signals, label }) => compact(signals, label, 50)),
    defaultWeights,
    use,
  );
  // A tiny FAQ hides fewer neighbours, so every simulated question keeps at least one FAQ to score against.
  const neighbours = Math.min(options.offTopicNeighbours, classes - 2);
  const examples = scored.flatMap(({ signals, label }) => {
    const inside = answerabilityExample(signals, true, weights, use, 1);
    if (classes < 2) return [inside];
    const outside = answerabilityExample(offTopic(signals, label, neighbours), false, weights, use, options.outOfScopeWeight);
    return [inside, outside];
  });
  return { weights, answerability: fitAnswerability(examples) };
}
