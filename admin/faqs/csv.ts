/**
 * FAQ CSV (RFC 4180: quoted fields may hold commas, quotes and newlines), UTF-8 with a BOM so Excel opens
 * Chinese text correctly. Phrasings are one per line inside their cell. Cells that a spreadsheet would run
 * as a formula (= + - @) are written with a leading apostrophe and read back without it.
 */
export const FAQ_CSV_COLUMNS = ['id', 'question', 'alternatives', 'answer', 'category', 'locale', 'tier', 'enabled'] as const;
export type FaqCsvRow = Record<(typeof FAQ_CSV_COLUMNS)[number], string>;

function quote(cell: string): string {
  const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) || safe !== cell ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function writeCsv(rows: readonly FaqCsvRow[]): string {
  const lines = [FAQ_CSV_COLUMNS.join(','), ...rows.map((row) => FAQ_CSV_COLUMNS.map((column) => quote(row[column])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Splits CSV text into records of cells; throws on an unterminated quote. */
export function parseCsv(text: string): string[][] {
  const input = text.replace(/^\uFEFF/, '');
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  const endCell = () => {
    record.push(wasQuoted ? cell : cell.trim());
    cell = '';
    wasQuoted = false;
  };
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') (quoted = true), (wasQuoted = true), (cell = '');
    else if (ch === ',') endCell();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      endCell();
      if (record.some((c) => c !== '')) records.push(record);
      record = [];
    } else cell += ch;
  }
  if (quoted) throw new Error('a quoted cell is not closed');
  endCell();
  if (record.some((c) => c !== '')) records.push(record);
  return records;
}

/** Records as rows keyed by the header line's column names (unknown columns ignored, missing ones empty). */
export function readFaqCsv(text: string): FaqCsvRow[] {
  const [header, ...records] = parseCsv(text);
  if (!header) return [];
  const index = header.map((name) => name.trim().toLowerCase());
  if (!index.includes('question') || !index.includes('answer')) throw new Error('the first line must name the columns, at least question and answer');
  return records.map((record) => {
    const row = Object.fromEntries(FAQ_CSV_COLUMNS.map((column) => [column, ''])) as FaqCsvRow;
    index.forEach((name, i) => {
      if ((FAQ_CSV_COLUMNS as readonly string[]).includes(name)) row[name as keyof FaqCsvRow] = unescapeFormula(record[i] ?? '');
    });
    return row;
  });
}

function unescapeFormula(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
