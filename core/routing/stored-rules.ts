/**
 * Routing rules edited on the admin page are stored as an object of routingPolicySchema's keys; they are laid
 * over the config file's key by key and validated as a whole, so a stored value is either used entirely or
 * (invalid) not at all.
 */
import { routingPolicySchema, type RoutingRules } from './policy.ts';

export function mergeRoutingRules(base: RoutingRules, stored: unknown): { rules: RoutingRules } | { problem: string } {
  if (stored === undefined || stored === null) return { rules: base };
  if (typeof stored !== 'object' || Array.isArray(stored)) return { problem: 'not an object' };
  const parsed = routingPolicySchema.safeParse({ ...base, ...stored });
  if (!parsed.success) return { problem: parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ') };
  return { rules: parsed.data };
}
