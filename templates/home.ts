// The report home: every narrative section from content/*.md, in order, with a table of
// contents and previous/next links so a long report stays navigable.
import { html, raw } from '../build/util/html.ts';
import { plural } from '../build/util/numbers.ts';
import { url, type AssetTags, type SectionView, type SiteView } from './view.ts';
import { layout } from './layout.ts';

/** Heading ids are made per section; prefixing keeps them unique across the page. */
function prefixHeadingIds(sectionId: string, markup: string): string {
  return markup.replace(/<h([1-6]) id="/g, `<h$1 id="${sectionId}--`);
}

export function homePage(site: SiteView, sections: SectionView[], assets: AssetTags): string {
  const toc = html`<nav class="toc" aria-label="Contents">
<h2 id="contents">Contents</h2>
<ol>${sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`)}</ol>
</nav>`;
  const body = html`<article class="report">
<header class="report-header">
<h1>${site.title}</h1>
<p class="lede">${plural(site.counts.users, 'user')}, ${plural(site.counts.titles, 'title')}, ${plural(site.counts.ratings, 'rating')}${site.counts.sessions === null ? '' : html`, ${plural(site.counts.sessions, 'viewing session')}`}. <a href="${url(site, '/users/')}">Recommendations for every user →</a></p>
${site.changes ? html`<p class="changes-line">${site.changes.headline} <a href="${url(site, '/changes/')}">What changed →</a></p>` : ''}
${site.notes.length > 0 ? html`<ul class="data-notes">${site.notes.map((n) => html`<li>${n}</li>`)}</ul>` : ''}
</header>
${toc}
${sections.map((s, i) => {
  const prev = sections[i - 1];
  const next = sections[i + 1];
  return html`<section class="report-section" id="${s.id}" aria-labelledby="${s.id}-title">
<h2 id="${s.id}-title">${s.title}</h2>
${raw(prefixHeadingIds(s.id, s.html))}
<nav class="section-pager" aria-label="${s.title}: previous and next sections">
${prev ? html`<a rel="prev" href="#${prev.id}">← ${prev.title}</a>` : ''}
<a href="#contents">Contents</a>
${next ? html`<a rel="next" href="#${next.id}">${next.title} →</a>` : ''}
</nav>
</section>`;
})}
</article>`;
  return layout(site, sections, assets, { title: site.title, current: { kind: 'home' }, body });
}
