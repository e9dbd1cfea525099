/** Reads the event-loop delay from a process's /metrics; undefined when it serves none (older hubs). */
export interface EventLoopDelay { p99Ms: number; maxMs: number }

export async function scrapeEventLoopDelay(baseUrl: string): Promise<EventLoopDelay | undefined> {
  try {
    const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) return undefined;
    const text = await response.text();
    const read = (quantile: string) => {
      const match = new RegExp(`^kefu_event_loop_delay_seconds\\{quantile="${quantile.replace('.', '\\.')}"\\} (\\S+)$`, 'm').exec(text);
      return match ? Number(match[1]) * 1000 : undefined;
    };
    const p99Ms = read('0.99');
    const maxMs = read('1');
    return p99Ms === undefined || maxMs === undefined ? undefined : { p99Ms, maxMs };
  } catch {
    return undefined;
  }
}
