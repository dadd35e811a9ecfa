// Text from data never reaches the Markdown parser (issue 15). A binding ({{ fact }}, a chart,
// a strategy item, a failed claim's note) puts an inert placeholder into the bound Markdown and
// keeps its HTML here; the Markdown library swaps placeholders for that HTML only after marked
// has rendered the page. Escaping data for Markdown cannot be got right for every parser rule
// (a bare CR ended an HTML block, GFM autolinked "www.x/y"); a placeholder has nothing to escape.
//
// A placeholder is U+E000, a number, U+E001: private-use characters have no meaning in Markdown
// or HTML, and no binding's text is ever scanned for placeholders again (one pass over marked's
// output), so a data string that contains them cannot forge one.
import { escapeHtml } from '../util/html.ts';
import { InsightError } from './insightError.ts';

const OPEN = '\uE000';
const CLOSE = '\uE001';
const TOKEN = /\uE000(\d+)\uE001/g;
/** A placeholder that is a paragraph of its own: a block binding (chart, strategy item). */
const BLOCK_PARAGRAPH = /<p>\uE000(\d+)\uE001<\/p>\n?/g;
/** A tag (with its attributes) or a placeholder in text. Tags come first so placeholders inside them are seen as attribute text. */
const TAG_OR_TOKEN = /<[^>]*>|\uE000(\d+)\uE001/g;
/** Attributes in which data must never stand: URLs, styles and event handlers. */
const UNSAFE_ATTRIBUTE = /\s(href|src|srcset|action|formaction|poster|data|style|xlink:href|on[a-z]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]*)/gi;

export interface Slot {
  /** Markup shown where the placeholder stands in text (already escaped). */
  html: string;
  /** Plain text for attribute values and heading ids. */
  text: string;
  /** A chart or strategy item: replaces the paragraph it stands in. */
  block: boolean;
  /** Where the binding was written, for errors. */
  file: string;
  line: number;
}

export class SlotTable {
  private readonly slots: Slot[] = [];

  /** A placeholder for inline markup. */
  inline(html: string, text: string, file: string, line: number): string {
    return this.add({ html, text, block: false, file, line });
  }

  /** A placeholder that stands as its own paragraph and is replaced by block markup. */
  block(html: string, text: string, file: string, line: number): string {
    return `\n\n${this.add({ html, text, block: true, file, line })}\n\n`;
  }

  private add(slot: Slot): string {
    this.slots.push(slot);
    return `${OPEN}${this.slots.length - 1}${CLOSE}`;
  }

  /** Placeholders → plain text (heading ids, attribute values). */
  plain(s: string): string {
    return s.includes(OPEN) ? s.replace(TOKEN, (_, i: string) => this.get(i).text) : s;
  }

  /**
   * marked's output → the page's HTML. Every placeholder of `source` must come out of marked
   * intact: one that marked encoded (inside a link URL) or that stands in a URL, style or event
   * attribute is an error naming where the binding was written.
   */
  resolve(rendered: string, source: string): string {
    if (!source.includes(OPEN)) return rendered;
    const seen = new Set<string>();
    const blocks = rendered.replace(BLOCK_PARAGRAPH, (m: string, i: string) => {
      const slot = this.get(i);
      if (!slot.block) return m;
      seen.add(i);
      return `${slot.html}\n`;
    });
    const out = blocks.replace(TAG_OR_TOKEN, (m: string, i: string | undefined) => {
      if (i !== undefined) {
        seen.add(i);
        return this.get(i).html;
      }
      if (!m.includes(OPEN)) return m;
      for (const attr of m.matchAll(UNSAFE_ATTRIBUTE)) {
        const inside = TOKEN.exec(attr[2]);
        TOKEN.lastIndex = 0;
        if (inside) throw this.error(inside[1], `a binding cannot stand in a ${attr[1]} attribute: data is never part of a URL, style or script`);
      }
      return m.replace(TOKEN, (_, j: string) => {
        seen.add(j);
        return escapeHtml(this.get(j).text);
      });
    });
    for (const m of source.matchAll(TOKEN)) {
      if (!seen.has(m[1])) throw this.error(m[1], "a binding cannot stand inside a link's URL or an image: data is never part of a URL");
    }
    return out;
  }

  private error(i: string, detail: string): InsightError {
    const slot = this.get(i);
    return new InsightError(slot.file, slot.line, detail);
  }

  private get(i: string): Slot {
    const slot = this.slots[Number(i)];
    if (!slot) throw new Error(`no binding numbered ${i}`);
    return slot;
  }
}
