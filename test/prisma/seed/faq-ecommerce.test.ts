import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../core/errors.ts';
import type { FaqTrainingEntry } from '../../../bot/matcher/types.ts';
import {
  MIN_ALTERNATIVES,
  loadSampleFaqs,
  parseSampleFaqs,
  sampleFaqTopic,
  type SeedFaq,
} from '../../../prisma/seed/faq-ecommerce.ts';

const REQUIRED_CATEGORIES = ['shipping', 'returns', 'refunds', 'payment', 'invoices', 'order_status', 'account', 'hours'];

/** Same text for a customer: width, case, punctuation and spacing do not matter. */
function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function phrasings(faq: SeedFaq): string[] {
  return [faq.question, ...faq.alternatives];
}

// Words that carry no intent; without them "how long does delivery take" and "how long does a refund take"
// are compared on "delivery" vs "refund", which is what a customer's intent hinges on.
const ENGLISH_FILLER = new Set(
  ('a an the i im my me you your u we our us is are am be do does did can could will would to of for in on at ' +
    'it its this that and or with what whats how when where which who why if pls please any some have has get')
    .split(' '),
);

/** Content features: Chinese character bigrams, English non-filler words. */
function contentFeatures(text: string): Set<string> {
  const features = new Set<string>();
  for (const word of text.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (/\p{Script=Han}/u.test(word)) {
      for (let i = 0; i + 1 < word.length; i++) features.add(word.slice(i, i + 2));
    } else if (word !== '' && !ENGLISH_FILLER.has(word)) {
      features.add(word);
    }
  }
  return features;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

describe('sample e-commerce FAQ content', () => {
  const faqs = loadSampleFaqs();

  it('has at least 50 entries in both locales, each with enough alternatives', () => {
    expect(faqs.length).toBeGreaterThanOrEqual(50);
    expect(new Set(faqs.map((f) => f.locale))).toEqual(new Set(['zh', 'en']));
    for (const faq of faqs) expect(faq.alternatives.length, faq.id).toBeGreaterThanOrEqual(4);
  });

  it('has unique ids', () => {
    const ids = faqs.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('covers every required category in both locales', () => {
    for (const locale of ['zh', 'en']) {
      const present = new Set(faqs.filter((f) => f.locale === locale).map((f) => f.category));
      for (const category of REQUIRED_CATEGORIES) expect(present.has(category as SeedFaq['category']), `${category}/${locale}`).toBe(true);
    }
  });

  it('pairs every topic with exactly one zh and one en entry of the same category', () => {
    const byTopic = new Map<string, SeedFaq[]>();
    for (const faq of faqs) byTopic.set(sampleFaqTopic(faq), [...(byTopic.get(sampleFaqTopic(faq)) ?? []), faq]);
    expect(byTopic.size).toBeGreaterThanOrEqual(25);
    for (const [topic, entries] of byTopic) {
      expect(entries.map((e) => e.locale).sort(), topic).toEqual(['en', 'zh']);
      expect(entries[0]?.category, topic).toBe(entries[1]?.category);
    }
  });

  it('writes each entry in its own language', () => {
    const han = /\p{Script=Han}/u;
    for (const faq of faqs) {
      for (const text of [faq.question, faq.answer]) expect(han.test(text), `${faq.id}: ${text}`).toBe(faq.locale === 'zh');
    }
  });

  it('never repeats a phrasing, within or across entries', () => {
    const owner = new Map<string, string>();
    for (const faq of faqs) {
      for (const text of phrasings(faq)) {
        const key = normalize(text);
        expect(owner.get(key), `"${text}" in ${faq.id}`).toBeUndefined();
        owner.set(key, faq.id);
      }
    }
  });

  it('has no phrasing that is a near-duplicate of another topic’s phrasing', () => {
    // 0.75: two phrasings sharing three quarters of their content words/bigrams would read as one intent.
    const all = faqs.flatMap((faq) => phrasings(faq).map((text) => ({ topic: sampleFaqTopic(faq), text, features: contentFeatures(text) })));
    const clashes: string[] = [];
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const a = all[i]!;
        const b = all[j]!;
        if (a.topic !== b.topic && jaccard(a.features, b.features) >= 0.75) clashes.push(`${a.topic} "${a.text}" ~ ${b.topic} "${b.text}"`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('keeps shared facts consistent across answers', () => {
    const answers = faqs.map((f) => f.answer).join('\n');
    // Service hours and the hotline appear in several answers; a changed figure must change everywhere.
    expect(answers.match(/\d{1,2}:00–\d{1,2}:00/g)?.filter((h) => h !== '9:00–21:00' && h !== '10:00–18:00')).toEqual([]);
    expect(answers.match(/400-\d{3}-\d{4}/g)?.every((p) => p === '400-123-4567')).toBe(true);
  });

  it('can be used directly as matcher training entries', () => {
    const entries: readonly FaqTrainingEntry[] = faqs;
    expect(entries.every((e) => e.alternatives.length >= MIN_ALTERNATIVES && e.answer !== undefined)).toBe(true);
  });
});

describe('loadSampleFaqs on a bad file', () => {
  let dir: string;
  const valid = (): Record<string, unknown> => ({
    id: 'shipping-time-zh',
    category: 'shipping',
    locale: 'zh',
    question: '多久到货？',
    alternatives: ['几天到', '啥时候到', '多久能送到', '快递几天'],
    answer: '1–3 天。',
  });
  const write = (content: string): string => {
    const file = join(dir, 'faq.json');
    writeFileSync(file, content);
    return file;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kefu-seed-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts a valid file', () => {
    expect(loadSampleFaqs(write(JSON.stringify([valid()])))).toEqual([valid()]);
  });

  it('rejects invalid JSON, naming the file', () => {
    const file = write('[{"id": ');
    expect(() => loadSampleFaqs(file)).toThrow(ConfigError);
    expect(() => loadSampleFaqs(file)).toThrow(/faq\.json is not valid JSON/);
  });

  it('rejects a missing file', () => {
    expect(() => loadSampleFaqs(join(dir, 'absent.json'))).toThrow(/Cannot read sample FAQ file .*absent\.json/);
  });

  it('names the entry and field that is wrong', () => {
    const file = write(JSON.stringify([valid(), { ...valid(), id: 'shipping-cost-zh', alternatives: ['太少'] }]));
    expect(() => loadSampleFaqs(file)).toThrow(/entry 1 \(shipping-cost-zh\) alternatives: needs at least 4 alternatives/);
  });

  it('rejects an unknown category, an unknown field and a missing answer', () => {
    expect(() => parseSampleFaqs([{ ...valid(), category: 'misc' }], 'x')).toThrow(/entry 0 \(shipping-time-zh\) category/);
    expect(() => parseSampleFaqs([{ ...valid(), topic: 'shipping' }], 'x')).toThrow(/entry 0 \(shipping-time-zh\).*topic/);
    const { answer: _answer, ...noAnswer } = valid();
    expect(() => parseSampleFaqs([noAnswer], 'x')).toThrow(/entry 0 \(shipping-time-zh\) answer/);
  });

  it('rejects duplicate ids and an id whose suffix contradicts its locale', () => {
    expect(() => parseSampleFaqs([valid(), valid()], 'x')).toThrow(/entry 1 \(shipping-time-zh\) id: duplicate id/);
    expect(() => parseSampleFaqs([{ ...valid(), locale: 'en' }], 'x')).toThrow(/entry 0 \(shipping-time-zh\) id: id suffix must match locale/);
  });

  it('rejects a file that is not a list', () => {
    expect(() => parseSampleFaqs({ faqs: [valid()] }, 'x')).toThrow(ConfigError);
    expect(() => parseSampleFaqs({ faqs: [valid()] }, 'x')).toThrow(/file: .*array/);
  });
});
