// The "What changed" page (`--compare`, issue 16): what moved since the build this one was
// compared with — the data, the recommender's metrics, the claims whose truth flipped, the
// strategy items, and every fact — most important first. Plain tables, readable without script.
import { html, noBreakHtml, raw, type Raw } from '../build/util/html.ts';
import { listText, plural } from '../build/util/numbers.ts';
import { url, userPagePath, type AssetTags, type ChangeRow, type ChangesView, type NavSection, type SiteView } from './view.ts';
import { layout } from './layout.ts';

/** Names listed before "and N more": the full lists are in data/facts.json of each build. */
const MAX_LISTED = 50;

function listed(items: Raw[] | string[], what: string): Raw {
  const shown = items.slice(0, MAX_LISTED);
  const more = items.length - shown.length;
  return html`<ul class="change-list">${shown.map((i) => html`<li>${i}</li>`)}</ul>${more > 0 ? html`<p>… and ${plural(more, `more ${what}`, `more ${what}s`)} (each build's <code>data/facts.json</code> lists them all).</p>` : ''}`;
}

function changeCell(r: ChangeRow): Raw {
  return html`<td class="num${r.noise ? ' noise' : ''}" data-label="Change">${r.change}${r.noise ? html`<span class="noise-mark">within noise</span>` : ''}</td>`;
}

/**
 * A table of changes. On a phone each row becomes a small card (styles.css: the labels come from
 * data-label), so nothing scrolls sideways; on a desk it is a table. Fact names are code (they
 * are what an editor binds); metric names are words.
 */
function rowsTable(caption: string, first: string, rows: ChangeRow[], opts: { meaning: boolean; code: boolean }): Raw {
  return html`<table class="changes">
<caption>${caption}</caption>
<thead><tr><th scope="col">${first}</th>${opts.meaning ? html`<th scope="col">What it is</th>` : ''}<th scope="col" class="num">Before</th><th scope="col" class="num">Now</th><th scope="col" class="num">Change</th></tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr><th scope="row">${opts.code ? html`<code>${r.name}</code>` : r.name}</th>${opts.meaning ? html`<td class="meaning">${r.meaning}</td>` : ''}<td class="${r.numeric ? 'num' : 'text'}" data-label="Before">${raw(noBreakHtml(r.old))}</td><td class="${r.numeric ? 'num' : 'text'}" data-label="Now">${raw(noBreakHtml(r.new))}</td>${changeCell(r)}</tr>`,
  )}</tbody>
</table>`;
}

function metricsSection(c: ChangesView): Raw {
  if (c.metrics.length === 0) return html`<p>Neither build, or only one, evaluated the recommender, so there are no metrics to compare.</p>`;
  return html`${c.metrics.map(
    (v) => html`<h3>${v.view}</h3>
<p class="sample">${v.sample}. A change smaller than twice its standard error is marked “within noise”.</p>
${v.models.map(
  (m) => html`${m.rows.length > 0 ? rowsTable(m.label, 'Metric', m.rows, { meaning: false, code: false }) : html`<p class="table-caption">${m.label}</p>`}
${m.unchanged.length > 0 ? html`<p class="unchanged">${m.rows.length > 0 ? 'Unchanged' : 'Every metric unchanged'}: ${listText(m.unchanged)}.</p>` : ''}`,
)}`,
  )}`;
}

export function changesPage(site: SiteView, sections: NavSection[], assets: AssetTags): string {
  const c = site.changes!;
  const body = html`<article class="changes-page">
<h1>What changed</h1>
<p class="lede">${c.headline}</p>
<p>Compared with <code>${c.previous}</code>: ${raw(noBreakHtml(c.previousDescription))}.</p>
${c.notRecorded.length > 0 ? html`<p class="note">The previous build's record is of an older format without ${c.notRecorded.join(', ')}; those were not compared.</p>` : ''}
${c.unchanged
  ? ''
  : html`<h2 id="data">Data</h2>
${c.counts.length === 0 && c.titles.added.length + c.titles.removed.length + c.users.added.length + c.users.removed.length === 0
  ? html`<p>The same titles, users and interactions.</p>`
  : html`${c.counts.length > 0 ? rowsTable('Counts', 'What', c.counts, { meaning: false, code: false }) : ''}
${c.titles.added.length > 0 ? html`<h3>${plural(c.titles.added.length, 'title')} added</h3>${listed(c.titles.added, 'title')}` : ''}
${c.titles.removed.length > 0 ? html`<h3>${plural(c.titles.removed.length, 'title')} removed</h3>${listed(c.titles.removed, 'title')}` : ''}
${c.users.added.length > 0
  ? html`<h3>${plural(c.users.added.length, 'user')} added</h3>${listed(
      c.users.added.map((u) => (u.slug ? html`<a href="${url(site, `/${userPagePath(u.slug)}`)}">User ${u.id}</a>` : html`User ${u.id}`)),
      'user',
    )}`
  : ''}
${c.users.removed.length > 0 ? html`<h3>${plural(c.users.removed.length, 'user')} removed</h3>${listed(c.users.removed.map((id) => `User ${id}`), 'user')}` : ''}`}
<h2 id="recommender">Recommender metrics</h2>
${metricsSection(c)}
<h2 id="claims">Claims whose truth flipped</h2>
${c.claims.length === 0
  ? html`<p>No claim in the narrative changed from true to false or back.</p>`
  : html`<ul class="change-list">${c.claims.map(
      (f) => html`<li><code>${f.file}:${f.line}</code> <code>${f.claim}</code>: ${f.was ? 'held' : 'failed'} before, ${f.now ? 'holds now' : html`<strong>fails now</strong>`}.</li>`,
    )}</ul>`}
<h2 id="strategy">Strategy items</h2>
${c.strategy.length === 0
  ? html`<p>The same strategic recommendations, saying the same.</p>`
  : html`<ul class="change-list">${c.strategy.map((s) =>
      s.old === null
        ? html`<li>New: <strong>${s.new}</strong></li>`
        : s.new === null
          ? html`<li>Gone: <del>${s.old}</del></li>`
          : html`<li>Now <strong>${s.new}</strong> (was “${s.old}”)</li>`,
    )}</ul>`}
<h2 id="facts">Facts that moved</h2>
${c.facts.length === 0 ? html`<p>No fact changed its value.</p>` : rowsTable(`${plural(c.facts.length, 'fact')}: names and lists first, then by how far they moved`, 'Fact', c.facts, { meaning: true, code: true })}
${c.appeared.length > 0 ? html`<h3>New facts</h3><p>${c.appeared.map((n, i) => html`${i > 0 ? ', ' : ''}<code>${n}</code>`)}</p>` : ''}
${c.disappeared.length > 0 ? html`<h3>Facts this data no longer supports</h3><p>${c.disappeared.map((n, i) => html`${i > 0 ? ', ' : ''}<code>${n}</code>`)}</p>` : ''}`}
</article>`;
  return layout(site, sections, assets, { title: `What changed — ${site.title}`, current: { kind: 'changes' }, body });
}
