// One user's page: what we recommend and why, the genre filter over the cards, the user's
// genre affinity and viewing by device, what they rated, and similar users.
import { escapeHtml, html, raw, type Raw } from '../build/util/html.ts';
import { url, userPagePath, type AssetTags, type NavSection, type RecommendationView, type UserLists, type UserPageSite, type UserView } from './view.ts';
import { layout } from './layout.ts';
import { chartFigure } from './chart.ts';
import { formatCount, formatFixed, formatPercent, formatStars as stars, listText, plural } from '../build/util/numbers.ts';

/** How many titles each end of a long rated history shows. */
const RATED_SHOWN = 10;
/**
 * A rated history longer than this shows its top and bottom ends, with the whole list behind
 * "Show all"; a shorter one is shown whole, since ends of 10 from 21 ratings put a ★0.5 under
 * "Highest rated".
 */
export const RATED_SPLIT_AFTER = 40;

/**
 * A card's genres for the filter script: a JSON array, since a genre may hold any character the
 * loaders keep (a Netflix genre may hold "|"). templates/assets/genreFilter.ts reads it back.
 */
export function genresAttribute(genres: string[]): string {
  return JSON.stringify(genres);
}

/** "rated " or "watched " before a reason, said again only where it changes: "rated A and B and watched C". */
function verbOf(reasons: RecommendationView['reasons'], i: number): string {
  const verb = (x: RecommendationView['reasons'][number]) => (x.watch ? 'watched ' : 'rated ');
  return i > 0 && verb(reasons[i]) === verb(reasons[i - 1]) ? '' : verb(reasons[i]);
}

/** A reason's link after its rating: " — similarity 0.82", or nothing when the next reason says it for both. */
const linkText = (link: string) => (link === '' ? '' : ` — ${link}`);

// Data text that sits beside figures is isolated in <bdi>, so a right-to-left title (Arabic,
// Hebrew) cannot reorder the stars and scores printed after it.
export function recommendationCard(site: UserPageSite, r: RecommendationView) {
  return html`<li class="rec-card" data-genres="${genresAttribute(r.genres)}">
<p class="rec-rank" aria-hidden="true">${r.rank}</p>
<h3 class="rec-title"><bdi>${r.titleName}</bdi></h3>
<p class="rec-meta">${r.genres.length > 0 ? html`<bdi>${r.genres.join(', ')}</bdi>` : 'genre not listed'}${r.year === null ? '' : ` · ${r.year}`}${r.source === 'collaborative' ? html` · match <span class="rec-score">${formatPercent(r.score)}</span>` : ''}</p>
<p class="rec-why">${r.reasons.length > 0
    ? html`Because you ${r.reasons.map(
        (x, i) => html`${i === 0 ? '' : i === r.reasons.length - 1 ? ' and ' : ', '}${verbOf(r.reasons, i)}<em><bdi>${x.titleName}</bdi></em> ${x.watch ? `(${x.watch})` : stars(x.rating)}${linkText(x.link)}`,
      )}`
    : r.explanation}</p>
</li>`;
}

// Built as a plain string (each value escaped): a page lists the whole history, 160 items on
// average at MovieLens-10M size, and the tagged template's work per value was 4 s of 70,000 pages.
function ratedItem(r: UserLists['rated'][number]): Raw {
  const mark = r.watch ? `<span class="watch">${escapeHtml(r.watch)}</span>` : `<span class="stars">${escapeHtml(stars(r.rating))}</span>`;
  return raw(`<li><bdi>${escapeHtml(r.titleName)}</bdi> ${mark}</li>`);
}

function ratedList(items: Raw[]) {
  return html`<ul class="rated-list">${items}</ul>`;
}

/** The rated titles (best first, most recent first within a rating); a long history shows its best and lowest rated, and the rest on request. */
export function ratedHistory(rated: UserLists['rated'], plays: boolean) {
  // each item made once: the ends are shown twice, and a page may list thousands
  const items = rated.map(ratedItem);
  if (rated.length <= RATED_SPLIT_AFTER) return ratedList(items);
  return html`<h3>${plays ? 'Watched most' : 'Highest rated'}</h3>
${ratedList(items.slice(0, RATED_SHOWN))}
<h3>${plays ? 'Watched least' : 'Lowest rated'}</h3>
${ratedList(items.slice(-RATED_SHOWN))}
<details class="rated-all"><summary>Show all ${plays ? plural(rated.length, 'title') : plural(rated.length, 'rating')}</summary>
${ratedList(items)}
</details>`;
}

