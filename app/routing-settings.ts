/**
 * The routing rules the hub uses: the config file's, with the admin page's (AdminSetting 'routing', the
 * routingPolicySchema shape) laid over them key by key. Read from the database at most every `refreshMs`,
 * so an edit reaches every process within seconds without a restart. A stored value that no longer
 * validates is ignored (logged once per distinct value): a bad row never stops the hub answering.
 */
import type { Logger } from '../core/logger.ts';
import type { RoutingRules } from '../core/routing/policy.ts';
import { mergeRoutingRules } from '../core/routing/stored-rules.ts';
import type { Db } from '../core/storage/database.ts';

export const ROUTING_SETTING_KEY = 'routing';

export interface RoutingRulesSource {
  /** The rules as last read (synchronous, for the answer job); a stale copy starts a reload in the background. */
  current(): RoutingRules;
  /** Reads the stored rules now (start-up, and the admin's "try it" box, which must show an edit at once). */
  load(): Promise<RoutingRules>;
}

export interface RoutingRulesSourceOptions {
  db: Db;
  /** The config file's rules (HubConfig.routing). */
  base: RoutingRules;
  logger: Logger;
  now?: () => Date;
  /** @defaultValue 5000 */
  refreshMs?: number;
}

export function createRoutingRulesSource(options: RoutingRulesSourceOptions): RoutingRulesSource {
  const now = options.now ?? (() => new Date());
  const refreshMs = options.refreshMs ?? 5000;
  let rules = options.base;
  let loadedAt = -Infinity;
  let loading: Promise<RoutingRules> | undefined;
  let lastProblem: string | undefined;

  async function read(): Promise<RoutingRules> {
    // Counted from the attempt: a database that is down is asked again after refreshMs, not on every message.
    loadedAt = now().getTime();
    const row = await options.db.adminSetting.findUnique({ where: { key: ROUTING_SETTING_KEY } });
    const merged = mergeRoutingRules(options.base, row?.value);
    if ('problem' in merged) {
      if (merged.problem !== lastProblem) options.logger.warn({ setting: ROUTING_SETTING_KEY, problem: merged.problem }, 'stored routing policy is invalid: using the config file\'s');
      lastProblem = merged.problem;
      rules = options.base;
    } else {
      lastProblem = undefined;
      rules = merged.rules;
    }
    return rules;
  }

  function load(): Promise<RoutingRules> {
    loading ??= read().finally(() => (loading = undefined));
    return loading;
  }

  return {
    current() {
      if (now().getTime() - loadedAt >= refreshMs && !loading) {
        load().catch((error: unknown) => options.logger.error({ err: error }, 'reading the routing policy failed: keeping the last one'));
      }
      return rules;
    },
    load,
  };
}
