// The site's Markdown library (marked, GFM, placeholders resolved after rendering), for checking
// what bound Markdown renders to.
import type { BoundMarkdown } from '../../build/narrative/bind.ts';
import { createMarkdown } from '../../build/site/markdown.ts';

export function renderBound(bound: Pick<BoundMarkdown, 'markdown' | 'slots'>): string {
  return createMarkdown(bound.slots).render(bound.markdown);
}
