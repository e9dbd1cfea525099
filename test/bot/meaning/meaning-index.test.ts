import pino from 'pino';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../support/decisions.ts';
import { createAnswerEngine } from '../../../bot/answer-engine.ts';
import type { KnowledgeEntry, KnowledgeSnapshot } from '../../../bot/knowledge-base.ts';
import { trainMatcher } from '../../../bot/matcher/index.ts';
import { createMeaningIndex as createIndex, type MeaningIndex } from '../../../bot/meaning/meaning-index.ts';
import type { SentenceEncoder } from '../../../bot/meaning/sentence-encoder.ts';
import { loadUseLiteEncoder } from '../../../bot/meaning/use-lite-encoder.ts';
import { loadSampleFaqs } from '../../../prisma/seed/faq-ecommerce.ts';

const logger = pino({ level: 'silent' });
const thresholds = { answerThreshold: 0.5, suggestThreshold: 0.2, closeRunnerUp: 0.3 };

function entry(id: string, question: string, alternatives: string[]): KnowledgeEntry {
  return { id, question, alternatives, answer: `answer ${id}`, category: 'general', locale: 'en' };
}

const assistant = [
  entry('alarm', 'set an alarm', ['set an alarm for 6 am', 'create an alarm for tomorrow', 'alarm at 7 please']),
  entry('music', 'play some music', ['put on a song', 'play the radio', 'play my playlist']),
  entry('weather', 'what is the weather today', ['is it going to rain', 'weather forecast for tomorrow', 'how hot is it outside']),
  entry('timer', 'start a timer', ['set a timer for ten minutes', 'countdown five minutes', 'timer for the pasta']),
  entry('reminder', 'remind me to call mum', ['add a reminder', 'remind me about the meeting', 'set a reminder for friday']),
];

function snapshotOf(entries: KnowledgeEntry[], fingerprint: string): KnowledgeSnapshot {
  return { matcher: trainMatcher(entries), entries: new Map(entries.map((e) => [e.id, e])), fingerprint };
}

/** The real encoder, telling `embedded` about each batch it has embedded. */
function observed(encoder: SentenceEncoder, embedded: (texts: readonly string[]) => void): SentenceEncoder {
  return {
    name: encoder.name,
    covers: encoder.covers,
    blockingBatch: encoder.blockingBatch,
    embed: async (texts) => {
      const vectors = await encoder.embed(texts);
      embedded(texts);
      return vectors;
    },
  };
}

/** The real encoder, counting the texts it embeds. */
function counting(encoder: SentenceEncoder): SentenceEncoder & { texts: number } {
  const counted = { ...observed(encoder, (texts) => (counted.texts += texts.length)), texts: 0 };
  return counted;
}

/** Every index a test makes, closed after it: each holds a worker thread. */
const indexes: MeaningIndex[] = [];
function createMeaningIndex(...args: Parameters<typeof createIndex>): MeaningIndex {
  const index = createIndex(...args);
  indexes.push(index);
  return index;
}

