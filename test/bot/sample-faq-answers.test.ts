import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confidenceTier } from '../../core/routing/confidence.ts';
import { DEFAULT_THRESHOLDS } from '../../core/routing/policy.ts';
import { trainMatcher } from '../../bot/matcher/index.ts';
import type { MatchCandidate } from '../../bot/matcher/types.ts';
import { phrasingsOf, startMeaningMatcher, type MeaningMatcher } from '../../bot/meaning/meaning-matcher.ts';
import { loadUseLiteEncoder } from '../../bot/meaning/use-lite-encoder.ts';
import { loadSampleFaqs } from '../../prisma/seed/faq-ecommerce.ts';
import { IN_SCOPE_PROBES, OUT_OF_SCOPE_PROBES } from './fixtures/sample-faq-probes.ts';

// Decided as the hub decides with its defaults (answer at 0.5 unless a runner-up is close, "did you mean" from 0.2).
const decide = (candidates: readonly MatchCandidate[]) => confidenceTier(candidates, DEFAULT_THRESHOLDS).kind;

// Ids and order as the hub trains them: seeded as `sample-<id>`, read back sorted by id.
const entries = loadSampleFaqs()
  .map((faq) => ({ ...faq, id: `sample-${faq.id}` }))
  .sort((a, b) => (a.id < b.id ? -1 : 1));
const matcher = trainMatcher(entries);
type Rank = (text: string) => Promise<MatchCandidate[]>;
let meaning: MeaningMatcher | undefined;

/** The hub's default: the matcher reading the in-process encoder's sentence vectors too. */
async function withEncoder(): Promise<Rank> {
  const encoder = await loadUseLiteEncoder();
  const texts = [...new Set([...phrasingsOf(entries).map((p) => p.text), ...IN_SCOPE_PROBES.map((p) => p.text), ...OUT_OF_SCOPE_PROBES])];
  const covered = texts.filter((text) => encoder.covers(text));
  const embedded = await encoder.embed(covered);
  const vectors = new Map(covered.map((text, i) => [text, embedded[i]!]));
  const started = await startMeaningMatcher(matcher, entries, (text) => vectors.get(text));
  meaning = started;
  return async (text) => started.match(text, vectors.get(text), 3);
}

describe.each([
  { name: 'words alone', load: async (): Promise<Rank> => async (text) => matcher.match(text, 3).candidates },
  { name: 'with the sentence encoder (the default)', load: withEncoder },
])('the sample FAQ answers customers’ own wording, $name', ({ load }) => {
  type Ranked = { text: string; best: MatchCandidate; decision: ReturnType<typeof decide> };
  let results: ((typeof IN_SCOPE_PROBES)[number] & Ranked)[] = [];
  let outOfScope: Ranked[] = [];
  beforeAll(async () => {
    const rank = await load();
    const ranked = async (text: string) => {
      const candidates = await rank(text);
      return { text, best: candidates[0]!, decision: decide(candidates) };
    };
    results = await Promise.all(IN_SCOPE_PROBES.map(async (probe) => ({ ...probe, ...(await ranked(probe.text)) })));
    outOfScope = await Promise.all(OUT_OF_SCOPE_PROBES.map(ranked));
  }, 60_000);
  afterAll(() => meaning?.retire());
  const right = (r: (typeof results)[number]) => r.best.faqId === `sample-${r.faq}`;

  it('ranks the right entry first for at least 90% of in-scope questions', () => {
    const misses = results.filter((r) => !right(r)).map((r) => `${r.text} → ${r.best.faqId}`);
    expect(results.length - misses.length, misses.join('\n')).toBeGreaterThanOrEqual(Math.ceil(0.9 * results.length));
  });

  it('answers most of them on its own, and is right at least 95% of the time when it does', () => {
    const answered = results.filter((r) => r.decision === 'answer');
    const wrong = answered.filter((r) => !right(r)).map((r) => `${r.text} → ${r.best.faqId} (${r.best.confidence.toFixed(2)})`);
    expect(answered.length).toBeGreaterThanOrEqual(Math.ceil(0.75 * results.length));
    expect(answered.length - wrong.length, wrong.join('\n')).toBeGreaterThanOrEqual(Math.ceil(0.95 * answered.length));
  });

  it('never answers an out-of-scope question on its own, and hands most straight to a human', () => {
    const answered = outOfScope.filter((s) => s.decision === 'answer').map((s) => `${s.text} → ${s.best.faqId} (${s.best.confidence.toFixed(2)})`);
    expect(answered, answered.join('\n')).toEqual([]);
    expect(outOfScope.filter((s) => s.decision === 'escalate').length).toBeGreaterThanOrEqual(Math.ceil(0.8 * outOfScope.length));
  });
});
