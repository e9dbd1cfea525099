/**
 * The word-based matcher kept on disk per knowledge-base version: a one-off process (`npm run ask`) on an
 * unchanged FAQ reads the trained model instead of training it again (about 2 s for the sample FAQ).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { matcherFromState, trainMatcherState, type MatcherState, type FaqTrainingEntry, type Matcher } from '../matcher/index.ts';
import { matcherCodeVersion } from './code-version.ts';

const PREFIX = 'lexical-';

/** Trains like `trainMatcher`, through a cache in `directory`; a cache that fails costs training time only. */
export function storedTrainer(directory: string): (entries: readonly FaqTrainingEntry[]) => Promise<Matcher> {
  return async (entries) => {
    const hash = createHash('sha256').update(await matcherCodeVersion());
    for (const { id, question, alternatives } of entries) hash.update('\0').update(JSON.stringify([id, question, alternatives]));
    const file = join(directory, `${PREFIX}${hash.digest('hex').slice(0, 24)}.v8`);
    const stored = await readFile(file).then((bytes) => deserialize(bytes) as MatcherState, () => undefined);
    if (stored) return matcherFromState(stored);
    const state = trainMatcherState(entries);
    await keep(directory, file, state).catch(() => undefined);
    return matcherFromState(state);
  };
}

/** Written aside and renamed; the one before stays (another process may be reading it), older ones go. */
async function keep(directory: string, file: string, state: MatcherState): Promise<void> {
  await mkdir(directory, { recursive: true });
  const partial = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(partial, serialize(state));
  await rename(partial, file);
  const others = (await readdir(directory)).filter((name) => name.startsWith(PREFIX) && name.endsWith('.v8')).map((name) => join(directory, name)).filter((other) => other !== file);
  const dated = await Promise.all(others.map(async (other) => ({ other, at: (await stat(other).catch(() => undefined))?.mtimeMs ?? 0 })));
  await Promise.all(dated.sort((a, b) => b.at - a.at).slice(1).map(({ other }) => rm(other, { force: true })));
}
