/**
 * Minimal RFC 4180 CSV reader for the `text,category` evaluation files: quoted fields, doubled quotes,
 * commas and newlines inside quotes, CRLF or LF line ends.
 */

/** Parses CSV text into rows of fields. A trailing newline does not create an empty row. */
export function parseCsv(source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = (): void => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  for (; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') endRow();
    else if (ch === '\r') {
      if (source[i + 1] !== '\n') endRow();
    } else field += ch;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** One labelled example of an evaluation set. */
export interface LabelledText {
  text: string;
  label: string;
}

/** Reads a `text,category` CSV with a header row; columns are found by name, so their order may differ. */
export function parseLabelledCsv(source: string): LabelledText[] {
  const [header, ...rows] = parseCsv(source);
  if (!header) return [];
  const textColumn = header.indexOf('text');
  const labelColumn = header.indexOf('category');
  if (textColumn < 0 || labelColumn < 0) throw new Error('CSV header must name the columns "text" and "category"');
  return rows
    .filter((row) => row.length > Math.max(textColumn, labelColumn))
    .map((row) => ({ text: row[textColumn] ?? '', label: row[labelColumn] ?? '' }));
}
