import { describe, expect, it } from 'vitest';
import {
  attemptsSpanning,
  backoffDelayMs,
  decideFailure,
  DELIVERY_RETRY_SCHEDULE,
  NOTIFY_RETRY_SCHEDULE,
  resolveRetryPolicy,
} from '../../../core/queue/retry-policy.ts';
import { PermanentJobError, RetryLaterError } from '../../../core/queue/job-queue.ts';
import { ConfigError } from '../../../core/errors.ts';

const HOUR = 3_600_000;

describe('retry schedules', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [10, 512_000],
    [11, 900_000],
    [105, 900_000],
    [100_000, 900_000],
  ])('waits after %i failures: %i ms (1 s doubling, capped at 15 min)', (failures, delay) => {
    expect(backoffDelayMs({ backoffMs: 1000, maxBackoffMs: 900_000 }, failures)).toBe(delay);
  });

  it('keeps a delivery trying for about a day, and no more than a day and one wait', () => {
    const { attempts } = DELIVERY_RETRY_SCHEDULE;
    let waited = 0;
    for (let failures = 1; failures < attempts; failures++) waited += backoffDelayMs(DELIVERY_RETRY_SCHEDULE, failures);
    expect(waited).toBeGreaterThanOrEqual(24 * HOUR);
    expect(waited - backoffDelayMs(DELIVERY_RETRY_SCHEDULE, attempts - 1)).toBeLessThan(24 * HOUR);
    expect(attemptsSpanning({ backoffMs: 100, maxBackoffMs: 100 }, 1000)).toBe(11);
  });

  it('gives each kind its default, overridden field by field by the top-level options and then by retry[kind]', () => {
    expect(resolveRetryPolicy().schedules).toEqual({ answer: { attempts: 8, backoffMs: 1000, maxBackoffMs: 900_000 }, deliver: DELIVERY_RETRY_SCHEDULE, pull: { attempts: 8, backoffMs: 1000, maxBackoffMs: 900_000 }, notify: NOTIFY_RETRY_SCHEDULE });
    const policy = resolveRetryPolicy({ backoffMs: 20, retry: { deliver: { attempts: 3 } } });
    expect(policy.schedules.answer).toEqual({ attempts: 8, backoffMs: 20, maxBackoffMs: 900_000 });
    expect(policy.schedules.deliver).toEqual({ attempts: 3, backoffMs: 20, maxBackoffMs: 900_000 });
  });

  it.each([
    ['zero attempts', { attempts: 0 }],
    ['more than the queue can store', { attempts: 1001 }],
    ['a cap below the first wait', { backoffMs: 2000, maxBackoffMs: 1000 }],
    ['a fractional delay', { retry: { deliver: { backoffMs: 1.5 } } }],
  ])('refuses %s', (_name, options) => {
    expect(() => resolveRetryPolicy(options)).toThrow(ConfigError);
  });

  it('reads the error class: retry-later uncounted, permanent at once, else retry until the last attempt', () => {
    const schedule = { attempts: 3, backoffMs: 10, maxBackoffMs: 15 };
    expect(decideFailure(new RetryLaterError('wait', 700), 3, schedule)).toEqual({ kind: 'retry-later', delayMs: 700 });
    expect(decideFailure(new PermanentJobError('blocked'), 1, schedule)).toEqual({ kind: 'give-up' });
    expect(decideFailure(new Error('down'), 2, schedule)).toEqual({ kind: 'retry', delayMs: 15 });
    expect(decideFailure(new Error('down'), 3, schedule)).toEqual({ kind: 'give-up' });
  });
});
