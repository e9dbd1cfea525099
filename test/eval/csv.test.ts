import { describe, expect, it } from 'vitest';
import { parseCsv, parseLabelledCsv } from '../../eval/csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and newlines, CRLF or LF', () => {
    const source = 'text,category\r\n"a, b",x\n"say ""hi""",y\n"two\nlines",z\n';
    expect(parseCsv(source)).toEqual([
      ['text', 'category'],
      ['a, b', 'x'],
      ['say "hi"', 'y'],
      ['two\nlines', 'z'],
    ]);
  });

  it('handles a missing final newline, a BOM and empty fields', () => {
    expect(parseCsv('\ufeffa,b\n,c')).toEqual([
      ['a', 'b'],
      ['', 'c'],
    ]);
  });
});

describe('parseLabelledCsv', () => {
  it('finds the columns by header name', () => {
    expect(parseLabelledCsv('category,text\nrefund,"where is my money, please"\n')).toEqual([
      { text: 'where is my money, please', label: 'refund' },
    ]);
  });

  it('rejects a file without the expected columns', () => {
    expect(() => parseLabelledCsv('sentence,label\nx,y\n')).toThrow(/text/);
  });
});