/** What a reason's "similarity" is, and why a weak one is said in words (explain.ts reasonLink). */
function similarityNote(plays: boolean, shown: number) {
  return html`<em>Similarity</em> runs from 0 to 1 and says how alike the same viewers ${plays ? 'watched' : 'rated'} two titles (<em>content similarity</em>: how alike their genres and descriptions are); below ${formatFixed(shown, 2)} a reason names the link in words instead, because the match comes from patterns across all viewers, not from that one number.`;
}

export function userPage(site: UserPageSite, sections: NavSection[], u: UserView, assets: AssetTags): string {
  const { rated, recommendations } = u.lists();
  const genres = [...new Set(recommendations.flatMap((r) => r.genres))].sort();
  const charts = u.charts();
  const plays = site.feedback === 'plays';
  const body = html`<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="${url(site, '/')}">Report</a></li><li><a href="${url(site, '/users/')}">Users</a></li><li aria-current="page">User ${u.id}</li></ol></nav>
<h1>User ${u.id}</h1>
<dl class="user-facts">
${u.plan === null ? '' : html`<div><dt>Plan</dt><dd>${u.plan}</dd></div>`}
${u.region === null ? '' : html`<div><dt>Region</dt><dd>${u.region}</dd></div>`}
<div><dt>${plays ? 'Titles watched' : 'Ratings'}</dt><dd>${formatCount(u.ratingCount)}</dd></div>
${site.counts.sessions === null ? '' : html`<div><dt>Viewing sessions</dt><dd>${formatCount(u.sessionCount)}</dd></div>`}
<div><dt>Top genres</dt><dd>${u.topGenres.length > 0 ? u.topGenres.join(', ') : 'none yet'}</dd></div>
</dl>
<section aria-labelledby="recs-title">
<h2 id="recs-title">Recommended for user ${u.id}</h2>
${genres.length > 1
  ? html`<div class="genre-filter" id="genre-filter" hidden><label for="rec-genre">Show genre</label><select id="rec-genre"><option value="">All genres</option>${genres.map((g) => html`<option value="${g}">${g}</option>`)}</select> <span id="rec-count" aria-live="polite"></span></div>`
  : ''}
${recommendations.some((r) => r.source === 'collaborative')
  ? plays
    ? html`<p class="rec-note">Only titles user ${u.id} watched at least as much as their typical title (by minutes, with repeat plays counting extra) recommend or explain a title; those they left early count against titles like them. <em>Match</em> is how strongly those titles point to a title, relative to the first recommendation (100%). ${similarityNote(plays, site.shownSimilarity)}</p>`
    : html`<p class="rec-note">Only titles user ${u.id} liked (rated at or above both their own average and the middle of the scale) recommend or explain a title; those they disliked count against titles like them. <em>Match</em> is how strongly the liked titles point to a title, relative to the first recommendation (100%). ${similarityNote(plays, site.shownSimilarity)}</p>`
  : ''}
<ol class="rec-list" id="rec-list">
${recommendations.map((r) => recommendationCard(site, r))}
</ol>
</section>
<section aria-labelledby="profile-title" class="user-charts">
<h2 id="profile-title">${site.counts.sessions === null ? 'Taste' : 'Taste and viewing'}</h2>
${charts.map((c) => chartFigure(site, c, 'user'))}
</section>
<section aria-labelledby="rated-title">
<h2 id="rated-title">What user ${u.id} ${plays ? 'watched' : 'rated'}</h2>
${ratedHistory(rated, plays)}
</section>
${u.similarUsers.length > 0
  ? html`<section aria-labelledby="similar-title"><h2 id="similar-title">Users with similar taste</h2>
<ul class="similar-users">${u.similarUsers.map((s) => html`<li>${s.slug === null ? html`User ${s.id}` : html`<a href="${url(site, `/${userPagePath(s.slug)}`)}">User ${s.id}</a>`} <span class="user-genres">also likes ${listText(s.sharedGenres)}</span></li>`)}</ul></section>`
  : ''}`;
  return layout(site, sections, assets, { title: `User ${u.id} — ${site.title}`, current: { kind: 'user' }, body });
}
