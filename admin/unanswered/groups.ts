/**
 * The unanswered page's data: open unanswered questions (not yet turned into an FAQ) grouped by
 * bot/unanswered, largest first, each with the FAQ customers picked from "did you mean".
 */
import type { Db } from '../../core/storage/database.ts';
import type { QuestionGroup } from '../../bot/unanswered/group-questions.ts';
import type { PickedFaq } from '../../bot/unanswered/picked-faqs.ts';
import { AdminInputError } from '../http/errors.ts';

export interface UnansweredGroup extends QuestionGroup {
  /** Every distinct phrasing in the group, most asked first: the phrasings a new FAQ learns. */
  phrasings: string[];
  picked?: PickedFaq & { question: string };
}

export async function unansweredGroups(db: Db, since: Date, limit = 50): Promise<{ total: number; groups: UnansweredGroup[] }> {
  // Loaded when the page is first opened: grouping needs the tokenizer (jieba's dictionary, OpenCC's tables,
  // about 80 MB), which a web process otherwise never uses.
  const [{ groupQuestions }, { mostPickedFaq }] = await Promise.all([import('../../bot/unanswered/group-questions.ts'), import('../../bot/unanswered/picked-faqs.ts')]);
  const rows = await db.unansweredQuestion.findMany({
    where: { createdAt: { gte: since }, faqCreatedId: null },
    select: { id: true, text: true, createdAt: true, pickedFaqId: true },
  });
  const textOf = new Map(rows.map((row) => [row.id, row.text]));
  const pickedFaqIdOf = new Map(rows.flatMap((row) => (row.pickedFaqId ? [[row.id, row.pickedFaqId] as const] : [])));
  const groups = groupQuestions(rows.map((row) => ({ id: row.id, text: row.text, at: row.createdAt }))).slice(0, limit);
  const faqs = await db.faq.findMany({ where: { id: { in: [...new Set(pickedFaqIdOf.values())] } }, select: { id: true, question: true } });
  const questionOf = new Map(faqs.map((faq) => [faq.id, faq.question]));
  return {
    total: rows.length,
    groups: groups.map((group) => {
      const picked = mostPickedFaq(group.questionIds, pickedFaqIdOf);
      const question = picked && questionOf.get(picked.faqId);
      return {
        ...group,
        phrasings: distinctPhrasings(group.questionIds.map((id) => textOf.get(id) ?? '')),
        ...(picked && question ? { picked: { ...picked, question } } : {}),
      };
    }),
  };
}

function distinctPhrasings(texts: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const text of texts.map((t) => t.trim()).filter(Boolean)) counts.set(text, (counts.get(text) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([text]) => text);
}

/**
 * The questions an admin acted on, checked against the database (ids come back from a form) and still
 * open; their distinct texts, most asked first.
 */
export async function openQuestions(db: Db, ids: readonly string[]): Promise<{ ids: string[]; phrasings: string[] }> {
  if (ids.length === 0) throw new AdminInputError('no questions chosen');
  const rows = await db.unansweredQuestion.findMany({ where: { id: { in: [...ids] }, faqCreatedId: null }, select: { id: true, text: true } });
  if (rows.length === 0) throw new AdminInputError('these questions were already turned into an FAQ');
  return { ids: rows.map((row) => row.id), phrasings: distinctPhrasings(rows.map((row) => row.text)) };
}

/** Marks the questions as covered by `faqId`, so the group leaves the list. */
export async function markCovered(db: Db, ids: readonly string[], faqId: string): Promise<void> {
  await db.unansweredQuestion.updateMany({ where: { id: { in: [...ids] } }, data: { faqCreatedId: faqId } });
}
