/**
 * True when a Prisma call failed on a unique constraint (P2002). The hub leans on unique constraints for
 * idempotency (message external ids, reply keys), so such a failure means "already done", not a bug.
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
