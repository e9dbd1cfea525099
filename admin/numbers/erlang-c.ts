/**
 * Erlang C: how many people a queue of chats needs for a service level (issue 21, staffing).
 *
 * Exports (all pure, all numbers; times in seconds, arrivals per hour):
 *   trafficErlangs(arrivalsPerHour, handleSeconds)                → A = λ·AHT, the offered load in Erlangs
 *   erlangC(servers, erlangs)                                     → probability an arrival has to wait (0..1)
 *   serviceLevel({ servers, arrivalsPerHour, handleSeconds, withinSeconds })
 *                                                                 → P(wait ≤ t) = 1 − C·e^{−(N−A)·t/AHT}
 *   averageSpeedOfAnswer({ servers, arrivalsPerHour, handleSeconds }) → ASA = C·AHT/(N−A), seconds
 *   fewestServers({ arrivalsPerHour, handleSeconds, target, withinSeconds })
 *                                                                 → { servers, serviceLevel }
 *   agentsNeeded({ arrivalsPerHour, handleSeconds, target, withinSeconds, concurrency? })
 *                                                                 → { agents, servers, serviceLevel }
 *
 * A "server" is one slot that serves one chat at a time. A chat agent holds `concurrency` chats at once,
 * so an agent counts as `concurrency` servers: agents = ceil(servers / concurrency), and the service level
 * reported with them is the one their `agents × concurrency` servers give (at least the target).
 *
 * Why the iterative form: the textbook formula has A^N/N! which overflows a double past N ≈ 170. Erlang B
 * has a stable recurrence B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)), every term in 0..1, and
 * C = N·B / (N − A·(1 − B)). So hundreds of servers cost a loop, not an overflow.
 */

export interface Load {
  /** Chats (or calls) arriving per hour. */
  arrivalsPerHour: number;
  /** Average handle time of one chat, seconds. */
  handleSeconds: number;
}

export interface ServiceTarget extends Load {
  /** Share of arrivals to answer within `withinSeconds`, in [0, 1). */
  target: number;
  /** The service level's time limit, seconds (e.g. 80% answered within 60 s). */
  withinSeconds: number;
}

/** Offered load in Erlangs: arrivals per second × seconds each. */
export function trafficErlangs(arrivalsPerHour: number, handleSeconds: number): number {
  requireNonNegative('arrivalsPerHour', arrivalsPerHour);
  requirePositive('handleSeconds', handleSeconds);
  return (arrivalsPerHour / 3600) * handleSeconds;
}

/**
 * Probability that an arrival waits (Erlang C). A queue with N ≤ A never empties: every arrival waits, so 1.
 * No load, nobody waits: 0.
 */
export function erlangC(servers: number, erlangs: number): number {
  requireWholeServers(servers);
  requireNonNegative('erlangs', erlangs);
  if (erlangs === 0) return 0;
  if (servers <= erlangs) return 1;
  let blocking = 1; // Erlang B with 0 servers
  for (let n = 1; n <= servers; n++) blocking = (erlangs * blocking) / (n + erlangs * blocking);
  return (servers * blocking) / (servers - erlangs * (1 - blocking));
}

/** Share of arrivals answered within `withinSeconds` by `servers` servers. */
export function serviceLevel(input: Load & { servers: number; withinSeconds: number }): number {
  requireNonNegative('withinSeconds', input.withinSeconds);
  const erlangs = trafficErlangs(input.arrivalsPerHour, input.handleSeconds);
  if (erlangs === 0) return 1;
  if (input.servers <= erlangs) return 0;
  const waits = erlangC(input.servers, erlangs);
  return 1 - waits * Math.exp((-(input.servers - erlangs) * input.withinSeconds) / input.handleSeconds);
}

/** Average wait before an answer, over all arrivals (those who do not wait count as 0). Infinite if N ≤ A. */
export function averageSpeedOfAnswer(input: Load & { servers: number }): number {
  const erlangs = trafficErlangs(input.arrivalsPerHour, input.handleSeconds);
  if (erlangs === 0) return 0;
  if (input.servers <= erlangs) return Number.POSITIVE_INFINITY;
  return (erlangC(input.servers, erlangs) * input.handleSeconds) / (input.servers - erlangs);
}

/**
 * The service level rises with every server added, so the answer is found by counting up from the fewest
 * servers that keep the queue stable (the smallest whole number above A). Zero load needs zero servers.
 */
export function fewestServers(input: ServiceTarget): { servers: number; serviceLevel: number } {
  requireTarget(input.target);
  requireNonNegative('withinSeconds', input.withinSeconds);
  const erlangs = trafficErlangs(input.arrivalsPerHour, input.handleSeconds);
  if (erlangs === 0) return { servers: 0, serviceLevel: 1 };
  const limit = Math.ceil(erlangs) + MAX_SERVERS_ABOVE_LOAD;
  for (let servers = Math.floor(erlangs) + 1; servers <= limit; servers++) {
    const level = serviceLevel({ ...input, servers });
    if (level >= input.target) return { servers, serviceLevel: level };
  }
  throw new RangeError(`no number of servers up to ${limit} reaches a service level of ${input.target}`);
}

/** Fewest agents, each holding `concurrency` chats at once (default 1: one call at a time). */
export function agentsNeeded(input: ServiceTarget & { concurrency?: number }): { agents: number; servers: number; serviceLevel: number } {
  const concurrency = input.concurrency ?? 1;
  requireWholeServers(concurrency);
  if (concurrency < 1) throw new RangeError('concurrency must be at least 1');
  const { servers } = fewestServers(input);
  const agents = Math.ceil(servers / concurrency);
  const slots = agents * concurrency;
  return { agents, servers: slots, serviceLevel: slots === 0 ? 1 : serviceLevel({ ...input, servers: slots }) };
}

/** Far beyond any real need (the level is within 1e-9 of 1 long before); stops a target of 1 looping forever. */
const MAX_SERVERS_ABOVE_LOAD = 100_000;

function requireTarget(target: number): void {
  if (!(target >= 0 && target < 1)) throw new RangeError(`target must be in [0, 1), got ${target}`);
}

function requireWholeServers(servers: number): void {
  if (!Number.isInteger(servers) || servers < 0) throw new RangeError(`servers must be a whole number ≥ 0, got ${servers}`);
}

function requireNonNegative(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
}

function requirePositive(name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
}
