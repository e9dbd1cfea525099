/**
 * The documented start command, read from package.json: tests run the hub exactly as `npm start` does, and
 * the entry point is named in one place only (it moves with the composition root).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const scripts = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** A package.json script's words, e.g. `['exec', 'node', '--import', 'tsx', 'core/runtime/main.ts']`. */
export function scriptWords(name: 'start' | 'start:web' | 'start:worker'): string[] {
  const script = scripts[name];
  if (!script) throw new Error(`package.json has no "${name}" script`);
  return script.trim().split(/\s+/);
}

/** The node arguments of `npm start` (loader and entry), for starting the hub without npm in between. */
export function startNodeArguments(): string[] {
  const [exec, command, ...args] = scriptWords('start');
  if (exec !== 'exec' || command !== 'node') throw new Error(`"start" should exec node (signals must reach the hub), got: ${exec} ${command}`);
  return args;
}
