/**
 * The matcher alone, one knowledge-base size per fresh process (so memory is this size's, not the sum of
 * all sizes): training time, match latency on unseen phrasings, heap and RSS, and the time each long or
 * hostile text takes to match. Prints one JSON line.
 */
import { trainMatcher } from '../../bot/matcher/index.ts';
import { quantile } from '../../bot/numeric/quantile.ts';
import { syntheticFaq } from '../../eval/matcher/speed.ts';
import { hostileTexts, longWordTexts } from '../inputs.ts';

const mode = process.argv[2];
if (mode === 'long-word') measureLongWord(process.argv[3]!);
else measureSize(Number(mode), Number(process.argv[3] ?? 10), Number(process.argv[4] ?? 2000));

/** Prints a line per length, so the parent keeps what was measured before a timeout or a crash. */
function measureLongWord(name: string): void {
  const text = longWordTexts().find((entry) => entry.name === name)!.text;
  const matcher = trainMatcher(syntheticFaq(100, 10, 0, 7).entries);
  for (const chars of [100, 300, 1000, 3000, 10_000, 32_000]) {
    const before = performance.now();
    matcher.match(text.slice(0, chars));
    console.log(JSON.stringify({ name, chars, ms: performance.now() - before }));
  }
}

function measureSize(faqs: number, phrasings: number, queries: number): void {

  const rssBefore = process.memoryUsage().rss;
  const { entries, tests } = syntheticFaq(faqs, phrasings, queries, 7);
  const started = performance.now();
  const matcher = trainMatcher(entries);
  const trainMs = performance.now() - started;
  const latencies: number[] = [];
  for (const { text } of tests) {
    const before = performance.now();
    matcher.match(text);
    latencies.push(performance.now() - before);
  }
  const hostile = hostileTexts().map(({ name, text }) => {
    const before = performance.now();
    matcher.match(text);
    return { name, chars: text.length, ms: performance.now() - before };
  });
  globalThis.gc?.();
  const memory = process.memoryUsage();
  console.log(JSON.stringify({
    faqs, phrasings, trainMs,
    matchP50Ms: quantile(latencies, 0.5),
    matchP99Ms: quantile(latencies, 0.99),
    heapUsedBytes: memory.heapUsed,
    rssBytes: memory.rss,
    rssGrowthBytes: memory.rss - rssBefore,
    hostile,
  }));
}
