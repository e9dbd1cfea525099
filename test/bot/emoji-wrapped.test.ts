import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnswerEngine } from '../../bot/answer-engine.ts';
import type { KnowledgeEntry, KnowledgeSnapshot } from '../../bot/knowledge-base.ts';
import { trainMatcher } from '../../bot/matcher/index.ts';
import { meaningFromConfig } from '../../bot/meaning/from-config.ts';
import { normalizeText, tokenize } from '../../bot/text/normalize.ts';
import { DEFAULT_THRESHOLDS } from '../../core/routing/policy.ts';
import { loadSampleFaqs } from '../../prisma/seed/faq-ecommerce.ts';
import { decide } from '../support/decisions.ts';

// Issue 19: "😡😡 我的快递呢？？📦" was handed over while the same words plain were answered.
const logger = pino({ level: 'silent' });
const entries = new Map<string, KnowledgeEntry>(loadSampleFaqs().map((faq) => [`sample-${faq.id}`, { ...faq, id: `sample-${faq.id}` }]));
const snapshot: KnowledgeSnapshot = { matcher: trainMatcher([...entries.values()].sort((a, b) => (a.id < b.id ? -1 : 1))), entries, fingerprint: 'sample' };
const knowledge = { current: async () => snapshot };

/** Wrapped in emoji, and the same words plain. Emoji with a variation selector (☹️, ❤️, ⚠️) used to leave a stray word. */
const PAIRS: ReadonlyArray<[wrapped: string, plain: string]> = [
  ['😡😡 我的快递呢？？📦', '我的快递呢？？'],
  ['☹️☹️ 我的快递呢？？❤️', '我的快递呢？？'],
  ['⚠️ 退款三天了还没到账', '退款三天了还没到账'],
  ['怎么退货🙏🏻🙏🏻', '怎么退货'],
  ['👨‍👩‍👧 运费怎么算？包邮吗？🇨🇳', '运费怎么算？包邮吗？'],
  ['🙏🏻 how do i return this? 🙏🏻', 'how do i return this?'],
  ['delivery time?? ⏱️🚚💨', 'delivery time??'],
];

describe('emoji around a question', () => {
  it('are dropped by the shared normalization, joiners and selectors too; a keycap keeps its digit', () => {
    expect(normalizeText('☹️☹️ 我的快递呢？？❤️')).toBe('我的快递呢');
    expect(tokenize('👨‍👩‍👧 退货 🇨🇳')).toEqual(['退货']);
    expect(normalizeText('1️⃣')).toBe('1');
  });

  const engines = [
    { name: 'words alone', load: async () => createAnswerEngine({ knowledge, logger }) },
    {
      name: 'with the sentence encoder (the default)',
      load: async () => {
        const meaning = (await meaningFromConfig('use-lite', undefined, logger))!;
        await meaning.index.ready(snapshot);
        retire.push(() => meaning.index.close(), () => meaning.encoder.close?.());
        return createAnswerEngine({ knowledge, logger, meaning });
      },
    },
  ];
  const retire: Array<() => unknown> = [];
  afterAll(async () => {
    for (const close of retire) await close();
  });

  it.each(engines)('get the same decision as the plain words, $name', async ({ load }) => {
    const engine = await load();
    for (const [wrapped, plain] of PAIRS) {
      expect(await decide(engine, wrapped, DEFAULT_THRESHOLDS), wrapped).toEqual(await decide(engine, plain, DEFAULT_THRESHOLDS));
    }
  }, 120_000);
});

describe('ranked FAQs', () => {
  it('carry their locale, so routing can offer only the customer\'s language', async () => {
    const proposal = await createAnswerEngine({ knowledge, logger }).propose('how do i return this?');
    expect(proposal.kind === 'matched' && proposal.candidates.map((c) => c.locale)).toContain('en');
  });
});
