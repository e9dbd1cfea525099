/**
 * BullMQ refuses custom job ids that contain ':' (its Redis key separator) or look like integers (its own
 * auto-ids), yet the pipeline's ids are `${name}:${messageId}`. These functions map any string to an id
 * BullMQ accepts and back, one to one, so two different ids never collide and dedupe stays exact.
 */

/** '%' and ':' are percent-escaped; an integer-looking id gets a '%i' prefix, which no escape produces. */
export function toBullmqJobId(jobId: string): string {
  const escaped = jobId.replace(/[%:]/g, (char) => (char === '%' ? '%25' : '%3A'));
  return `${Number.parseInt(escaped, 10)}` === escaped ? `%i${escaped}` : escaped;
}

/** Inverse of {@link toBullmqJobId}: the id the caller passed to `add`. */
export function fromBullmqJobId(bullmqId: string): string {
  const unprefixed = bullmqId.startsWith('%i') ? bullmqId.slice(2) : bullmqId;
  return unprefixed.replace(/%(25|3A)/g, (escape) => (escape === '%25' ? '%' : ':'));
}
