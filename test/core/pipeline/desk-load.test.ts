import { describe, expect, it } from 'vitest';
import { cachedDeskLoad, type DeskLoad } from '../../../core/pipeline/desk-load.ts';

/** A reader that counts its reads and answers with the n-th load (or fails when told to). */
function reader() {
  const state = { reads: 0, fail: false };
  const read = async (): Promise<DeskLoad> => {
    state.reads++;
    if (state.fail) throw new Error('database unreachable');
    return { waitingEscalations: state.reads, agentsOnline: 1 };
  };
  return { state, read };
}

describe('cachedDeskLoad', () => {
  it('reads once per maxAgeMs, and again once the reading is that old', async () => {
    const { state, read } = reader();
    let clock = 0;
    const load = cachedDeskLoad(read, { maxAgeMs: 1000, now: () => clock });
    expect(await load()).toEqual({ waitingEscalations: 1, agentsOnline: 1 });
    clock = 999;
    expect(await load()).toEqual({ waitingEscalations: 1, agentsOnline: 1 });
    clock = 1000;
    expect(await load()).toEqual({ waitingEscalations: 2, agentsOnline: 1 });
    expect(state.reads).toBe(2);
  });

  it('shares one read among callers arriving while it is under way', async () => {
    const { state, read } = reader();
    const load = cachedDeskLoad(read, { maxAgeMs: 1000, now: () => 0 });
    await Promise.all([load(), load(), load()]);
    expect(state.reads).toBe(1);
  });

  it('does not keep a failed read', async () => {
    const { state, read } = reader();
    const load = cachedDeskLoad(read, { maxAgeMs: 1000, now: () => 0 });
    state.fail = true;
    await expect(load()).rejects.toThrow('database unreachable');
    state.fail = false;
    expect(await load()).toEqual({ waitingEscalations: 2, agentsOnline: 1 });
  });
});
