/**
 * Sentence vectors of a knowledge base's phrasings kept on disk, one file per knowledge-base version
 * (a hash of the encoder's name and the phrasings), so a process that starts on an unchanged FAQ — every
 * `npm run ask`, a restarted worker — reads them instead of embedding every phrasing again (seconds of CPU
 * for the sample FAQ, minutes for a large one). After an edit, the newest file of the same encoder still
 * gives the unchanged phrasings' vectors: only the changed ones are embedded.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FaqTrainingEntry } from '../matcher/index.ts';
import { matcherCodeVersion } from '../training/code-version.ts';

export interface VectorStore {
  /** Vectors by text for this encoder and phrasings; those of the newest other version when there is none. */
  load(encoderName: string, texts: readonly string[]): Promise<Map<string, Float32Array>>;
  /** Keeps the vectors of exactly these phrasings as this version; older versions of the encoder go. */
  save(encoderName: string, vectors: ReadonlyMap<string, Float32Array>): Promise<void>;
  /**
   * Where the meaning matcher trained on these entries with this encoder is kept (bot/meaning/matcher-worker.ts
   * reads or writes it). The key includes the matcher's own source code, so an upgrade never reads a model
   * trained by other code. Older models of the encoder go.
   */
  modelFile(encoderName: string, entries: readonly FaqTrainingEntry[]): Promise<string>;
}

interface StoredVectors {
  encoder: string;
  texts: string[];
  vectors: Float32Array[];
}

/** Files kept per encoder: the current version and the one before (another process may still read it). */
const KEEP_VERSIONS = 2;

/**
 * A store in `directory` (created when first written). A missing, unreadable or foreign file only means
 * "embed again": the cache can always be deleted.
 */
export function createFileVectorStore(directory: string): VectorStore {
  const safe = (encoderName: string) => encoderName.replace(/[^A-Za-z0-9_-]+/g, '_');
  const prefix = (encoderName: string, kind = 'vectors') => `${kind}-${safe(encoderName)}-`;
  const fileOf = (encoderName: string, texts: readonly string[]) => join(directory, `${prefix(encoderName)}${versionOf(encoderName, texts)}.v8`);

  /** This encoder's files of one kind, newest first. */
  async function versions(encoderName: string, kind = 'vectors'): Promise<string[]> {
    const names = await readdir(directory).catch(() => [] as string[]);
    const files = names.filter((name) => name.startsWith(prefix(encoderName, kind)) && name.endsWith('.v8')).map((name) => join(directory, name));
    const dated = await Promise.all(files.map(async (file) => ({ file, at: (await stat(file).catch(() => undefined))?.mtimeMs ?? 0 })));
    return dated.sort((a, b) => b.at - a.at).map(({ file }) => file);
  }

  async function read(file: string, encoderName: string): Promise<Map<string, Float32Array> | undefined> {
    try {
      const stored = deserialize(await readFile(file)) as StoredVectors;
      if (stored.encoder !== encoderName || stored.texts.length !== stored.vectors.length) return undefined;
      return new Map(stored.texts.map((text, i) => [text, stored.vectors[i]!]));
    } catch {
      return undefined;
    }
  }

  return {
    async load(encoderName, texts) {
      const exact = await read(fileOf(encoderName, texts), encoderName);
      if (exact) return exact;
      const [newest] = await versions(encoderName);
      return (newest && (await read(newest, encoderName))) || new Map();
    },
    async save(encoderName, vectors) {
      const texts = [...vectors.keys()];
      const file = fileOf(encoderName, texts);
      const stored: StoredVectors = { encoder: encoderName, texts, vectors: texts.map((text) => vectors.get(text)!) };
      await mkdir(directory, { recursive: true });
      // Written aside and renamed: a reader never sees half a file, even with two processes saving at once.
      const partial = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(partial, serialize(stored));
      await rename(partial, file);
      await pruneAllBut(file, await versions(encoderName));
    },
    async modelFile(encoderName, entries) {
      await mkdir(directory, { recursive: true });
      const hash = createHash('sha256').update(await matcherCodeVersion()).update('\0').update(encoderName);
      for (const { id, question, alternatives } of entries) hash.update('\0').update(JSON.stringify([id, question, alternatives]));
      const file = join(directory, `${prefix(encoderName, 'model')}${hash.digest('hex').slice(0, 24)}.v8`);
      await pruneAllBut(file, await versions(encoderName, 'model'));
      return file;
    },
  };
}

/** Deletes all but `current` and the newest other version (another process may still be reading it). */
async function pruneAllBut(current: string, newestFirst: readonly string[]): Promise<void> {
  const older = newestFirst.filter((other) => other !== current).slice(KEEP_VERSIONS - 1);
  await Promise.all(older.map((other) => rm(other, { force: true })));
}

/** The knowledge-base version as the encoder sees it: its name and the set of phrasings, in any order. */
function versionOf(encoderName: string, texts: readonly string[]): string {
  const hash = createHash('sha256').update(encoderName).update('\0');
  for (const text of [...new Set(texts)].sort()) hash.update(text).update('\0');
  return hash.digest('hex').slice(0, 24);
}
