import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../lib/child-process.ts';

export interface MatcherFigures {
  faqs: number;
  phrasings: number;
  trainMs: number;
  matchP50Ms: number;
  matchP99Ms: number;
  heapUsedBytes: number;
  rssBytes: number;
  rssGrowthBytes: number;
  hostile: Array<{ name: string; chars: number; ms: number }>;
}

/** Synthetic FAQs (half Chinese, eval/matcher/speed.ts) at each size, each in a fresh process. */
export async function measureMatcher(sizes: readonly number[], phrasings: number, queries: number): Promise<MatcherFigures[]> {
  const results: MatcherFigures[] = [];
  for (const faqs of sizes) {
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/matcher/matcher-child.ts', String(faqs), String(phrasings), String(queries)], {
      cwd: REPO_ROOT,
      maxBuffer: 10 * 1024 * 1024,
      timeout: 600_000,
      killSignal: 'SIGKILL',
    });
    results.push(JSON.parse(stdout.trim().split('\n').pop()!) as MatcherFigures);
  }
  return results;
}

export interface LongWordFigures {
  name: string;
  /** Match time by token length, as far as the process got. */
  byLength: Array<{ chars: number; ms: number }>;
  /** What stopped it: finished, killed at the time limit, or died (out of memory). */
  outcome: 'finished' | 'timed out' | 'crashed';
}

/** Each long word in its own process at 100 FAQs, killed after `timeoutMs`. */
export async function measureLongWords(names: readonly string[], timeoutMs: number): Promise<LongWordFigures[]> {
  const results: LongWordFigures[] = [];
  for (const name of names) {
    const outcome = await new Promise<{ stdout: string; outcome: LongWordFigures['outcome'] }>((resolve) => {
      execFile(process.execPath, ['--max-old-space-size=1024', '--import', 'tsx', 'bench/matcher/matcher-child.ts', 'long-word', name], {
        cwd: REPO_ROOT, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024,
      }, (error, stdout) => {
        const killed = (error as { killed?: boolean } | null)?.killed === true;
        resolve({ stdout, outcome: error === null ? 'finished' : killed ? 'timed out' : 'crashed' });
      });
    });
    const byLength = outcome.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { chars: number; ms: number }).map(({ chars, ms }) => ({ chars, ms }));
    results.push({ name, byLength, outcome: outcome.outcome });
  }
  return results;
}
