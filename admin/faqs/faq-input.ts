/** What an admin may save as an FAQ, validated once for the form, the CSV import and the unanswered page. */
import { z } from 'zod';

export const FAQ_TIERS = ['bot', 'bot_draft', 'human'] as const;
export const FAQ_LOCALES = ['zh', 'en'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);

export const faqInputSchema = z.object({
  question: text(500),
  alternatives: z.array(text(500)).max(200),
  answer: text(5000),
  category: text(100),
  locale: z.enum(FAQ_LOCALES),
  /** null: the routing policy decides who answers. */
  tier: z.enum(FAQ_TIERS).nullable(),
  enabled: z.boolean(),
});
export type FaqInput = z.infer<typeof faqInputSchema>;

/** Phrasings as typed in the textarea: one per line, blanks and duplicates dropped. */
export function phrasingLines(value: unknown): string[] {
  const lines = String(value ?? '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  return [...new Set(lines)];
}

/** Han characters → zh, anything else → en: the default locale of a new FAQ. */
export function guessLocale(text: string): 'zh' | 'en' {
  return /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
}

/** Reads the FAQ form (urlencoded strings; an unchecked checkbox is absent). */
export function faqInputFromForm(body: Record<string, unknown>): unknown {
  const tier = String(body.tier ?? '');
  return {
    question: String(body.question ?? ''),
    alternatives: phrasingLines(body.alternatives),
    answer: String(body.answer ?? ''),
    category: String(body.category ?? ''),
    locale: String(body.locale ?? guessLocale(String(body.question ?? ''))),
    tier: tier === '' ? null : tier,
    enabled: body.enabled === 'on' || body.enabled === 'true',
  };
}
