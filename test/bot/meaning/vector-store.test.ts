import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KnowledgeEntry, KnowledgeSnapshot } from '../../../bot/knowledge-base.ts';
import { trainMatcher } from '../../../bot/matcher/index.ts';
import { createMeaningIndex, type MeaningIndex } from '../../../bot/meaning/meaning-index.ts';
import type { SentenceEncoder } from '../../../bot/meaning/sentence-encoder.ts';
import { loadUseLiteEncoder } from '../../../bot/meaning/use-lite-encoder.ts';
import { createFileVectorStore } from '../../../bot/meaning/vector-store.ts';

const logger = pino({ level: 'silent' });
const vector = (...values: number[]) => Float32Array.from(values);

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'kefu-vectors-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('file vector store', () => {
  it('gives back the vectors of a version as saved, whatever the order of its phrasings', async () => {
    const store = createFileVectorStore(join(directory, 'cache'));
    expect(await store.load('use-lite', ['a', 'b'])).toEqual(new Map());
    await store.save('use-lite', new Map([['a', vector(1, 0)], ['b', vector(0, 1)]]));
    expect(await createFileVectorStore(join(directory, 'cache')).load('use-lite', ['b', 'a'])).toEqual(new Map([['a', vector(1, 0)], ['b', vector(0, 1)]]));
  });

  it('for a new version, offers the newest one of the same encoder only, and keeps two versions on disk', async () => {
    const store = createFileVectorStore(directory);
    await store.save('use-lite', new Map([['a', vector(1)]]));
    await store.save('provider:m', new Map([['a', vector(9)]]));
    await store.save('use-lite', new Map([['a', vector(1)], ['b', vector(2)]]));
    await store.save('use-lite', new Map([['a', vector(1)], ['b', vector(2)], ['c', vector(3)]]));
    expect(await store.load('use-lite', ['a', 'b', 'c', 'd'])).toEqual(new Map([['a', vector(1)], ['b', vector(2)], ['c', vector(3)]]));
    expect(await store.load('provider:m', ['a', 'z'])).toEqual(new Map([['a', vector(9)]]));
    expect((await readdir(directory)).filter((name) => name.includes('use-lite'))).toHaveLength(2);
  });

  it('reads a damaged file as nothing stored', async () => {
    const store = createFileVectorStore(directory);
    await store.save('use-lite', new Map([['a', vector(1)]]));
    const [file] = await readdir(directory);
    await writeFile(join(directory, file!), 'not a vector file');
    expect(await store.load('use-lite', ['a'])).toEqual(new Map());
  });
});

function entry(id: string, question: string, alternatives: string[]): KnowledgeEntry {
  return { id, question, alternatives, answer: `answer ${id}`, category: 'general', locale: 'en' };
}
const assistant = [
  entry('alarm', 'set an alarm', ['set an alarm for 6 am', 'create an alarm for tomorrow']),
  entry('music', 'play some music', ['put on a song', 'play the radio']),
  entry('weather', 'what is the weather today', ['is it going to rain', 'weather forecast for tomorrow']),
];
const snapshotOf = (entries: KnowledgeEntry[], fingerprint: string): KnowledgeSnapshot => ({
  matcher: trainMatcher(entries),
  entries: new Map(entries.map((e) => [e.id, e])),
  fingerprint,
});

describe('meaning index over a vector store', () => {
  let encoder: SentenceEncoder;
  const indexes: MeaningIndex[] = [];
  beforeAll(async () => {
    encoder = await loadUseLiteEncoder();
  });
  afterAll(async () => {
    await Promise.all(indexes.map((index) => index.close()));
  });

  /** A new index, as in a new process, with the real encoder counting what it embeds. */
  const freshIndex = () => {
    const counted = { texts: 0 };
    const counting: SentenceEncoder = { ...encoder, embed: async (texts) => ((counted.texts += texts.length), encoder.embed(texts)) };
    const index = createMeaningIndex(counting, logger, Date.now, createFileVectorStore(directory));
    indexes.push(index);
    return { index, counted };
  };

  it('embeds and trains nothing in a second process on the same FAQ, and embeds only the edit after a change, answering the same', async () => {
    const first = freshIndex();
    const firstMatcher = await first.index.ready(snapshotOf(assistant, 'v1'));
    expect(first.counted.texts).toBe(9);
    const question = 'wake me up at seven';
    const firstAnswer = await firstMatcher!.match(question, (await encoder.embed([question]))[0]);

    const second = freshIndex();
    const secondMatcher = await second.index.ready(snapshotOf(assistant, 'v1'));
    expect(second.counted.texts).toBe(0);
    // Read back, the stored model answers exactly as the one just trained.
    expect((await readdir(directory)).filter((name) => name.startsWith('model-'))).toHaveLength(1);
    expect(await secondMatcher!.match(question, (await encoder.embed([question]))[0])).toEqual(firstAnswer);
    expect(await secondMatcher!.match('play something by queen', (await encoder.embed(['play something by queen']))[0])).toEqual(
      await firstMatcher!.match('play something by queen', (await encoder.embed(['play something by queen']))[0]),
    );

    const edited = assistant.map((e) => (e.id === 'music' ? { ...e, alternatives: [...e.alternatives, 'shuffle my songs'] } : e));
    const third = freshIndex();
    expect(await third.index.ready(snapshotOf(edited, 'v2'))).toBeDefined();
    expect(third.counted.texts).toBe(1);
  });
});
