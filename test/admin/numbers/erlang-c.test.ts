import { describe, expect, it } from 'vitest';
import {
  agentsNeeded,
  averageSpeedOfAnswer,
  erlangC,
  fewestServers,
  serviceLevel,
  trafficErlangs,
} from '../../../admin/numbers/erlang-c.ts';

/**
 * The textbook formula, written independently of the module (sum of A^k/k!, in log space so it does not
 * overflow either): C = X / (Σ_{k<N} A^k/k! + X) with X = A^N/N! · N/(N−A).
 */
function erlangCByDefinition(servers: number, erlangs: number): number {
  const logTerm = (k: number) => k * Math.log(erlangs) - logFactorial(k);
  const logX = logTerm(servers) + Math.log(servers / (servers - erlangs));
  // Divide everything by e^{logX} so the largest term is about 1.
  let sum = 0;
  for (let k = 0; k < servers; k++) sum += Math.exp(logTerm(k) - logX);
  return 1 / (sum + 1);
}

function logFactorial(n: number): number {
  let total = 0;
  for (let k = 2; k <= n; k++) total += Math.log(k);
  return total;
}

describe('Erlang C by hand', () => {
  // A = 1, N = 2: X = 1²/2!·2/(2−1) = 1; Σ_{k<2} = 1 + 1 = 2; C = 1/(2+1) = 1/3.
  it('A = 1 Erlang on 2 servers waits 1/3 of the time', () => expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12));
  // A = 1, N = 3: X = 1/6·3/2 = 1/4; Σ = 1 + 1 + 1/2 = 5/2; C = (1/4)/(11/4) = 1/11.
  it('A = 1 Erlang on 3 servers waits 1/11 of the time', () => expect(erlangC(3, 1)).toBeCloseTo(1 / 11, 12));
  // A = 2, N = 3: X = 8/6·3/1 = 4; Σ = 1 + 2 + 2 = 5; C = 4/9.
  it('A = 2 Erlangs on 3 servers waits 4/9 of the time', () => expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12));
  it('an overloaded queue (N ≤ A) always waits, no load never waits', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangC(3, 7.5)).toBe(1);
    expect(erlangC(0, 0)).toBe(0);
    expect(serviceLevel({ servers: 10, arrivalsPerHour: 200, handleSeconds: 180, withinSeconds: 20 })).toBe(0);
    expect(averageSpeedOfAnswer({ servers: 10, arrivalsPerHour: 200, handleSeconds: 180 })).toBe(Number.POSITIVE_INFINITY);
  });
});

/**
 * The worked example of Call Centre Helper's "Erlang C formula – made simple": 100 calls in 30 minutes
 * (200 an hour), average handle time 180 s, target 80% answered within 20 s.
 *   A = 200/3600 · 180 = 10 Erlangs.
 *   11 agents: P(wait) = 68.21%, service level = 1 − 0.6821·e^{−(11−10)·20/180} = 1 − 0.6821·0.8948 = 39.0%,
 *              ASA = 0.6821·180/(11−10) = 122.8 s.
 *   12 agents: 64.0%; 13 agents: 79.6% (just short); 14 agents: P(wait) = 17.41%,
 *              service level = 1 − 0.1741·e^{−4·20/180} = 1 − 0.1741·0.6412 = 88.8%, ASA = 0.1741·180/4 = 7.8 s.
 *   So 14 agents is the fewest meeting 80/20, as the article concludes.
 */
describe('Call Centre Helper worked example (200 calls/h, AHT 180 s, 80% in 20 s)', () => {
  const load = { arrivalsPerHour: 200, handleSeconds: 180 };
  it('is 10 Erlangs', () => expect(trafficErlangs(200, 180)).toBeCloseTo(10, 12));
  it('11 agents: 68.21% wait, 39.0% within 20 s, ASA 122.8 s', () => {
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4);
    expect(serviceLevel({ ...load, servers: 11, withinSeconds: 20 })).toBeCloseTo(0.3896, 4);
    expect(averageSpeedOfAnswer({ ...load, servers: 11 })).toBeCloseTo(122.78, 2);
  });
  it('13 agents fall just short (79.6%), 14 agents make it (88.8%, ASA 7.8 s)', () => {
    expect(serviceLevel({ ...load, servers: 13, withinSeconds: 20 })).toBeCloseTo(0.7956, 4);
    expect(erlangC(14, 10)).toBeCloseTo(0.1741, 4);
    expect(serviceLevel({ ...load, servers: 14, withinSeconds: 20 })).toBeCloseTo(0.8884, 4);
    expect(averageSpeedOfAnswer({ ...load, servers: 14 })).toBeCloseTo(7.84, 2);
  });
  it('the fewest servers meeting 80/20 is 14', () => {
    expect(fewestServers({ ...load, target: 0.8, withinSeconds: 20 })).toEqual({ servers: 14, serviceLevel: expect.closeTo(0.8884, 4) });
  });
  it('with 3 chats per agent, 14 servers take ceil(14/3) = 5 agents, who give 15 servers (94.1%)', () => {
    const plan = agentsNeeded({ ...load, target: 0.8, withinSeconds: 20, concurrency: 3 });
    expect(plan).toEqual({ agents: 5, servers: 15, serviceLevel: expect.closeTo(0.9415, 4) });
  });
});

describe('stability for large queues', () => {
  it('agrees with the textbook formula from 1 to 400 servers', () => {
    for (const [servers, erlangs] of [[5, 3.2], [30, 24.5], [120, 110], [250, 231.7], [400, 390]] as const) {
      expect(erlangC(servers, erlangs)).toBeCloseTo(erlangCByDefinition(servers, erlangs), 10);
    }
  });
  it('sizes a 1200-Erlang queue (36 000 chats/h, AHT 120 s) without overflow', () => {
    const { servers, serviceLevel: level } = fewestServers({ arrivalsPerHour: 36_000, handleSeconds: 120, target: 0.8, withinSeconds: 20 });
    expect(servers).toBeGreaterThan(1200);
    expect(level).toBeGreaterThanOrEqual(0.8);
    expect(serviceLevel({ arrivalsPerHour: 36_000, handleSeconds: 120, servers: servers - 1, withinSeconds: 20 })).toBeLessThan(0.8);
    expect(erlangC(servers, 1200)).toBeCloseTo(erlangCByDefinition(servers, 1200), 9);
  });
});

describe('edge cases', () => {
  it('no arrivals need nobody', () => {
    expect(agentsNeeded({ arrivalsPerHour: 0, handleSeconds: 300, target: 0.8, withinSeconds: 60, concurrency: 2 })).toEqual({ agents: 0, servers: 0, serviceLevel: 1 });
  });
  it('target 0 still needs a stable queue (the smallest N above A)', () => {
    expect(fewestServers({ arrivalsPerHour: 200, handleSeconds: 180, target: 0, withinSeconds: 20 }).servers).toBe(11);
  });
  it('refuses a target outside [0, 1), a zero handle time, a concurrency below 1', () => {
    expect(() => fewestServers({ arrivalsPerHour: 10, handleSeconds: 60, target: 1, withinSeconds: 20 })).toThrow(RangeError);
    expect(() => fewestServers({ arrivalsPerHour: 10, handleSeconds: 0, target: 0.8, withinSeconds: 20 })).toThrow(RangeError);
    expect(() => agentsNeeded({ arrivalsPerHour: 10, handleSeconds: 60, target: 0.8, withinSeconds: 20, concurrency: 0 })).toThrow(RangeError);
  });
});
