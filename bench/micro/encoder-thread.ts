/**
 * `npx tsx bench/micro/encoder-thread.ts`: how long the main thread is held while the sentence encoder embeds
 * one question at a time (as answer jobs do), with the encoder on the main thread and in its worker thread.
 * Prints the event-loop delay max and p99 and the embeddings per second of each.
 */
import { loadUseLiteEncoder } from '../../bot/meaning/use-lite-encoder.ts';
import { loadUseLiteEncoderInWorker } from '../../bot/meaning/worker-encoder.ts';
import type { SentenceEncoder } from '../../bot/meaning/sentence-encoder.ts';
import { everydayTexts } from '../inputs.ts';

const questions = everydayTexts().filter((text) => /^[\x20-\x7e]+$/.test(text)).slice(0, 100);

async function measure(name: string, encoder: SentenceEncoder): Promise<void> {
  await encoder.embed(questions.slice(0, 5)); // warm-up
  // A 1 ms ticker: the longest gap between its ticks is the longest a webhook would have waited.
  // (monitorEventLoopDelay records nothing while promise chains keep the loop from reaching its timers.)
  const gaps: number[] = [];
  let last = performance.now();
  const ticker = setInterval(() => {
    const at = performance.now();
    gaps.push(at - last);
    last = at;
  }, 1);
  const started = performance.now();
  // Ten answer jobs at once, each embedding its question, as a worker with concurrency 10 does.
  await Promise.all(Array.from({ length: 10 }, async (_, lane) => {
    for (let i = lane; i < questions.length; i += 10) await encoder.embed([questions[i]!]);
  }));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(ticker);
  gaps.push(performance.now() - last);
  gaps.sort((a, b) => a - b);
  const p99 = gaps[Math.floor(gaps.length * 0.99)] ?? 0;
  console.log(JSON.stringify({ encoder: name, questions: questions.length, perSecond: Math.round(questions.length / seconds), longestStallMs: Math.round(gaps.at(-1) ?? 0), stallP99Ms: Math.round(p99), ticks: gaps.length }));
  await encoder.close?.();
}

await measure('main thread', await loadUseLiteEncoder());
await measure('worker thread', await loadUseLiteEncoderInWorker());
