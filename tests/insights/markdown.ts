// The site's Markdown settings (marked, GFM), for checking what bound Markdown renders to.
import { Marked } from 'marked';

export function createMarkdownRenderer(): (source: string) => string {
  const marked = new Marked({ gfm: true, async: false });
  return (source) => marked.parse(source) as string;
}
