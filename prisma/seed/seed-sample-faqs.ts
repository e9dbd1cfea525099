import type { Db } from '../../core/storage/database.ts';
import { isUniqueViolation } from '../../core/storage/unique-violation.ts';
import { loadSampleFaqs } from './faq-ecommerce.ts';

/**
 * Loads the sample e-commerce FAQ when the knowledge base has never had an entry, so a new install
 * answers real questions in its first minute. An admin who deleted everything on purpose is not
 * overridden: any FAQ row (even a disabled one) means the knowledge base is theirs.
 */
export async function seedSampleFaqsIfEmpty(db: Db): Promise<number> {
  if ((await db.faq.count()) > 0) return 0;
  const faqs = loadSampleFaqs();
  try {
    await db.faq.createMany({
      data: faqs.map((faq) => ({
        // Fixed ids: two processes starting at once on an empty database cannot both seed.
        id: `sample-${faq.id}`,
        question: faq.question,
        alternatives: faq.alternatives,
        answer: faq.answer,
        category: faq.category,
        locale: faq.locale,
        updatedBy: 'sample-seed',
      })),
    });
  } catch (error) {
    if (isUniqueViolation(error)) return 0;
    throw error;
  }
  return faqs.length;
}
