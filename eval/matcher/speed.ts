/**
 * Speed benchmark on a synthetic knowledge base (issue #8 goal: 1,000 FAQs × 10 phrasings train in < 2 s,
 * match p99 < 1 ms). The FAQs are generated, half English-like and half Chinese, each with its own topic
 * words wrapped in shared filler phrases, so the vocabulary and overlap resemble a real FAQ.
 */
import type { FaqTrainingEntry, TrainMatcher } from '../../bot/matcher/index.ts';
import { seededRandom } from '../../bot/random.ts';
import { quantile } from '../../bot/numeric/quantile.ts';

const englishFillers = ['how do i', 'can you tell me', 'what about', 'i want to know', 'please help with', 'where is', 'why is', 'is it possible to'];
const chineseFillers = ['请问', '我想知道', '怎么', '为什么', '能不能', '帮我看看', '哪里可以', '什么时候'];
const syllables = ['ka', 'ro', 'mi', 'ten', 'sul', 'pa', 've', 'lor', 'dis', 'ne', 'qui', 'bar', 'to', 'gen', 'fa', 'lu'];

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function topicWord(chinese: boolean, random: () => number): string {
  if (chinese) {
    // Two characters from the common CJK block.
    return String.fromCodePoint(0x4e00 + Math.floor(random() * 3000), 0x4e00 + Math.floor(random() * 3000));
  }
  return pick(syllables, random) + pick(syllables, random) + pick(syllables, random);
}

function phrasing(topic: readonly string[], chinese: boolean, random: () => number): string {
  const words = topic.filter(() => random() < 0.8);
  if (words.length === 0) words.push(topic[0]!);
  const filler = pick(chinese ? chineseFillers : englishFillers, random);
  return chinese ? `${filler}${words.join('')}` : `${filler} ${words.join(' ')}`;
}

/** Generates `faqs` entries with `phrasings` phrasings each, and `queries` unseen phrasings with their ids. */
export function syntheticFaq(faqs: number, phrasings: number, queries: number, seed: number) {
  const random = seededRandom(seed);
  const topics = Array.from({ length: faqs }, (_, i) => {
    const chinese = i % 2 === 1;
    return { chinese, words: Array.from({ length: 3 }, () => topicWord(chinese, random)) };
  });
  const entries: FaqTrainingEntry[] = topics.map((topic, i) => {
    const [question = '', ...alternatives] = Array.from({ length: phrasings }, () => phrasing(topic.words, topic.chinese, random));
    return { id: `faq-${i}`, question, alternatives };
  });
  const tests = Array.from({ length: queries }, () => {
    const i = Math.floor(random() * faqs);
    return { id: `faq-${i}`, text: phrasing(topics[i]!.words, topics[i]!.chinese, random) };
  });
  return { entries, tests };
}

/**
 * Trains on the synthetic FAQ, then retrains after one entry is edited, and times 2,000 matches; returns
 * the printable figures. The first training pays for compiling the code (a fresh process, as at start-up);
 * the retraining is what a running hub does after an admin's edit.
 */
export function runSpeedBenchmark(trainer: TrainMatcher, faqs: number, phrasings: number, seed: number): string {
  const { entries, tests } = syntheticFaq(faqs, phrasings, 2000, seed);
  let started = performance.now();
  trainer(entries);
  const firstTrainingMs = performance.now() - started;
  const [first, ...rest] = entries;
  const edited = first ? [{ ...first, alternatives: [...first.alternatives, `${first.question} please`] }, ...rest] : entries;
  started = performance.now();
  const matcher = trainer(edited);
  const retrainingMs = performance.now() - started;
  const latencies: number[] = [];
  let correct = 0;
  for (const { id, text } of tests) {
    const before = performance.now();
    const [best] = matcher.match(text).candidates;
    latencies.push(performance.now() - before);
    if (best?.faqId === id) correct++;
  }
  return [
    `synthetic FAQ: ${faqs} entries × ${phrasings} phrasings`,
    `training time: ${firstTrainingMs.toFixed(0)} ms in a fresh process, retraining after an edit ${retrainingMs.toFixed(0)} ms`,
    `prediction latency: p50 ${quantile(latencies, 0.5).toFixed(3)} ms, p99 ${quantile(latencies, 0.99).toFixed(3)} ms`,
    `accuracy on ${tests.length} unseen synthetic phrasings: ${((100 * correct) / tests.length).toFixed(2)}%`,
  ].join('\n');
}
