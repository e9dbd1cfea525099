/**
 * `npm run eval`: measures the knowledge-base matcher on labelled CSV files (the tools are in eval/matcher/,
 * the figures in eval/README.md).
 *   eval <train.csv> [test.csv] [--folds 5] [--few-shot 10] [--seed 1] [--unseen 0.15]
 *   eval --speed [--faqs 1000] [--phrasings 10]
 *   … --encoder use-lite|none   the in-process sentence encoder (bot/meaning/); the hub's default
 *                               (MATCHER_ENCODER, use-lite) unless given, so the figures are the product's
 *   … --homophone-typos N       every test question gets N pinyin-input typos (eval/matcher/homophone-typos.ts)
 * Without a test file it cross-validates on the training file. Prints accuracy first, on its own line.
 * `--unseen S` leaves a share S of the labels out of each fold's training and reports how their sentences,
 * standing in for off-topic questions, fare at the product's thresholds.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sentenceEncoderFor, trainMatcher, trainVectorMatcher, type TrainMatcher } from '../../bot/index.ts';
import { DEFAULT_MATCHER_ENCODER } from '../../core/config/config.ts';
import { parseLabelledCsv } from '../../eval/csv.ts';
import { crossValidate, sampleFewShot, trainAndTest, type EvaluationRun } from '../../eval/matcher/evaluate.ts';
import { askedWithTypos, homophoneTypos } from '../../eval/matcher/homophone-typos.ts';
import { embedAll, encoderLatency, meaningTrainer } from '../../eval/matcher/meaning-trainer.ts';
import { formatReport } from '../../eval/matcher/report.ts';
import { runSpeedBenchmark } from '../../eval/matcher/speed.ts';

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      folds: { type: 'string', default: '5' },
      'few-shot': { type: 'string' },
      seed: { type: 'string', default: '1' },
      speed: { type: 'boolean', default: false },
      faqs: { type: 'string', default: '1000' },
      phrasings: { type: 'string', default: '10' },
      unseen: { type: 'string' },
      encoder: { type: 'string', default: DEFAULT_MATCHER_ENCODER },
      'homophone-typos': { type: 'string' },
    },
  });
  if (values.speed) {
    console.log(runSpeedBenchmark(trainMatcher, Number(values.faqs), Number(values.phrasings), Number(values.seed)));
    return;
  }
  const [trainFile, testFile] = positionals;
  if (!trainFile) {
    console.error('usage: eval <train.csv> [test.csv] [--folds 5] [--few-shot 10] [--seed 1] | eval --speed');
    process.exitCode = 2;
    return;
  }
  const seed = Number(values.seed);
  const fewShot = values['few-shot'] === undefined ? undefined : Number(values['few-shot']);
  const train = parseLabelledCsv(readFileSync(trainFile, 'utf8'));
  const test = testFile ? parseLabelledCsv(readFileSync(testFile, 'utf8')) : undefined;
  let trainer: TrainMatcher = trainMatcher;
  let encoderLine: string | undefined;
  if (values.encoder !== 'use-lite' && values.encoder !== 'none') throw new Error(`unknown encoder ${values.encoder} (known: use-lite, none)`);
  const encoder = await sentenceEncoderFor(values.encoder);
  if (encoder) {
    const texts = [...train, ...(test ?? [])].map((example) => example.text);
    trainer = meaningTrainer(trainVectorMatcher, await embedAll(encoder, texts));
    const { p50, p99 } = await encoderLatency(encoder, texts);
    encoderLine = `encoder ${encoder.name}: ${p50.toFixed(2)} ms p50, ${p99.toFixed(2)} ms p99 per question (not in the latency above)`;
  }
  if (values['homophone-typos'] !== undefined) {
    const corpus = [...train, ...(test ?? [])].map((example) => example.text);
    trainer = askedWithTypos(trainer, homophoneTypos(corpus, Number(values['homophone-typos']), seed));
  }
  let run: EvaluationRun;
  if (test) {
    run = { predictions: [], trainingMs: [], latencyMs: [] };
    trainAndTest(trainer, fewShot === undefined ? train : sampleFewShot(train, fewShot, seed), test, run);
  } else {
    run = crossValidate(trainer, train, {
      folds: Number(values.folds),
      seed,
      ...(fewShot === undefined ? {} : { fewShot }),
      ...(values.unseen === undefined ? {} : { unseenShare: Number(values.unseen) }),
    });
  }
  console.log(formatReport(run));
  if (encoderLine) console.log(encoderLine);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