describe('meaning index', () => {
  let encoder: SentenceEncoder;
  beforeAll(async () => {
    encoder = await loadUseLiteEncoder();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(indexes.splice(0).map((index) => index.close()));
  });

  it('ranks a paraphrase with no words in common by meaning', async () => {
    const snapshot = snapshotOf(assistant, 'v1');
    const index = createMeaningIndex(encoder, logger);
    expect(index.forSnapshot(snapshot)).toBeUndefined(); // building in the background
    const matcher = await index.ready(snapshot);
    const question = 'wake me up at seven tomorrow morning';
    const [vector] = await encoder.embed([question]);
    const withMeaning = await matcher!.match(question, vector, 5);
    const lexical = snapshot.matcher.match(question, 5).candidates;
    const lexicalAlarm = lexical.find((c) => c.faqId === 'alarm')?.confidence ?? 0;
    expect(lexical[0]!.faqId).not.toBe('alarm'); // "tomorrow" pulls the lexical matcher to the weather
    expect(withMeaning[0]!.faqId).toBe('alarm');
    expect(withMeaning[0]!.confidence).toBeGreaterThan(lexicalAlarm);
    expect(index.forSnapshot(snapshot)).toBe(matcher);
  }, 30_000);

  it('after an edit embeds only the changed phrasings', async () => {
    const counted = counting(encoder);
    const index = createMeaningIndex(counted, logger);
    await index.ready(snapshotOf(assistant, 'v1'));
    const phrasings = assistant.reduce((n, e) => n + 1 + e.alternatives.length, 0);
    expect(counted.texts).toBe(phrasings);
    const edited = assistant.map((e) => (e.id === 'music' ? { ...e, alternatives: [...e.alternatives, 'shuffle my songs'] } : e));
    expect(await index.ready(snapshotOf(edited, 'v2'))).toBeDefined();
    expect(counted.texts).toBe(phrasings + 1);
  }, 30_000);

  it('answers with the lexical matcher alone when the encoder fails, and says so in the log', async () => {
    const snapshot = snapshotOf(assistant, 'v1');
    let failing = false;
    const flaky: SentenceEncoder = {
      name: 'flaky',
      covers: encoder.covers,
      embed: (texts) => (failing ? Promise.reject(new Error('encoder crashed')) : encoder.embed(texts)),
    };
    const index = createMeaningIndex(flaky, logger);
    await index.ready(snapshot);
    const warnings: string[] = [];
    const recording = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line).msg) });
    const engine = createAnswerEngine({ knowledge: { current: async () => snapshot }, logger: recording, meaning: { encoder: flaky, index } });
    const plain = createAnswerEngine({ knowledge: { current: async () => snapshot }, logger });
    failing = true;
    const question = 'set an alarm for 8 am';
    expect(await decide(engine, question, thresholds)).toEqual(await decide(plain, question, thresholds));
    expect(warnings).toContain('sentence encoder failed; lexical matcher alone');
  }, 30_000);

  it('leaves Chinese questions to the lexical matcher', async () => {
    const snapshot = snapshotOf([...assistant, entry('refund', '退款多久到账', ['退款什么时候到', '钱什么时候退回来'])], 'v3');
    const counted = counting(encoder);
    const index = createMeaningIndex(counted, logger);
    await index.ready(snapshot);
    const before = counted.texts;
    const engine = createAnswerEngine({ knowledge: { current: async () => snapshot }, logger, meaning: { encoder: counted, index } });
    const plain = createAnswerEngine({ knowledge: { current: async () => snapshot }, logger });
    expect(await decide(engine, '退款几天到账', thresholds)).toEqual(await decide(plain, '退款几天到账', thresholds));
    expect(counted.texts).toBe(before);
  }, 30_000);
  it('keeps the event loop turning while the matcher trains', async () => {
    // The sample FAQ: about 500 phrasings, seconds of training, which used to hold the hub's only thread.
    const entries: KnowledgeEntry[] = loadSampleFaqs();
    const snapshot = snapshotOf(entries, 'sample');
    let lastEmbedDone = Number.POSITIVE_INFINITY;
    const timed = observed(encoder, () => (lastEmbedDone = performance.now()));
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 5);
    try {
      expect(await createMeaningIndex(timed, logger).ready(snapshot)).toBeDefined();
    } finally {
      clearInterval(timer);
    }
    // Training starts after the last phrasing is embedded; on the main thread the timer never fired then.
    expect(ticks.filter((at) => at > lastEmbedDone).length).toBeGreaterThan(10);
  }, 60_000);

  it('answers lexically when its worker stops, and builds again after the retry pause', async () => {
    let clock = 0;
    const snapshot = snapshotOf(assistant, 'v1');
    const index = createMeaningIndex(encoder, logger, () => clock);
    const first = await index.ready(snapshot);
    first!.retire();
    await expect.poll(() => first!.alive).toBe(false);
    const [vector] = await encoder.embed(['set an alarm for 6 am']);
    await expect(first!.match('set an alarm for 6 am', vector)).rejects.toThrow(/stopped/);
    expect(index.forSnapshot(snapshot)).toBeUndefined();
    expect(await index.ready(snapshot)).toBeUndefined(); // within the pause: no new build
    clock += 61_000;
    const second = await index.ready(snapshot);
    expect(second).toBeDefined();
    expect((await second!.match('set an alarm for 6 am', vector))[0]!.faqId).toBe('alarm');
  }, 60_000);
  it('on close, stops a training in progress instead of waiting for it', async () => {
    const entries: KnowledgeEntry[] = loadSampleFaqs();
    let embeddedAll!: () => void;
    const allEmbedded = new Promise<void>((resolve) => (embeddedAll = resolve));
    const phrasings = new Set(entries.flatMap((e) => [e.question, ...e.alternatives]).filter((text) => encoder.covers(text))).size;
    let embedded = 0;
    const watched = observed(encoder, (texts) => {
      embedded += texts.length;
      if (embedded === phrasings) embeddedAll();
    });
    const index = createIndex(watched, logger);
    const building = index.ready(snapshotOf(entries, 'sample'));
    await allEmbedded;
    // Give the training (seconds for the sample FAQ) time to start in its worker.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const closing = performance.now();
    await index.close();
    expect(performance.now() - closing).toBeLessThan(1500);
    expect(await building).toBeUndefined();
  }, 60_000);
});
