/**
 * The sample e-commerce knowledge base a new install is seeded with, so the bot gives real answers in the
 * first minute. The content lives in `faq-ecommerce.json` (easy for non-developers to edit and translate);
 * this module is the only way code reads it, and it refuses a malformed file instead of seeding half of it.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../../core/errors.ts';

/** Topic groups of the sample FAQ; the admin page shows them as categories. */
export const SEED_FAQ_CATEGORIES = [
  'shipping',
  'returns',
  'refunds',
  'payment',
  'invoices',
  'order_status',
  'account',
  'hours',
  'coupons',
  'warranty',
  'products',
] as const;

export type SeedFaqCategory = (typeof SEED_FAQ_CATEGORIES)[number];

export const SEED_FAQ_LOCALES = ['zh', 'en'] as const;

export type SeedFaqLocale = (typeof SEED_FAQ_LOCALES)[number];

/** A topic slug followed by the locale, e.g. `shipping-time-zh`; the slug pairs translations of one topic. */
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*-(?:zh|en)$/;

/** Every phrasing needs enough alternatives for the matcher to generalise from (see bot/matcher). */
export const MIN_ALTERNATIVES = 4;

const nonBlank = z.string().trim().min(1, 'must not be blank');

const seedFaqSchema = z
  .object({
    id: z.string().regex(ID_PATTERN, 'must be a lower-case slug ending in -zh or -en, e.g. "shipping-time-zh"'),
    category: z.enum(SEED_FAQ_CATEGORIES),
    locale: z.enum(SEED_FAQ_LOCALES),
    question: nonBlank,
    alternatives: z.array(nonBlank).min(MIN_ALTERNATIVES, `needs at least ${MIN_ALTERNATIVES} alternatives`),
    answer: nonBlank,
  })
  .strict()
  .refine((faq) => faq.id.endsWith(`-${faq.locale}`), {
    message: 'id suffix must match locale',
    path: ['id'],
  });

const seedFaqFileSchema = z.array(seedFaqSchema).superRefine((faqs, ctx) => {
  const seen = new Set<string>();
  faqs.forEach((faq, index) => {
    if (seen.has(faq.id)) ctx.addIssue({ code: 'custom', message: `duplicate id "${faq.id}"`, path: [index, 'id'] });
    seen.add(faq.id);
  });
});

/**
 * One sample FAQ entry in one language. Structurally a `FaqTrainingEntry` (bot/matcher/types.ts), so the
 * seeded knowledge base can be handed to the matcher as is.
 */
export type SeedFaq = z.infer<typeof seedFaqSchema>;

/** The bundled file, resolved next to this module so it works from any working directory. */
export const SAMPLE_FAQ_FILE = new URL('./faq-ecommerce.json', import.meta.url);

/**
 * Validates already-parsed JSON. Throws `ConfigError` naming `source` and every offending entry, because a
 * broken sample file is a packaging mistake that should stop the first start, not seed a partial base.
 */
export function parseSampleFaqs(data: unknown, source: string): SeedFaq[] {
  const result = seedFaqFileSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - ${describeLocation(data, issue.path)}: ${issue.message}`);
    throw new ConfigError(`Invalid sample FAQ file ${source}:\n${problems.join('\n')}`);
  }
  return result.data;
}

/** "entry 3 (shipping-cost-zh) alternatives": the id lets an editor find the entry without counting. */
function describeLocation(data: unknown, path: readonly PropertyKey[]): string {
  const [index, ...field] = path;
  if (typeof index !== 'number') return 'file';
  const id: unknown = Array.isArray(data) ? (data[index] as { id?: unknown } | undefined)?.id : undefined;
  const entry = typeof id === 'string' ? `entry ${index} (${id})` : `entry ${index}`;
  return field.length === 0 ? entry : `${entry} ${field.map(String).join('.')}`;
}

/**
 * Reads and validates the sample FAQ (both locales). `file` defaults to the bundled JSON; it is a parameter
 * so a deployment can ship its own sample set in the same format.
 */
export function loadSampleFaqs(file: string | URL = SAMPLE_FAQ_FILE): SeedFaq[] {
  const source = file instanceof URL ? file.pathname : file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read sample FAQ file ${source}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Sample FAQ file ${source} is not valid JSON: ${(error as Error).message}`);
  }
  return parseSampleFaqs(data, source);
}

/** The language-independent topic of an entry (`shipping-time-zh` → `shipping-time`), pairing translations. */
export function sampleFaqTopic(faq: Pick<SeedFaq, 'id' | 'locale'>): string {
  return faq.id.slice(0, -(faq.locale.length + 1));
}
