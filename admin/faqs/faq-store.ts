/**
 * FAQ changes with their history: every create and edit stores a FaqRevision snapshot in the same
 * transaction (who, when, the whole entry), so the history page can show what changed between versions.
 */
import type { Db } from '../../core/storage/database.ts';
import { AdminInputError, AdminNotFoundError } from '../http/errors.ts';
import { faqInputSchema, type FaqInput } from './faq-input.ts';

export interface FaqView extends FaqInput {
  id: string;
  version: number;
  updatedAt: Date;
  updatedBy: string | null;
}

export interface FaqRevisionView {
  version: number;
  editedBy: string | null;
  at: Date;
  snapshot: Partial<FaqInput>;
}

type FaqRow = Awaited<ReturnType<Db['faq']['findMany']>>[number];

export function faqViewOf(row: FaqRow): FaqView {
  return {
    id: row.id,
    question: row.question,
    alternatives: Array.isArray(row.alternatives) ? row.alternatives.filter((a): a is string => typeof a === 'string') : [],
    answer: row.answer,
    category: row.category,
    locale: row.locale === 'zh' ? 'zh' : 'en',
    tier: row.tier === 'bot' || row.tier === 'bot_draft' || row.tier === 'human' ? row.tier : null,
    enabled: row.enabled,
    version: row.version,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

export function parseFaqInput(value: unknown): FaqInput {
  const parsed = faqInputSchema.safeParse(value);
  if (!parsed.success) {
    throw new AdminInputError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'faq'}: ${issue.message}`).join('; '));
  }
  // The question itself is a phrasing already; keeping it twice would weigh it double in training.
  return { ...parsed.data, alternatives: parsed.data.alternatives.filter((a) => a !== parsed.data.question) };
}

function snapshotOf(input: FaqInput): FaqInput {
  return { ...input };
}

export async function createFaq(db: Db, input: FaqInput, editedBy: string): Promise<FaqView> {
  return db.$transaction(async (tx) => {
    const row = await tx.faq.create({ data: { ...input, updatedBy: editedBy, version: 1 } });
    await tx.faqRevision.create({ data: { faqId: row.id, version: 1, snapshot: snapshotOf(input), editedBy } });
    return faqViewOf(row);
  });
}

export async function updateFaq(db: Db, id: string, input: FaqInput, editedBy: string): Promise<FaqView> {
  return db.$transaction(async (tx) => {
    const current = await tx.faq.findUnique({ where: { id } });
    if (!current) throw new AdminNotFoundError(`no FAQ ${id}`);
    const version = current.version + 1;
    const row = await tx.faq.update({ where: { id }, data: { ...input, updatedBy: editedBy, version } });
    await tx.faqRevision.create({ data: { faqId: id, version, snapshot: snapshotOf(input), editedBy } });
    return faqViewOf(row);
  });
}

export async function deleteFaq(db: Db, id: string): Promise<void> {
  const { count } = await db.faq.deleteMany({ where: { id } });
  if (count === 0) throw new AdminNotFoundError(`no FAQ ${id}`);
}

export async function findFaq(db: Db, id: string): Promise<FaqView> {
  const row = await db.faq.findUnique({ where: { id } });
  if (!row) throw new AdminNotFoundError(`no FAQ ${id}`);
  return faqViewOf(row);
}

export async function revisionsOf(db: Db, faqId: string): Promise<FaqRevisionView[]> {
  const rows = await db.faqRevision.findMany({ where: { faqId }, orderBy: { version: 'desc' } });
  return rows.map((row) => ({ version: row.version, editedBy: row.editedBy, at: row.at, snapshot: (row.snapshot ?? {}) as Partial<FaqInput> }));
}

/** Fields whose value differs between two snapshots: the "what" of a history line. */
export function changedFields(before: Partial<FaqInput> | undefined, after: Partial<FaqInput>): Array<keyof FaqInput> {
  const keys: Array<keyof FaqInput> = ['question', 'alternatives', 'answer', 'category', 'locale', 'tier', 'enabled'];
  if (!before) return keys.filter((key) => after[key] !== undefined);
  return keys.filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null));
}

/** Case-insensitive search over question, phrasings, answer and category (a knowledge base is small). */
export async function searchFaqs(db: Db, query: string, category?: string): Promise<FaqView[]> {
  const rows = await db.faq.findMany({ where: category ? { category } : {}, orderBy: [{ category: 'asc' }, { question: 'asc' }] });
  const needle = query.trim().toLowerCase();
  return rows
    .map(faqViewOf)
    .filter((faq) => !needle || [faq.question, faq.answer, faq.category, ...faq.alternatives].some((text) => text.toLowerCase().includes(needle)));
}

export async function faqCategories(db: Db): Promise<string[]> {
  const rows = await db.faq.findMany({ distinct: ['category'], select: { category: true }, orderBy: { category: 'asc' } });
  return rows.map((row) => row.category);
}
