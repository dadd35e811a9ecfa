// CSV for analysts' downloads: RFC 4180 quoting, and spreadsheet-formula neutralisation so a
// title such as "=HYPERLINK(...)" is shown as text by Excel/Sheets rather than executed.

/**
 * A spreadsheet may take a cell for a formula when it starts with one of `= + - @`, tab or CR;
 * and a spreadsheet that splits on `;` (many locales) or on tabs and line breaks may cut a cell
 * into parts, each of which can then start one. So any of those starts counts, at the beginning
 * or right after `;`, `,`, tab, CR or LF: "Fun;=cmd|' /C calc'!A0" is a formula in such a sheet.
 */
const FORMULA_START = /(?:^|[;,\t\r\n])[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Numbers are written by us and stay numeric (a negative score is not a formula); their text
  // never needs quoting. The fast path matters: a 10,000-user build writes millions of cells.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = String(value);
  // any other string that looks like a formula, anywhere a sheet could split it, gets a leading
  // apostrophe and is always quoted (so a `;`-splitting reader keeps it one cell)
  if (FORMULA_START.test(s)) return `"'${s.replace(/"/g, '""')}"`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A quote, comma or line break anywhere, or white space at either end (which trim() drops). */
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** A CSV column: its header name and how a row gives its cell. */
export interface CsvColumn<T> {
  name: string;
  value: (row: T) => unknown;
  /**
   * Its values come back row after row (ids): each value's cell is made once and remembered, so
   * a download of 10⁷ ratings checks 80,000 ids for quoting, not 2·10⁷ cells. Not for values
   * that are mostly different (text): every one of them would be kept.
   */
  repeats?: boolean;
}

/** Rows as CSV with a header line; `columns` fixes the order and the header names. */
export function toCsv<T>(rows: Iterable<T>, columns: CsvColumn<T>[]): string {
  return Array.from(csvParts(rows, columns)).join('');
}

/**
 * toCsv's text in parts of about `partSize` characters, each made when it is asked for, so a
 * writer can put a download of 10⁷ rows on disk without ever holding it whole: as one string
 * plus its lines it was 0.5 GB at MovieLens-10M size, kept until the last page was written.
 */
export function* csvParts<T>(rows: Iterable<T>, columns: CsvColumn<T>[], partSize = 1 << 20): Generator<string> {
  const cells = columns.map((c): ((row: T) => string) => {
    if (!c.repeats) return (row) => csvCell(c.value(row));
    const made = new Map<unknown, string>();
    return (row) => {
      const v = c.value(row);
      let cell = made.get(v);
      if (cell === undefined) made.set(v, (cell = csvCell(v)));
      return cell;
    };
  });
  let part = `${columns.map((c) => csvCell(c.name)).join(',')}\n`;
  for (const row of rows) {
    let line = cells.length > 0 ? cells[0](row) : '';
    for (let c = 1; c < cells.length; c++) line += `,${cells[c](row)}`;
    part += `${line}\n`;
    if (part.length >= partSize) {
      yield part;
      part = '';
    }
  }
  if (part !== '') yield part;
}
