/** One log line per change an admin makes (who, what, which row): the trail for settings without a history table. */
import type { Logger } from '../../core/logger.ts';
import type { PageContext } from './context.ts';

export function audit(logger: Logger, ctx: PageContext, action: string, details: Record<string, string | number | boolean | null> = {}): void {
  logger.info({ audit: action, by: ctx.admin.email, ...details }, 'admin change');
}
