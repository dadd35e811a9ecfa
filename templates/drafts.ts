// The drafts page: with --drafts, claims the data no longer supports are listed here (and
// marked in the text) instead of failing the build, so editors can see what to fix.
import { html } from '../build/util/html.ts';
import type { AssetTags, NavSection, SiteView } from './view.ts';
import { layout } from './layout.ts';

export function draftsPage(site: SiteView, sections: NavSection[], assets: AssetTags): string {
  const body = html`<h1>Drafts: claims to review</h1>
${site.warnings.length === 0
  ? html`<p>Every claim in the narrative holds for this data.</p>`
  : html`<p>${site.warnings.length === 1 ? 'One claim no longer matches' : `${site.warnings.length.toLocaleString('en-US')} claims no longer match`} the data. Each is marked in the report; fix the wording or the condition in the file named.</p>
<ul class="draft-warnings">${site.warnings.map((w) => html`<li><code>${w.file}:${w.line}</code> ${w.message}</li>`)}</ul>`}`;
  return layout(site, sections, assets, { title: `Drafts — ${site.title}`, current: { kind: 'drafts' }, body });
}
