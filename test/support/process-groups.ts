/**
 * Child processes for tests, each in its own process group, so a test can kill what it started together
 * with everything that started (npm → sh → node), and nothing outlives the test file: a hub process left
 * behind by a failed suite once ran for half an hour on CI.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/**
 * Groups started and not yet seen empty. Kept past the leader's exit on purpose: the processes that outlive
 * their parent (npm gone, node still running) are exactly the ones to end.
 */
const running = new Set<ChildProcess>();

/** Like `spawn`, but in a new process group (`detached`) that {@link killAllGroups} and process exit end. */
export function spawnInGroup(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  running.add(child);
  return child;
}

/** Whether any process of the group led by `pid` is still alive (a zombie counts until reaped). */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Sends `signal` to every process of the child's group; ignores a group already gone. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * Sends `signal` to the group and waits until the group is empty; after `graceMs` (a generous bound for a
 * loaded machine) the group is killed outright, so this always ends.
 */
export async function stopGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 30_000): Promise<void> {
  if (child.pid === undefined) return void running.delete(child);
  signalGroup(child, signal);
  const deadline = Date.now() + graceMs;
  while (groupAlive(child.pid)) {
    if (Date.now() > deadline && signal !== 'SIGKILL') return stopGroup(child, 'SIGKILL', graceMs);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  running.delete(child);
}

/** For `afterAll`: ends every group this test file started and has not stopped, whatever happened. */
export async function killAllGroups(): Promise<void> {
  await Promise.all([...running].map((child) => stopGroup(child, 'SIGKILL')));
}

// Last resort when a test file ends without its afterAll (a crash, a timeout in a hook).
process.once('exit', () => {
  for (const child of running) signalGroup(child, 'SIGKILL');
});
