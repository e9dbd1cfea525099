/**
 * /admin/deliveries: replies that could not be delivered (status 'failed', with the channel's reason), newest
 * first, and a Retry button that hands the message back to the delivery job (core/pipeline/retry-delivery.ts
 * through AdminDependencies.retryDelivery: the router has no queue of its own).
 */
import { StateConflictError } from '../../core/errors.ts';
import type { AdminDependencies } from '../dependencies.ts';
import { audit } from '../http/audit.ts';
import type { AdminRoute } from '../http/context.ts';
import { AdminInputError } from '../http/errors.ts';
import { html } from '../http/html.ts';
import { notice, page } from '../views/layout.ts';
import { failedDeliveriesView } from './views.ts';

const PAGE_SIZE = 100;

export function deliveryRoutes(deps: AdminDependencies): AdminRoute[] {
  const { db } = deps;
  return [
    {
      method: 'get', path: '/deliveries', role: 'viewer', kind: 'page',
      handler: async (req, res, ctx) => {
        const [rows, total] = await Promise.all([
          db.message.findMany({
            where: { direction: 'outgoing', status: 'failed' },
            orderBy: { createdAt: 'desc' },
            take: PAGE_SIZE,
            select: { id: true, conversationId: true, author: true, text: true, failureReason: true, attempts: true, createdAt: true, inbox: { select: { name: true, channel: true } } },
          }),
          db.message.count({ where: { direction: 'outgoing', status: 'failed' } }),
        ]);
        const done = req.query.done === 'retried' ? notice(ctx.t('deliveries.retried')) : html``;
        res.type('html').send(page(ctx, ctx.t('nav.deliveries'), html`${done}${failedDeliveriesView(ctx, rows, total, Boolean(deps.retryDelivery))}`).value);
      },
    },
    {
      method: 'post', path: '/deliveries/:id/retry', role: 'editor', kind: 'api',
      handler: async (req, res, ctx) => {
        if (!deps.retryDelivery) throw new AdminInputError('this installation cannot retry deliveries');
        const id = String(req.params.id);
        try {
          const outcome = await deps.retryDelivery(id);
          audit(deps.logger, ctx, 'delivery.retry', { messageId: id, outcome });
        } catch (error) {
          // Not failed (any more): sent, refused, or unknown. Say so instead of sending a reply twice.
          if (error instanceof StateConflictError) throw new AdminInputError(error.message);
          throw error;
        }
        res.redirect(303, '/admin/deliveries?done=retried');
      },
    },
  ];
}
