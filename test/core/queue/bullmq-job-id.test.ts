import { describe, expect, it } from 'vitest';
import { fromBullmqJobId, toBullmqJobId } from '../../../core/queue/bullmq-job-id.ts';

describe('BullMQ job id mapping', () => {
  const ids = ['answer:m1', 'deliver:a:b', 'answer%3Am1', '%', '%i42', '42', '-7', 'plain', ''];

  it('never produces a ":" or an integer-looking id, which BullMQ refuses', () => {
    for (const id of ids) {
      const mapped = toBullmqJobId(id);
      expect(mapped).not.toContain(':');
      expect(`${Number.parseInt(mapped, 10)}`).not.toBe(mapped);
    }
  });

  it('maps back to the original, and different ids to different ids', () => {
    const mapped = ids.map(toBullmqJobId);
    expect(mapped.map(fromBullmqJobId)).toEqual(ids);
    expect(new Set(mapped).size).toBe(ids.length);
  });

  it('keeps the pipeline ids readable', () => {
    expect(toBullmqJobId('answer:8f14e45f')).toBe('answer%3A8f14e45f');
  });
});
