// The front matter of a content/*.md section, checked where content is read (STYLE.md 2, 11):
// every section names its `title`, its `section` id (unique, used for anchors and links) and its
// `order` on the page (unique, so the order never depends on file names or the host). A missing,
// invalid or repeated field is a one-line error naming file, line and the fix (exit 2).
//
// A small strict reader, not YAML: the front matter is `key: value` lines, a value optionally in
// quotes; anything else (lists, nesting) is refused with its line rather than half understood.
// Eleventy parses the same block with its YAML reader; for these flat lines both agree.
import { InsightError } from '../insights/insightError.ts';

export interface SectionMeta {
  file: string;
  title: string;
  section: string;
  order: number;
  /** 1-based line of each field, and of the closing `---` (where a missing field is reported). */
  lines: { title: number; section: number; order: number; end: number };
  /** The Markdown after the front matter, and the 1-based line it starts on. */
  body: string;
  bodyLine: number;
}

/** Splits off YAML front matter; returns the body and the 1-based line it starts on. */
export function splitFrontMatter(text: string): { body: string; bodyLine: number } {
  const m = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text);
  return m ? { body: text.slice(m[0].length), bodyLine: m[0].split('\n').length } : { body: text, bodyLine: 1 };
}

const SECTION_ID = /^[a-z0-9-]+$/;
const EXAMPLE = 'title: The data, section: data, order: 20';

/** Reads and checks one file's front matter. `file` is the path shown in errors. */
export function readFrontMatter(text: string, file: string): SectionMeta {
  const fail = (line: number, detail: string): never => {
    throw new InsightError(file, line, detail);
  };
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines[0] !== '---') fail(1, `no front matter: start the file with a --- line, then ${EXAMPLE} on lines of their own, then ---`);
  const end = lines.indexOf('---', 1);
  if (end < 0) fail(1, 'the front matter is never closed: add a --- line after its last field');
  const fields = new Map<string, { value: string; line: number }>();
  for (let i = 1; i < end; i++) {
    const line = i + 1;
    const raw = lines[i];
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const m = /^([A-Za-z_][\w-]*):(?:\s+(.*?))?\s*$/.exec(raw);
    if (!m) fail(line, 'front matter lines are "key: value" (no lists or indented lines)');
    const [, key, rawValue = ''] = m!;
    if (fields.has(key)) fail(line, `"${key}" is given twice in the front matter (first on line ${fields.get(key)!.line}): keep one`);
    fields.set(key, { value: unquote(rawValue), line });
  }
  const endLine = end + 1;
  const need = (key: string, what: string) => {
    const f = fields.get(key);
    if (!f || f.value === '') fail(f?.line ?? endLine, `front matter has no ${key}: add "${key}: …" (${what})`);
    return f!;
  };
  const title = need('title', 'the section heading');
  const section = need('section', 'an id of lowercase letters, digits and -, unique across content/');
  if (!SECTION_ID.test(section.value)) {
    fail(section.line, `section ${JSON.stringify(section.value)} is not an id: use lowercase letters, digits and - only, such as "section: ${suggestId(section.value)}"`);
  }
  const order = need('order', 'a number placing the section on the page, such as 10');
  const n = /^-?\d+(\.\d+)?$/.test(order.value) ? Number(order.value) : NaN;
  if (!Number.isFinite(n)) fail(order.line, `order ${JSON.stringify(order.value)} is not a number: write a number such as "order: 10"`);
  return {
    file,
    title: title.value,
    section: section.value,
    order: n,
    lines: { title: title.line, section: section.line, order: order.line, end: endLine },
    body: lines.slice(end + 1).join('\n'),
    bodyLine: end + 2,
  };
}

/** Every section id and every order once across the files: the second use is the error. */
export function checkSections(sections: SectionMeta[]): void {
  const ids = new Map<string, SectionMeta>();
  const orders = new Map<number, SectionMeta>();
  for (const s of [...sections].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const sameId = ids.get(s.section);
    if (sameId) throw new InsightError(s.file, s.lines.section, `section "${s.section}" is already the id of ${sameId.file}: give each section its own id`);
    ids.set(s.section, s);
    const sameOrder = orders.get(s.order);
    if (sameOrder) throw new InsightError(s.file, s.lines.order, `order ${s.order} is already the order of ${sameOrder.file}: give each section its own order`);
    orders.set(s.order, s);
  }
}

function unquote(value: string): string {
  const m = /^"(.*)"$|^'(.*)'$/.exec(value);
  if (!m) return value;
  return m[1] !== undefined ? m[1].replace(/\\"/g, '"').replace(/\\\\/g, '\\') : m[2].replace(/''/g, "'");
}

function suggestId(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'my-section';
}
