/**
 * Reads `text,category` CSV files as labelled complaint examples, for the eval CLI. The RFC 4180 reader is
 * the evaluation tooling's (eval/csv.ts), so both CLIs read the shared eval files the same way.
 */
import { parseCsv } from '../csv.ts';
import type { ComplaintExample } from '../../bot/emotion/detector.ts';

/**
 * `text,category` rows (header required) → examples; category `negative` is a complaint, `positive` is not.
 * Any other category is an error, so a mislabelled file fails loudly instead of skewing the figures.
 */
export function parseLabelledCsv(content: string): ComplaintExample[] {
  const [header, ...rows] = parseCsv(content);
  const textAt = header?.indexOf('text') ?? -1;
  const categoryAt = header?.indexOf('category') ?? -1;
  if (textAt < 0 || categoryAt < 0) throw new Error('CSV header must name the columns text and category');
  const examples: ComplaintExample[] = [];
  rows.forEach((row, i) => {
    if (row.every((f) => f === '')) return;
    const category = row[categoryAt]?.trim();
    if (category !== 'negative' && category !== 'positive') {
      throw new Error(`row ${i + 2}: category must be negative or positive, got "${category}"`);
    }
    examples.push({ text: row[textAt] ?? '', negative: category === 'negative' });
  });
  return examples;
}
