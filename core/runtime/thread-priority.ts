import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the scheduling priority (raises the nice value) of the calling thread only. Linux schedules threads
 * one by one: `setpriority` given a thread id changes that thread, and /proc/thread-self names the caller's
 * id. Elsewhere this does nothing and says so.
 * @returns whether the priority was changed
 */
export function lowerThisThreadsPriority(nice: number): boolean {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId)) return false;
    setPriority(threadId, nice);
    return true;
  } catch {
    return false;
  }
}
