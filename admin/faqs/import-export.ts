/** CSV export and import of the knowledge base; an import updates rows whose id exists and adds the rest. */
import type { Db } from '../../core/storage/database.ts';
import { AdminInputError } from '../http/errors.ts';
import { phrasingLines, guessLocale } from './faq-input.ts';
import { createFaq, faqViewOf, parseFaqInput, updateFaq } from './faq-store.ts';
import { readFaqCsv, writeCsv, type FaqCsvRow } from './csv.ts';

export async function exportFaqsCsv(db: Db): Promise<string> {
  const rows = await db.faq.findMany({ orderBy: [{ category: 'asc' }, { createdAt: 'asc' }] });
  return writeCsv(
    rows.map(faqViewOf).map((faq) => ({
      id: faq.id,
      question: faq.question,
      alternatives: faq.alternatives.join('\n'),
      answer: faq.answer,
      category: faq.category,
      locale: faq.locale,
      tier: faq.tier ?? '',
      enabled: faq.enabled ? 'true' : 'false',
    })),
  );
}

export interface ImportReport {
  created: number;
  updated: number;
  /** "line 4: answer: …" for rows that were skipped. */
  errors: string[];
}

export async function importFaqsCsv(db: Db, text: string, editedBy: string): Promise<ImportReport> {
  let rows: FaqCsvRow[];
  try {
    rows = readFaqCsv(text);
  } catch (error) {
    throw new AdminInputError(`CSV: ${(error as Error).message}`);
  }
  const report: ImportReport = { created: 0, updated: 0, errors: [] };
  for (const [i, row] of rows.entries()) {
    try {
      const input = parseFaqInput({
        question: row.question,
        alternatives: phrasingLines(row.alternatives),
        answer: row.answer,
        category: row.category || 'general',
        locale: row.locale || guessLocale(row.question),
        tier: row.tier === '' ? null : row.tier,
        enabled: !/^(false|0|no|off)$/i.test(row.enabled.trim()),
      });
      const existing = row.id ? await db.faq.findUnique({ where: { id: row.id }, select: { id: true } }) : null;
      if (existing) {
        await updateFaq(db, existing.id, input, editedBy);
        report.updated++;
      } else {
        await createFaq(db, input, editedBy);
        report.created++;
      }
    } catch (error) {
      if (!(error instanceof AdminInputError)) throw error;
      report.errors.push(`row ${i + 1}: ${error.message}`);
    }
  }
  return report;
}
