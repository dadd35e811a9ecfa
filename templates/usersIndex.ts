// The users index: a plain, paginated HTML list of the users with a page, which works without
// JavaScript; the bundled script adds search and filters over users/index.json and renders
// matches in small batches, so 10,000 users never become 10,000 DOM rows on a phone. When only a
// sample or a cohort has pages, the page says so in plain HTML, and the script finds anyone else
// by their whole id in the shards (templates/assets/userShards.ts).
import { html, type Raw } from '../build/util/html.ts';
import { formatCount } from '../build/util/numbers.ts';
import { SHARD_RECOMMENDATIONS } from './assets/userShards.ts';
import { metaAttribute, userMetaText, type MetaOptions } from './assets/userMeta.ts';
import { genresAttribute } from './userPage.ts';
import { layout } from './layout.ts';
import {
  url,
  userPagePath,
  RECOMMENDATIONS_CSV,
  usersIndexHref,
  USERS_INDEX_JSON,
  USERS_PER_INDEX_PAGE,
  type AssetTags,
  type NavSection,
  type SiteView,
  type UserPagesView,
  type UserView,
} from './view.ts';

/** What a user's summary line shows for this data (templates/assets/userMeta.ts). */
export function metaOptions(site: SiteView): MetaOptions {
  return { plans: site.filters.plans.length > 0, regions: site.filters.regions.length > 0, watched: site.feedback === 'plays' };
}

export function userRow(site: SiteView, u: UserView) {
  return html`<li class="user-row" data-id="${u.id}" data-plan="${u.plan ?? ''}" data-region="${u.region ?? ''}" data-genres="${genresAttribute(u.topGenres)}">
<a href="${url(site, `/${userPagePath(u.slug)}`)}"><span class="user-id">User ${u.id}</span></a>
<span class="user-meta">${userMetaText({ plan: u.plan, region: u.region, ratings: u.ratingCount }, metaOptions(site))}</span>
<span class="user-genres">${u.topGenres.length > 0 ? u.topGenres.join(', ') : 'no genres yet'}</span>
</li>`;
}

function select(id: string, label: string, values: string[]) {
  return html`<label for="${id}">${label}</label>
<select id="${id}" name="${id}"><option value="">All</option>${values.map((v) => html`<option value="${v}">${v}</option>`)}</select>`;
}

/** How the users with a page were chosen, in a sentence or two a reader can check. */
function howChosen(p: UserPagesView): Raw | string {
  const hashed = `each user's id is hashed with the build's seed (${p.seed}), and the users with the lowest hashes have pages, so the same data and seed always give the same users`;
  switch (p.rule) {
    case 'all':
      return '';
    case 'limit':
      return html`This data has more than the ${formatCount(p.limit)} users a build gives pages to by default, so ${formatCount(p.withPage)} were drawn at random: ${hashed} (a build with <code>--user-pages N</code> chooses another number).`;
    case 'sample':
      return html`They were drawn at random, as this build asked (<code>--user-pages ${p.withPage}</code>): ${hashed}.`;
    case 'cohort':
      return html`They are the cohort this build was asked to publish: the users listed in <code>${p.cohortFile}</code>.`;
  }
}

/** Which users have a page, why, and where everyone's recommendations are: readable without JavaScript. */
function userPagesNote(site: SiteView) {
  const p = site.userPages;
  const csv = html`<a href="${url(site, `/${RECOMMENDATIONS_CSV}`)}">${RECOMMENDATIONS_CSV}</a>`;
  if (p.rule === 'all') {
    return html`<p class="user-pages-note" id="user-pages-note">All ${formatCount(p.total)} users have a page. Every user's recommendations, with the reason for each, are also in ${csv}.</p>`;
  }
  return html`<p class="user-pages-note" id="user-pages-note"><strong>${formatCount(p.withPage)} of ${formatCount(p.total)} users have a page.</strong> ${howChosen(p)} Every user's recommendations, with the reason for each, are in ${csv}${p.shards > 0 ? `; with JavaScript, searching for a user's whole id here also shows the top ${SHARD_RECOMMENDATIONS} of anyone without a page` : ''}.</p>`;
}

export function usersIndexPage(
  site: SiteView,
  sections: NavSection[],
  assets: AssetTags,
  page: number,
  pages: number,
  users: UserView[],
): string {
  const first = (page - 1) * USERS_PER_INDEX_PAGE + 1;
  const everyone = site.userPages.rule === 'all';
  const body = html`<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="${url(site, '/')}">Report</a></li><li aria-current="page">Users</li></ol></nav>
<h1>Users</h1>
<p>${everyone ? 'Every user' : 'The users with a page of their own,'} with their ${[...(site.filters.plans.length > 0 ? ['plan'] : []), ...(site.filters.regions.length > 0 ? ['region'] : []), 'strongest genres', `how many titles they ${site.feedback === 'plays' ? 'watched' : 'rated'}`].join(', ').replace(/, ([^,]*)$/, ' and $1')}. Open a user to see what we recommend to them and why.</p>
${userPagesNote(site)}
<form class="user-filters" id="user-filters" role="search" hidden data-index="${url(site, `/${USERS_INDEX_JSON}`)}" data-base="${url(site, '/users/')}" data-meta="${metaAttribute(metaOptions(site))}"${site.userPages.shards > 0 ? html` data-shards="${site.userPages.shards}" data-shard-base="${url(site, '/')}"` : ''}>
<div class="filter-field"><label for="user-search">Search by id</label><input id="user-search" name="q" type="search" autocomplete="off" inputmode="search"></div>
${site.filters.plans.length > 0 ? html`<div class="filter-field">${select('filter-plan', 'Plan', site.filters.plans)}</div>` : ''}
${site.filters.regions.length > 0 ? html`<div class="filter-field">${select('filter-region', 'Region', site.filters.regions)}</div>` : ''}
<div class="filter-field">${select('filter-genre', 'Top genre', site.filters.genres)}</div>
<button type="submit" class="filter-apply">Filter</button>
<button type="reset" class="filter-reset">Clear</button>
</form>
<p class="user-count" id="user-count" aria-live="polite">Showing users ${first.toLocaleString('en-US')}–${(first + users.length - 1).toLocaleString('en-US')} of ${site.users.length.toLocaleString('en-US')}${everyone ? '' : ' with a page'}</p>${site.userPages.shards > 0 ? html`
<section class="user-lookup" id="user-lookup" aria-live="polite" aria-label="User without a page" hidden></section>` : ''}
<ul class="user-list" id="user-list">
${users.map((u) => userRow(site, u))}
</ul>
<button type="button" id="user-more" class="more" hidden>Show more</button>
${pages > 1
  ? html`<nav class="pager" id="user-pager" aria-label="User pages"><ul>${Array.from({ length: pages }, (_, i) => i + 1).map((p) =>
      p === page ? html`<li><span aria-current="page">${p}</span></li>` : html`<li><a href="${url(site, usersIndexHref(p))}">${p}</a></li>`,
    )}</ul></nav>`
  : ''}`;
  return layout(site, sections, assets, {
    title: page > 1 ? `Users (page ${page}) — ${site.title}` : `Users — ${site.title}`,
    current: { kind: 'users' },
    body,
  });
}
