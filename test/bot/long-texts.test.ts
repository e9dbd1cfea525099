/**
 * One very long token used to grow the spelling corrector's work with the cube of its length and kill the
 * process (issue #18). These texts must finish and still be answered; no timing is asserted, only that the
 * work completes (a regression shows as a crash or a test timeout).
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createAnswerEngine } from '../../bot/answer-engine.ts';
import { defaultComplaintDetector } from '../../bot/emotion/default-detector.ts';
import type { KnowledgeEntry, KnowledgeSnapshot } from '../../bot/knowledge-base.ts';
import { trainMatcher } from '../../bot/matcher/index.ts';
import { buildCorrector } from '../../bot/matcher/spelling.ts';
import { boundedText, MAX_TEXT_READ } from '../../bot/text/bounded.ts';
import { shopFaq } from './matcher/fixtures/shop-faq.ts';

const entries = new Map<string, KnowledgeEntry>(shopFaq.map((faq) => [faq.id, { ...faq, answer: `About ${faq.id}.`, category: 'shop', locale: 'en' }]));
const snapshot: KnowledgeSnapshot = { matcher: trainMatcher([...entries.values()]), entries, fingerprint: 'v1' };
const engine = createAnswerEngine({ knowledge: { current: async () => snapshot }, logger: pino({ level: 'silent' }) });

const LONG_TEXTS = [
  ['one 32,000-letter token', 'a'.repeat(32_000)],
  ['32,000 characters without a space', 'refundwhereismyparcel'.repeat(1600).slice(0, 32_000)],
  ['a question followed by a 32,000-letter token', `How long does shipping take? ${'x'.repeat(32_000)}`],
] as const;

describe('long texts', () => {
  it.each(LONG_TEXTS)('%s: matched, scored and proposed', async (_name, text) => {
    expect(Array.isArray(snapshot.matcher.match(text).candidates)).toBe(true);
    expect(defaultComplaintDetector.score(text).risk).toBeGreaterThanOrEqual(0);
    const proposal = await engine.propose(text);
    expect(proposal.kind).toBe('matched');
  });

  it('still answers the question at the start of a long text', async () => {
    const proposal = await engine.propose(`How long does shipping take? ${'x'.repeat(32_000)}`);
    expect(proposal.kind === 'matched' && proposal.candidates[0]?.faqId).toBe(shopFaq.find((faq) => /shipping take/i.test(faq.question))?.id);
  });

  it('leaves a token longer than 30 letters uncorrected', () => {
    const correct = buildCorrector(new Map([['refund', 3]]));
    expect(correct('refnd')).toBe('refund');
    expect(correct('refnd'.repeat(7))).toBe('refnd'.repeat(7));
    expect(correct('a'.repeat(32_000))).toBe('a'.repeat(32_000));
  });

  it('bounds the text read without splitting a character', () => {
    expect(boundedText('abc')).toBe('abc');
    expect(boundedText('x'.repeat(5_000))).toHaveLength(MAX_TEXT_READ);
    const emoji = `${'x'.repeat(MAX_TEXT_READ - 1)}😀`;
    expect(boundedText(emoji)).toBe('x'.repeat(MAX_TEXT_READ - 1));
  });
});
