/** /admin/faqs: search, create, edit, delete, history, CSV, and the "try it" box. Saving retrains. */
import type { Request } from 'express';
import type { AdminDependencies } from '../dependencies.ts';
import type { AdminRoute, PageContext } from '../http/context.ts';
import { AdminInputError } from '../http/errors.ts';
import { html } from '../http/html.ts';
import { notice, page } from '../views/layout.ts';
import { faqInputFromForm } from './faq-input.ts';
import { createFaq, deleteFaq, faqCategories, findFaq, parseFaqInput, revisionsOf, searchFaqs, updateFaq } from './faq-store.ts';
import { exportFaqsCsv, importFaqsCsv } from './import-export.ts';
import { deleteButton, faqForm, faqHistory, faqListPage, faqTable, tryItResult } from './views.ts';

const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;
const str = (value: unknown) => (typeof value === 'string' ? value : '');

export function faqRoutes(deps: AdminDependencies): AdminRoute[] {
  const { db } = deps;
  const editor = (ctx: PageContext) => ctx.admin.email;
  const retrain = async () => {
    try {
      await deps.knowledgeChanged();
    } catch (error) {
      // The edit is saved; other processes still retrain from the database fingerprint.
      deps.logger.error({ err: error }, 'retraining after an FAQ change failed');
    }
  };
  return [
    {
      method: 'get', path: '/faqs', role: 'viewer', kind: 'page',
      handler: async (req, res, ctx) => {
        const q = str(req.query.q);
        const [faqs, categories] = await Promise.all([searchFaqs(db, q), faqCategories(db)]);
        const done = str(req.query.done);
        const content = html`${notice(done === 'deleted' ? ctx.t('faq.deleted') : undefined)}${faqListPage(ctx, faqs, categories, q)}`;
        res.type('html').send(page(ctx, ctx.t('nav.faqs'), content).value);
      },
    },
    {
      method: 'get', path: '/faqs/list', role: 'viewer', kind: 'api',
      handler: async (req, res, ctx) => {
        const faqs = await searchFaqs(db, str(req.query.q), str(req.query.category) || undefined);
        res.type('html').send(faqTable(ctx, faqs).value);
      },
    },
    {
      method: 'get', path: '/faqs/export.csv', role: 'viewer', kind: 'api',
      handler: async (_req, res) => {
        res.type('text/csv; charset=utf-8').attachment('faqs.csv').send(await exportFaqsCsv(db));
      },
    },
    {
      method: 'post', path: '/faqs/import', role: 'editor', kind: 'api',
      handler: async (req, res, ctx) => {
        const report = await importFaqsCsv(db, str(body(req).csv), editor(ctx));
        if (report.created + report.updated > 0) await retrain();
        const [faqs, categories] = await Promise.all([searchFaqs(db, ''), faqCategories(db)]);
        res.type('html').send(page(ctx, ctx.t('nav.faqs'), faqListPage(ctx, faqs, categories, '', report)).value);
      },
    },
    {
      method: 'post', path: '/faqs/try', role: 'viewer', kind: 'api',
      handler: async (req, res, ctx) => {
        const question = str(body(req).question).trim();
        if (!question) throw new AdminInputError('empty question');
        res.type('html').send(tryItResult(ctx, await deps.tryIt(question.slice(0, 1000))).value);
      },
    },
    {
      method: 'get', path: '/faqs/new', role: 'editor', kind: 'page',
      handler: async (req, res, ctx) => {
        const prefill = { question: str(req.query.question), enabled: true };
        const form = faqForm(ctx, prefill, await faqCategories(db), '/admin/faqs');
        res.type('html').send(page(ctx, ctx.t('faq.new'), form).value);
      },
    },
    {
      method: 'post', path: '/faqs', role: 'editor', kind: 'api',
      handler: async (req, res, ctx) => {
        const faq = await createFaq(db, parseFaqInput(faqInputFromForm(body(req))), editor(ctx));
        deps.logger.info({ faqId: faq.id, by: ctx.admin.userId }, 'FAQ created');
        await retrain();
        res.redirect(303, `/admin/faqs/${faq.id}?done=saved`);
      },
    },
    {
      method: 'get', path: '/faqs/:id', role: 'viewer', kind: 'page',
      handler: async (req, res, ctx) => {
        const id = str(req.params.id);
        const [faq, categories, revisions] = await Promise.all([findFaq(db, id), faqCategories(db), revisionsOf(db, id)]);
        const content = html`${notice(str(req.query.done) === 'saved' ? ctx.t('common.saved') : undefined)}
${faqForm(ctx, faq, categories, `/admin/faqs/${faq.id}`)}${deleteButton(ctx, faq.id)}${faqHistory(ctx, revisions)}`;
        res.type('html').send(page(ctx, faq.question, content).value);
      },
    },
    {
      method: 'post', path: '/faqs/:id', role: 'editor', kind: 'api',
      handler: async (req, res, ctx) => {
        const faq = await updateFaq(db, str(req.params.id), parseFaqInput(faqInputFromForm(body(req))), editor(ctx));
        deps.logger.info({ faqId: faq.id, version: faq.version, by: ctx.admin.userId }, 'FAQ updated');
        await retrain();
        res.redirect(303, `/admin/faqs/${faq.id}?done=saved`);
      },
    },
    {
      method: 'post', path: '/faqs/:id/delete', role: 'editor', kind: 'api',
      handler: async (req, res, ctx) => {
        await deleteFaq(db, str(req.params.id));
        deps.logger.info({ faqId: req.params.id, by: ctx.admin.userId }, 'FAQ deleted');
        await retrain();
        res.redirect(303, '/admin/faqs?done=deleted');
      },
    },
  ];
}
