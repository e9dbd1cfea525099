/**
 * Which code a stored model was trained by: a model kept on disk is reused only by the same matcher code,
 * so an upgrade that changes how it trains or scores never answers with a model trained the old way.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

let codeVersion: Promise<string> | undefined;

/** A hash of the source of everything a trained model depends on: the matcher, its numeric pieces, text normalization, seeds. */
export function matcherCodeVersion(): Promise<string> {
  codeVersion ??= (async () => {
    const hash = createHash('sha256');
    for (const folder of ['../matcher/', '../numeric/', '../text/']) {
      const directory = fileURLToPath(new URL(folder, import.meta.url));
      for (const name of (await readdir(directory)).filter((file) => file.endsWith('.ts')).sort()) {
        hash.update(name).update(await readFile(join(directory, name)));
      }
    }
    hash.update(await readFile(fileURLToPath(new URL('../random.ts', import.meta.url))));
    return hash.digest('hex');
  })();
  return codeVersion;
}
