import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets (webhook tokens, hex signatures) without leaking through timing how much of the
 * guess was right.
 *
 * Why hash first: `timingSafeEqual` throws on different lengths, and an early length check would itself
 * reveal the secret's length. Comparing fixed-size SHA-256 digests keeps every comparison the same cost.
 */
export function constantTimeEqual(received: string, expected: string): boolean {
  const receivedDigest = createHash('sha256').update(received, 'utf8').digest();
  const expectedDigest = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(receivedDigest, expectedDigest);
}
