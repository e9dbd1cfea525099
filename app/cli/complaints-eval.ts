/**
 * `npm run eval:complaints`: measures the complaint detector on `text,category` CSV files (category
 * negative | positive; figures in bot/emotion/README.md).
 *
 *   npm run eval:complaints -- <train.csv> [test.csv] [--folds 5] [--default]
 *
 * With a test file: train on train.csv, score test.csv. Without: stratified k-fold cross-validation on
 * train.csv. `--default` scores the shipped default detector instead of training (zero-shot figure).
 * A message counts as a complaint when its risk is at least 0.5.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { defaultComplaintDetector, quantile, trainComplaintDetector, type ComplaintDetector, type ComplaintExample } from '../../bot/index.ts';
import { parseLabelledCsv } from '../../eval/complaints/csv.ts';
import { binaryMetrics, stratifiedFolds } from '../../eval/complaints/metrics.ts';

interface Run {
  predicted: boolean[];
  actual: boolean[];
  trainMs: number[];
  latencyMs: number[];
}

function scoreAll(detector: ComplaintDetector, examples: readonly ComplaintExample[], run: Run): void {
  for (const e of examples) {
    const start = performance.now();
    const { risk } = detector.score(e.text);
    run.latencyMs.push(performance.now() - start);
    run.predicted.push(risk >= 0.5);
    run.actual.push(e.negative);
  }
}

function train(examples: readonly ComplaintExample[], run: Run): ComplaintDetector {
  const start = performance.now();
  const detector = trainComplaintDetector(examples);
  run.trainMs.push(performance.now() - start);
  return detector;
}

function main(argv: string[]): void {
  const foldsAt = argv.indexOf('--folds');
  const folds = foldsAt >= 0 ? Number(argv[foldsAt + 1]) : 5;
  const useDefault = argv.includes('--default');
  const files = argv.filter((a, i) => !a.startsWith('--') && (foldsAt < 0 || i !== foldsAt + 1));
  const [trainPath, testPath] = files;
  if (trainPath === undefined || !(folds >= 2)) {
    console.error('usage: npm run eval:complaints -- <train.csv> [test.csv] [--folds 5] [--default]');
    process.exit(2);
  }
  const examples = parseLabelledCsv(readFileSync(trainPath, 'utf8'));
  const run: Run = { predicted: [], actual: [], trainMs: [], latencyMs: [] };
  let mode: string;
  if (useDefault) {
    mode = 'default detector (no training)';
    scoreAll(defaultComplaintDetector, testPath ? parseLabelledCsv(readFileSync(testPath, 'utf8')) : examples, run);
  } else if (testPath !== undefined) {
    mode = `train ${examples.length} → test`;
    scoreAll(train(examples, run), parseLabelledCsv(readFileSync(testPath, 'utf8')), run);
  } else {
    mode = `${folds}-fold cross-validation on ${examples.length} rows`;
    const foldOf = stratifiedFolds(examples.map((e) => e.negative), folds);
    for (let f = 0; f < folds; f++) {
      const detector = train(examples.filter((_, i) => foldOf[i] !== f), run);
      scoreAll(detector, examples.filter((_, i) => foldOf[i] === f), run);
    }
  }
  const m = binaryMetrics(run.predicted, run.actual);
  const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
  console.log(`accuracy: ${pct(m.accuracy)}`);
  console.log(`negative precision: ${pct(m.precision)}`);
  console.log(`negative recall: ${pct(m.recall)}`);
  console.log(`negative F1: ${pct(m.f1)}`);
  const meanTrain = run.trainMs.reduce((a, b) => a + b, 0) / Math.max(1, run.trainMs.length);
  console.log(`training time: ${run.trainMs.length ? `${meanTrain.toFixed(0)} ms per model` : 'none'}`);
  const latency = (q: number): string => `${quantile(run.latencyMs, q).toFixed(3)} ms`;
  console.log(`latency: median ${latency(0.5)}, p99 ${latency(0.99)} (${m.total} messages)`);
  console.log(`mode: ${mode}`);
}

main(process.argv.slice(2));
