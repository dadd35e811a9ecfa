// Markdown through marked (DESIGN.md). Headings get stable ids so the table of contents and
// "you are here" navigation can link to them. marked passes raw HTML through on purpose:
// content/ is written by our editors, and every string from data reaches it already escaped
// by the bindings (build/insights/bind.ts).
import { Marked } from 'marked';
import { baseSlug } from './slug.ts';

export interface MarkdownLibrary {
  render(source: string): string;
}

export function createMarkdown(): MarkdownLibrary {
  const marked = new Marked({ gfm: true, async: false });
  marked.use({
    renderer: {
      heading({ tokens, depth }) {
        const text = this.parser.parseInline(tokens);
        const plain = text.replace(/<[^>]*>/g, '').replace(/&[a-z#0-9]+;/gi, ' ');
        return `<h${depth} id="${baseSlug(plain)}">${text}</h${depth}>\n`;
      },
    },
  });
  return { render: (source: string) => marked.parse(source) as string };
}
