/** /admin/unanswered: the groups the bot could not answer, turned into FAQs or phrasings in one click. */
import type { Request } from 'express';
import type { AdminDependencies } from '../dependencies.ts';
import type { AdminRoute } from '../http/context.ts';
import { AdminInputError } from '../http/errors.ts';
import { html } from '../http/html.ts';
import { notice, page } from '../views/layout.ts';
import { guessLocale } from '../faqs/faq-input.ts';
import { createFaq, findFaq, parseFaqInput, updateFaq } from '../faqs/faq-store.ts';
import { answerRateDropSinceLastChange } from './answer-rate.ts';
import { markCovered, openQuestions, unansweredGroups } from './groups.ts';
import { unansweredPage } from './views.ts';

const DAY = 24 * 3600_000;

function questionIds(req: Request): string[] {
  const value = (req.body as Record<string, unknown>)?.questionIds;
  return String(value ?? '').split(',').map((id) => id.trim()).filter(Boolean).slice(0, 5000);
}

export function unansweredRoutes(deps: AdminDependencies): AdminRoute[] {
  const { db } = deps;
  return [
    {
      method: 'get', path: '/unanswered', role: 'viewer', kind: 'page',
      handler: async (req, res, ctx) => {
        const days = Math.min(365, Math.max(1, Number(req.query.days) || 30));
        const now = deps.now();
        const [{ total, groups }, drop] = await Promise.all([
          unansweredGroups(db, new Date(now.getTime() - days * DAY)),
          answerRateDropSinceLastChange(db, now),
        ]);
        const done = req.query.done === 'created' ? ctx.t('unanswered.created') : req.query.done === 'added' ? ctx.t('unanswered.added') : undefined;
        const content = html`${notice(done)}${unansweredPage(ctx, { days, total, groups, drop })}`;
        res.type('html').send(page(ctx, ctx.t('nav.unanswered'), content).value);
      },
    },
    {
      method: 'post', path: '/unanswered/new-faq', role: 'editor', kind: 'api',
      handler: async (req, res, ctx) => {
        const body = req.body as Record<string, unknown>;
        const { ids, phrasings } = await openQuestions(db, questionIds(req));
        const question = String(body.question ?? '').trim() || phrasings[0]!;
        const input = parseFaqInput({
          question,
          alternatives: phrasings,
          answer: String(body.answer ?? ''),
          category: String(body.category ?? '').trim() || 'general',
          locale: guessLocale(question),
          tier: null,
          enabled: true,
        });
        const faq = await createFaq(db, input, ctx.admin.email);
        await markCovered(db, ids, faq.id);
        deps.logger.info({ faqId: faq.id, questions: ids.length, by: ctx.admin.userId }, 'FAQ created from unanswered questions');
        await deps.knowledgeChanged();
        res.redirect(303, '/admin/unanswered?done=created');
      },
    },
    {
      method: 'post', path: '/unanswered/add-to-faq', role: 'editor', kind: 'api',
      handler: async (req, res, ctx) => {
        const faqId = String((req.body as Record<string, unknown>).faqId ?? '');
        if (!faqId) throw new AdminInputError('choose the FAQ to add the phrasings to');
        const { ids, phrasings } = await openQuestions(db, questionIds(req));
        const faq = await findFaq(db, faqId);
        const { id: _id, version: _v, updatedAt: _u, updatedBy: _b, ...current } = faq;
        const input = parseFaqInput({ ...current, alternatives: [...new Set([...faq.alternatives, ...phrasings])].slice(0, 200) });
        await updateFaq(db, faq.id, input, ctx.admin.email);
        await markCovered(db, ids, faq.id);
        deps.logger.info({ faqId: faq.id, questions: ids.length, by: ctx.admin.userId }, 'unanswered questions added as phrasings');
        await deps.knowledgeChanged();
        res.redirect(303, '/admin/unanswered?done=added');
      },
    },
  ];
}
