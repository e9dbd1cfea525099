/** /admin/conversations: filtered list and the transcript with every routing decision and state event. */
import type { AdminDependencies } from '../dependencies.ts';
import type { AdminRoute } from '../http/context.ts';
import { AdminInputError } from '../http/errors.ts';
import { page } from '../views/layout.ts';
import { conversationFilterSchema, filterChoices, listConversations, transcript } from './query.ts';
import { conversationListPage, transcriptPage } from './views.ts';

export function conversationRoutes(deps: AdminDependencies): AdminRoute[] {
  const { db } = deps;
  return [
    {
      method: 'get', path: '/conversations', role: 'viewer', kind: 'page',
      handler: async (req, res, ctx) => {
        const parsed = conversationFilterSchema.safeParse(req.query);
        if (!parsed.success) throw new AdminInputError('invalid filter');
        const [list, choices] = await Promise.all([listConversations(db, parsed.data), filterChoices(db)]);
        res.type('html').send(page(ctx, ctx.t('nav.conversations'), conversationListPage(ctx, parsed.data, list, choices)).value);
      },
    },
    {
      method: 'get', path: '/conversations/:id', role: 'viewer', kind: 'page',
      handler: async (req, res, ctx) => {
        const data = await transcript(db, String(req.params.id));
        const name = data.conversation.contact.displayName ?? data.conversation.externalConversationId;
        res.type('html').send(page(ctx, `${ctx.t('conv.transcript')}: ${name}`, transcriptPage(ctx, data)).value);
      },
    },
  ];
}
