import { describe, expect, it } from 'vitest';
import { parseLabelledCsv } from '../../../eval/complaints/csv.ts';

describe('parseLabelledCsv', () => {
  it('maps negative to a complaint, whatever the column order', () => {
    const rows = parseLabelledCsv('category,text\nnegative,"太慢,差评"\npositive,很好\n');
    expect(rows).toEqual([{ text: '太慢,差评', negative: true }, { text: '很好', negative: false }]);
  });

  it('reads quoted fields and CRLF line ends', () => {
    expect(parseLabelledCsv('text,category\r\n"say ""hi"", now",positive\r\n')).toEqual([{ text: 'say "hi", now', negative: false }]);
  });

  it('rejects an unknown category with its row number', () => {
    expect(() => parseLabelledCsv('text,category\n好,positive\n坏,bad\n')).toThrow(/row 3/);
  });
});
