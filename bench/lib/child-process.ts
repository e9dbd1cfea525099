/**
 * Starts Node processes in their own process group (detached), so that killing the group also kills
 * anything they started, and waits for a JSON log line that says they are ready.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Cleanup } from './cleanup.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface NodeChild {
  pid: number;
  /** Parsed JSON lines printed on stdout so far. */
  lines: Array<Record<string, unknown>>;
  /** SIGTERM to the group, then SIGKILL after `graceMs`; resolves once the process exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartNodeOptions {
  /** A TypeScript or JavaScript file relative to the repository root, run through tsx. */
  entry: string;
  args?: string[];
  env: Record<string, string>;
  /** After ready, only lines matching this are parsed and kept (the hub logs every request at info). */
  keepAfterReady?: RegExp;
  /** Resolves when a printed JSON line satisfies this. */
  ready: (line: Record<string, unknown>) => boolean;
  timeoutMs?: number;
  cleanup: Cleanup;
  label: string;
}

export async function startNode(options: StartNodeOptions): Promise<NodeChild & { readyLine: Record<string, unknown> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', options.entry, ...(options.args ?? [])], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid!;
  const stop = (graceMs = 5000) => stopGroup(child, graceMs);
  options.cleanup.add(options.label, () => stop(2000));
  const lines: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000); });
  const readyLine = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${options.label} did not start within ${options.timeoutMs ?? 60_000} ms: ${stderr}`)), options.timeoutMs ?? 60_000);
    let ready = false;
    createInterface({ input: child.stdout! }).on('line', (text) => {
      if (ready && !(options.keepAfterReady?.test(text) ?? true)) return;
      const line = parseJson(text);
      if (!line) return;
      lines.push(line);
      if (!ready && options.ready(line)) { ready = true; clearTimeout(timer); resolve(line); }
    });
    child.once('exit', (code, signal) => { clearTimeout(timer); reject(new Error(`${options.label} exited (${code ?? signal}) before it was ready: ${stderr}`)); });
  });
  return { pid, lines, stop, readyLine };
}

function stopGroup(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = (signal: NodeJS.Signals) => { try { process.kill(-child.pid!, signal); } catch { /* already gone */ } };
    const timer = setTimeout(() => kill('SIGKILL'), graceMs);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    kill('SIGTERM');
  });
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
