/**
 * Runs the hub as a real operating-system process (`npm start`'s node command), so tests can kill it with
 * SIGKILL the way a crash or an OOM kill would, and start another one. Every process runs in its own process
 * group: call {@link stopAllHubProcesses} in `afterAll` so none outlives the test file, whatever happened.
 */
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { killAllGroups, spawnInGroup, stopGroup } from './process-groups.ts';
import { REPO_ROOT, startNodeArguments } from './start-script.ts';

/**
 * How long a start may take: migrations, seeding and the first training on a 2-core CI machine at load 8
 * took over 30 s. A start that hangs still fails, just later.
 */
export const HUB_START_TIMEOUT_MS = 120_000;

export interface HubProcess {
  /** The HTTP port the process bound (undefined for a worker). */
  port?: number;
  /** The JSON log lines it printed so far. */
  logs: Array<Record<string, unknown>>;
  /** Signals the process (SIGKILL unless told) and waits until it and anything it started are gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the hub in `role` and resolves once it logged "hub started"; a process that does not is killed. */
export async function startHubProcess(role: 'all' | 'web' | 'worker', environment: Record<string, string>, timeoutMs = HUB_START_TIMEOUT_MS): Promise<HubProcess> {
  const child = spawnInGroup(process.execPath, [...startNodeArguments(), `--role=${role}`], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...environment, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  try {
    const ready = await waitForStart(child, role, logs, timeoutMs);
    return { port: typeof ready.port === 'number' ? ready.port : undefined, logs, kill: (signal = 'SIGKILL') => stopGroup(child, signal) };
  } catch (error) {
    await stopGroup(child, 'SIGKILL');
    throw error;
  }
}

/** For `afterAll`: every hub process still running, started by this test file. */
export const stopAllHubProcesses = killAllGroups;

/** Resolves with the "hub started" log line; rejects if the process exits or the time is up first. */
export function waitForStart(child: ChildProcess, role: string, logs: Array<Record<string, unknown>>, timeoutMs: number): Promise<Record<string, unknown>> {
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${role} process did not start in ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = parseJson(line);
      if (!entry) return;
      logs.push(entry);
      if (entry.msg === 'hub started') {
        clearTimeout(timer);
        resolve(entry);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${role} process exited with ${code} before it started: ${stderr}`));
    });
  });
}

function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
