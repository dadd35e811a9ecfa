// CSV for analysts' downloads: RFC 4180 quoting, and spreadsheet-formula neutralisation so a
// title such as "=HYPERLINK(...)" is shown as text by Excel/Sheets rather than executed.

/** Cells a spreadsheet would treat as a formula start with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Numbers are written by us and stay numeric (a negative score is not a formula); their text
  // never needs quoting. The fast path matters: a 10,000-user build writes millions of cells.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = String(value);
  // any other string that looks like a formula gets a leading apostrophe
  if (FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A quote, comma or line break anywhere, or white space at either end (which trim() drops). */
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** Rows as CSV with a header line; `columns` fixes the order and the header names. */
export function toCsv<T>(rows: Iterable<T>, columns: { name: string; value: (row: T) => unknown }[]): string {
  const lines = [columns.map((c) => csvCell(c.name)).join(',')];
  for (const row of rows) {
    let line = columns.length > 0 ? csvCell(columns[0].value(row)) : '';
    for (let c = 1; c < columns.length; c++) line += `,${csvCell(columns[c].value(row))}`;
    lines.push(line);
  }
  return lines.join('\n') + '\n';
}
