/** The strings of a Json column meant to hold a string array; anything else in it is skipped, not trusted. */
export function jsonStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
