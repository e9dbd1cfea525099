import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainMatcher } from '../../bot/matcher/index.ts';
import type { MatchCandidate } from '../../bot/matcher/types.ts';
import { phrasingsOf, startMeaningMatcher, type MeaningMatcher } from '../../bot/meaning/meaning-matcher.ts';
import { loadUseLiteEncoder } from '../../bot/meaning/use-lite-encoder.ts';
import { loadSampleFaqs } from '../../prisma/seed/faq-ecommerce.ts';
import { IN_SCOPE_PROBES, OUT_OF_SCOPE_PROBES } from './fixtures/sample-faq-probes.ts';

// The hub's defaults (core/config): answer at 0.5, "did you mean" from 0.2.
const ANSWER_AT = 0.5;
const SUGGEST_AT = 0.2;

// Ids and order as the hub trains them: seeded as `sample-<id>`, read back sorted by id.
const entries = loadSampleFaqs()
  .map((faq) => ({ ...faq, id: `sample-${faq.id}` }))
  .sort((a, b) => (a.id < b.id ? -1 : 1));
const matcher = trainMatcher(entries);
type Best = (text: string) => Promise<MatchCandidate>;
let meaning: MeaningMatcher | undefined;

/** The hub's default: the matcher reading the in-process encoder's sentence vectors too. */
async function withEncoder(): Promise<Best> {
  const encoder = await loadUseLiteEncoder();
  const texts = [...new Set([...phrasingsOf(entries).map((p) => p.text), ...IN_SCOPE_PROBES.map((p) => p.text), ...OUT_OF_SCOPE_PROBES])];
  const covered = texts.filter((text) => encoder.covers(text));
  const embedded = await encoder.embed(covered);
  const vectors = new Map(covered.map((text, i) => [text, embedded[i]!]));
  const started = await startMeaningMatcher(matcher, entries, (text) => vectors.get(text));
  meaning = started;
  return async (text) => (await started.match(text, vectors.get(text), 3))[0]!;
}

describe.each([
  { name: 'words alone', load: async (): Promise<Best> => async (text) => matcher.match(text, 3).candidates[0]! },
  { name: 'with the sentence encoder (the default)', load: withEncoder },
])('the sample FAQ answers customers’ own wording, $name', ({ load }) => {
  let results: ((typeof IN_SCOPE_PROBES)[number] & { best: MatchCandidate })[] = [];
  let outOfScope: ({ text: string } & MatchCandidate)[] = [];
  beforeAll(async () => {
    const best = await load();
    results = await Promise.all(IN_SCOPE_PROBES.map(async (probe) => ({ ...probe, best: await best(probe.text) })));
    outOfScope = await Promise.all(OUT_OF_SCOPE_PROBES.map(async (text) => ({ text, ...(await best(text)) })));
  }, 60_000);
  afterAll(() => meaning?.retire());
  const right = (r: (typeof results)[number]) => r.best.faqId === `sample-${r.faq}`;

  it('ranks the right entry first for at least 90% of in-scope questions', () => {
    const misses = results.filter((r) => !right(r)).map((r) => `${r.text} → ${r.best.faqId}`);
    expect(results.length - misses.length, misses.join('\n')).toBeGreaterThanOrEqual(Math.ceil(0.9 * results.length));
  });

  it('answers most of them on its own, and is right at least 95% of the time when it does', () => {
    const answered = results.filter((r) => r.best.confidence >= ANSWER_AT);
    const wrong = answered.filter((r) => !right(r)).map((r) => `${r.text} → ${r.best.faqId} (${r.best.confidence.toFixed(2)})`);
    expect(answered.length).toBeGreaterThanOrEqual(Math.ceil(0.75 * results.length));
    expect(answered.length - wrong.length, wrong.join('\n')).toBeGreaterThanOrEqual(Math.ceil(0.95 * answered.length));
  });

  it('never answers an out-of-scope question on its own, and hands most straight to a human', () => {
    const scores = outOfScope;
    const answered = scores.filter((s) => s.confidence >= ANSWER_AT).map((s) => `${s.text} → ${s.faqId} (${s.confidence.toFixed(2)})`);
    expect(answered, answered.join('\n')).toEqual([]);
    expect(scores.filter((s) => s.confidence < SUGGEST_AT).length).toBeGreaterThanOrEqual(Math.ceil(0.8 * scores.length));
  });
});
