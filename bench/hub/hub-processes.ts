/**
 * The hub as real processes, started the way an operator starts it (the `npm start` entry with env).
 */
import { startNode, type NodeChild } from '../lib/child-process.ts';
import type { Cleanup } from '../lib/cleanup.ts';

/** The process entry point (`npm start`). The one line to change when the composition root moves. */
export const HUB_ENTRY = 'app/main.ts';

export type HubRole = 'all' | 'web' | 'worker';

export interface HubChild extends NodeChild {
  role: HubRole;
  port?: number;
}

/** Log lines worth keeping once the hub runs: errors, and the encoder's "ready". */
const INTERESTING = /"level":(50|60)|meaning matcher ready/;

export async function startHub(role: HubRole, env: Record<string, string>, cleanup: Cleanup, label: string): Promise<HubChild> {
  const child = await startNode({
    entry: HUB_ENTRY,
    args: [`--role=${role}`],
    env: { ...env, LOG_LEVEL: 'info' },
    ready: (line) => line.msg === 'hub started',
    keepAfterReady: INTERESTING,
    timeoutMs: 120_000,
    cleanup,
    label,
  });
  const port = child.readyLine.port;
  return { ...child, role, ...(typeof port === 'number' ? { port } : {}) };
}

/** Waits until the process logged that the sentence encoder's matcher is built (MATCHER_ENCODER=use-lite). */
export async function waitForMeaning(child: HubChild, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.lines.some((line) => line.msg === 'meaning matcher ready')) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

export function errorLines(children: readonly HubChild[]): string[] {
  return children.flatMap((child) => child.lines.filter((line) => (line.level as number) >= 50).map((line) => `${child.role}: ${String(line.msg)} ${String((line.err as { message?: string })?.message ?? '')}`));
}
