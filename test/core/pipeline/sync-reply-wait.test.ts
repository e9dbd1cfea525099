import { describe, expect, it } from 'vitest';
import { syncReplyWaitLeft } from '../../../core/pipeline/answer-message.ts';

describe('syncReplyWaitLeft: the deliver job waits until the webhook stopped waiting for the reply', () => {
  const received = new Date('2025-01-01T00:00:00.000Z');
  const at = (ms: number) => new Date(received.getTime() + ms);
  it.each([
    { deadline: undefined, now: 100, left: 0, why: 'a channel without a sync reply sends at once' },
    { deadline: 0, now: 0, left: 0, why: 'a zero deadline is no wait' },
    { deadline: 4000, now: 300, left: 3700, why: 'a fast reply is left to the webhook for the rest of its wait' },
    { deadline: 4000, now: 4000, left: 0, why: 'at the deadline the webhook has answered without it' },
    { deadline: 4000, now: 9000, left: 0, why: 'a slow reply goes at once' },
  ])('$why', ({ deadline, now, left }) => {
    expect(syncReplyWaitLeft(deadline, received, at(now))).toBe(left);
  });
});
