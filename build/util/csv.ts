// CSV for analysts' downloads: RFC 4180 quoting, and spreadsheet-formula neutralisation so a
// title such as "=HYPERLINK(...)" is shown as text by Excel/Sheets rather than executed.

/** Cells a spreadsheet would treat as a formula start with one of these. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : String(value);
  // Numbers are written by us and stay numeric (a negative score is not a formula);
  // any other string that looks like a formula gets a leading apostrophe.
  if (typeof value !== 'number' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV with a header line; `columns` fixes the order and the header names. */
export function toCsv<T>(rows: Iterable<T>, columns: { name: string; value: (row: T) => unknown }[]): string {
  const lines = [columns.map((c) => csvCell(c.name)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return lines.join('\n') + '\n';
}
