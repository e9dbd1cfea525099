/**
 * Binary classification figures for the complaint detector, reported for the negative (complaint) class
 * because that is the one routing acts on.
 */

/** Accuracy over all messages; precision, recall and F1 of the complaint class. */
export interface BinaryMetrics {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  total: number;
}

/** Figures for `predicted[i]` against `actual[i]`, where true is the complaint class. */
export function binaryMetrics(predicted: readonly boolean[], actual: readonly boolean[]): BinaryMetrics {
  let tp = 0, fp = 0, fn = 0, correct = 0;
  predicted.forEach((p, i) => {
    const a = actual[i];
    if (p === a) correct++;
    if (p && a) tp++;
    else if (p && !a) fp++;
    else if (!p && a) fn++;
  });
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { accuracy: predicted.length === 0 ? 0 : correct / predicted.length, precision, recall, f1, total: predicted.length };
}

/**
 * Stratified fold number for each example (0..folds-1), deterministic: each class is dealt round-robin in
 * input order, so every fold holds the same class balance.
 */
export function stratifiedFolds(labels: readonly boolean[], folds: number): number[] {
  const next = { true: 0, false: 0 };
  return labels.map((label) => {
    const key = label ? 'true' : 'false';
    const fold = next[key] % folds;
    next[key]++;
    return fold;
  });
}
