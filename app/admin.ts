/**
 * The admin page as the composition root mounts it: its router with the database, the bot and routing for
 * the "try it" box, and the numbers of admin/numbers/ behind the Dashboard, Staffing and Cost pages.
 */
import type { Router } from 'express';
import { ensureFirstAdmin } from '../admin/auth/admin-users.ts';
import { costReport, dashboardFigures, forecastHumanArrivals, staffingPlan } from '../admin/numbers/index.ts';
import type { ReportNumbers } from '../admin/reports/numbers-port.ts';
import { createAdminRouter } from '../admin/router.ts';
import { readSetting } from '../admin/settings/schemas.ts';
import { createTryIt } from '../admin/try-it.ts';
import type { Bot } from '../core/bot-contract.ts';
import type { HubConfig } from '../core/config/config.ts';
import type { Logger } from '../core/logger.ts';
import { retryFailedDelivery } from '../core/pipeline/retry-delivery.ts';
import type { JobQueue } from '../core/queue/job-queue.ts';
import type { Db } from '../core/storage/database.ts';
import type { RoutingRulesSource } from './routing-settings.ts';

/** The figures behind the Dashboard, Staffing and Cost pages; costs are what the admin entered (AdminSetting 'cost'). */
export const adminNumbers: ReportNumbers = {
  dashboardFigures,
  forecastHumanArrivals,
  staffingPlan,
  costFigures: async (db, range) => {
    const cost = await readSetting(db, 'cost');
    return costReport(db, { ...range, humanCost: cost.humanCost, ...(cost.botCost === null ? {} : { botCost: cost.botCost }) });
  },
};

export async function adminRouter(options: { db: Db; logger: Logger; config: HubConfig; now: () => Date; queue: JobQueue; routing: RoutingRulesSource; bot: () => Promise<Pick<Bot, 'propose' | 'complaintRisk'>> }): Promise<Router> {
  const outcome = await ensureFirstAdmin(options.db, process.env);
  if (outcome === 'created') options.logger.info('first admin created from ADMIN_EMAIL');
  return createAdminRouter({
    db: options.db,
    logger: options.logger,
    now: options.now,
    // "Try it" reads the stored policy afresh, so an edit just saved on the Settings page shows at once.
    tryIt: createTryIt(options.bot, async () => ({ ...(await options.routing.load()), answering: options.config.answering }), options.now),
    routingBase: options.config.routing,
    // Every process notices an FAQ change by the database fingerprint within seconds (bot/knowledge-base.ts).
    knowledgeChanged: () => undefined,
    retryDelivery: (messageId) => retryFailedDelivery(options.db, options.queue, messageId),
    publicUrl: options.config.publicUrl,
    numbers: adminNumbers,
    secureCookies: options.config.publicUrl?.startsWith('https://') ?? false,
  });
}
