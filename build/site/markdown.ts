// Markdown through marked (DESIGN.md). Headings get stable ids so the table of contents and
// "you are here" navigation can link to them. marked passes raw HTML through on purpose:
// content/ is written by our editors. Nothing from data is in the Markdown marked reads: the
// bindings left placeholders (build/insights/slots.ts), which are swapped for their escaped
// HTML only after marked has rendered the page.
import { Marked } from 'marked';
import { SlotTable } from '../insights/slots.ts';
import { baseSlug } from './slug.ts';

export interface MarkdownLibrary {
  render(source: string): string;
}

export function createMarkdown(slots: SlotTable = new SlotTable()): MarkdownLibrary {
  const marked = new Marked({ gfm: true, async: false });
  marked.use({
    renderer: {
      heading({ tokens, depth }) {
        const text = this.parser.parseInline(tokens);
        const plain = slots.plain(text).replace(/<[^>]*>/g, '').replace(/&[a-z#0-9]+;/gi, ' ');
        return `<h${depth} id="${baseSlug(plain)}">${text}</h${depth}>\n`;
      },
    },
  });
  return { render: (source: string) => slots.resolve(marked.parse(source) as string, source) };
}
