/**
 * Runs the hub as a real operating-system process (`npm start`'s entry point), so tests can kill it with
 * SIGKILL the way a crash or an OOM kill would, and start another one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface HubProcess {
  /** The HTTP port the process bound (undefined for a worker). */
  port?: number;
  /** The JSON log lines it printed so far. */
  logs: Array<Record<string, unknown>>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `app/main.ts` in `role` and resolves once it logged "hub started". */
export async function startHubProcess(role: 'all' | 'web' | 'worker', environment: Record<string, string>, timeoutMs = 30_000): Promise<HubProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts', `--role=${role}`], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...environment, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const started = new Promise<Record<string, unknown>>((resolve, reject) => {
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
  const ready = await started;
  return { port: typeof ready.port === 'number' ? ready.port : undefined, logs, kill: (signal = 'SIGKILL') => stop(child, signal) };
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
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
