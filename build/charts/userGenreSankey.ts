// Sankey of users → genres: each link is a user's genre affinity from the model (the share of
// their rating weight on that genre), so every user's links add up to 1. Laid out by d3-sankey
// and drawn as hand-written SVG (Plot has no Sankey mark). d3-sankey mutates the nodes and links
// it is given, so it only ever sees copies.

import { sankey, sankeyLinkHorizontal, type SankeyGraph } from 'd3-sankey';
import { escapeHtml } from '../util/html.ts';
import { toCsv } from '../util/csv.ts';
import { emptyChart, fmt, round, shortLabel, standaloneSvg, type Chart, type ReportChartDescriptor } from './chart.ts';
import { OTHER_GENRES_LABEL, genreColours, genreColoursByVolume, otherGenresNote, type GenreColours } from './genreColours.ts';
import { TOP_SANKEY_USERS, userGenreFlowRows } from './reportCharts.ts';
import { formatCount, formatPercent, listText, maxOf } from '../util/numbers.ts';

export interface UserGenreFlowRow {
  userId: string;
  userLabel: string;
  genre: string;
  /** 0..1 */
  affinity: number;
}

export interface UserGenreSankeyOptions {
  width?: number;
  /** The site's genre → colour mapping; by default one from these rows' total flows. */
  colours?: GenreColours;
  /** How the users were chosen, as a sentence for the caption. */
  selection?: string;
}

/** Users in numeric order of their ids when every id is a number, else by code point. */
function byUserId(a: string, b: string): number {
  const [x, y] = [Number(a), Number(b)];
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

export const USER_GENRE_SANKEY_ID = 'user-genre-sankey';

interface NodeDatum {
  key: string;
  label: string;
  side: 'user' | 'genre';
}
interface LinkDatum {
  source: string;
  target: string;
  value: number;
  genre: string;
  userLabel: string;
}

/** Room for a label of `chars` characters of 12 px Inter (≈ 0.58 em each, rounded up to 7 px) and its 6 px gap. */
const labelRoom = (chars: number): number => Math.max(40, chars * 7 + 10);
/** Genre names up to 24 characters print whole ("International TV Shows"); longer ones end in "…", the full name in the node's tooltip. */
const GENRE_LABEL_CHARS = 24;

export function renderUserGenreSankey(rows: UserGenreFlowRow[], options: UserGenreSankeyOptions = {}): Chart {
  const id = USER_GENRE_SANKEY_ID;
  const title = 'Which genres each user leans to';
  const flows = rows.filter((r) => r.affinity > 0);
  const csv = toCsv(flows, [
    { name: 'user_id', value: (r) => r.userId },
    { name: 'genre', value: (r) => r.genre },
    { name: 'affinity', value: (r) => Number(r.affinity.toFixed(4)) },
  ]);
  if (flows.length === 0) return emptyChart(id, title, 'No ratings to show user–genre affinities', csv);

  const colours = options.colours ?? genreColoursByVolume(flows.map((r) => [r.genre, r.affinity] as const));
  // Genres outside the leading ones merge into one "Other genres" flow per user.
  const grouped = new Map<string, UserGenreFlowRow>();
  for (const r of flows) {
    const genre = colours.group(r.genre);
    const key = `${r.userId}\u0000${genre}`;
    const g = grouped.get(key);
    if (g) g.affinity += r.affinity;
    else grouped.set(key, { ...r, genre });
  }
  const groupedFlows = [...grouped.values()];
  const otherMembers = [...new Set(flows.filter((r) => !colours.isLeading(r.genre)).map((r) => r.genre))];
  const genreTotals = new Map<string, number>();
  for (const r of groupedFlows) genreTotals.set(r.genre, (genreTotals.get(r.genre) ?? 0) + r.affinity);
  // Genres in the site's colour order, the Other group last.
  const rank = (g: string): number => (colours.isLeading(g) ? colours.leading.indexOf(g) : colours.leading.length);
  const genres = [...genreTotals.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  // Each user's strongest genre (not the Other group), found once: the description lists it and
  // the caption counts it.
  const strongestOf = new Map<string, UserGenreFlowRow | undefined>();
  for (const r of groupedFlows) {
    if (r.genre === OTHER_GENRES_LABEL) continue;
    const best = strongestOf.get(r.userId);
    if (!best || r.affinity > best.affinity || (r.affinity === best.affinity && r.genre < best.genre)) strongestOf.set(r.userId, r);
  }
  // Users grouped by their strongest genre (the one the description names), the groups in the
  // right column's order, by user id inside a group: each user's strongest flow then runs across
  // to its genre without crossing the other groups'. Not by the widest flow: with many genres the
  // merged "Other genres" flow is the widest for nearly everyone, which grouped nobody (Netflix).
  // A user with no named genre groups with "Other genres", last.
  const groupRank = (uid: string): number => genres.indexOf(strongestOf.get(uid)?.genre ?? OTHER_GENRES_LABEL);
  const users = [...new Map(flows.map((r) => [r.userId, r.userLabel])).entries()].sort((a, b) => groupRank(a[0]) - groupRank(b[0]) || byUserId(a[0], b[0]));
  const colourOf = new Map(genres.map((g) => [g, colours.colour(g)]));
  const nodes: NodeDatum[] = [
    ...users.map(([uid, label]) => ({ key: `u:${uid}`, label, side: 'user' as const })),
    ...genres.map((g) => ({ key: `g:${g}`, label: g, side: 'genre' as const })),
  ];
  const links: LinkDatum[] = groupedFlows.map((r) => ({ source: `u:${r.userId}`, target: `g:${r.genre}`, value: r.affinity, genre: r.genre, userLabel: r.userLabel }));
  const order = new Map(nodes.map((n, i) => [n.key, i]));

  const width = options.width ?? 640;
  const height = Math.max(280, Math.max(users.length, genres.length) * 34);
  const graph: SankeyGraph<NodeDatum, LinkDatum> = sankey<NodeDatum, LinkDatum>()
    .nodeId((n) => n.key)
    .nodeWidth(12)
    .nodePadding(16) // ≥ one 12 px label line between the centres of two adjacent nodes
    // Keep the input order (users grouped by widest flow, genres in colour order) instead of
    // d3's relaxation order; links at each node stay sorted by the other end (d3's default).
    .nodeSort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0))
    // each side as wide as its longest label, so no label runs past the edge
    .extent([
      [labelRoom(maxOf(users.map(([, label]) => shortLabel(label, GENRE_LABEL_CHARS).length))), 6],
      [width - labelRoom(maxOf(genres.map((g) => shortLabel(g, GENRE_LABEL_CHARS).length))), height - 6],
    ])({ nodes: nodes.map((n) => ({ ...n })), links: links.map((l) => ({ ...l })) });

  const path = sankeyLinkHorizontal<NodeDatum, LinkDatum>();
  // the page's stylesheet raises the links' opacity in the dark theme (styles.css, .sankey-links)
  let body = '<g class="sankey-links" fill="none" stroke-opacity="0.45">';
  for (const link of graph.links) {
    const d = (path(link) ?? '').replace(/\d+\.\d{3,}/g, (m) => String(round(Number(m))));
    body +=
      `<path d="${d}" stroke="${colourOf.get(link.genre)}" data-genre="${escapeHtml(link.genre)}" stroke-width="${round(Math.max(1, link.width ?? 1))}">` +
      `<title>${escapeHtml(`${link.userLabel} → ${link.genre}: ${formatPercent(link.value)}`)}</title></path>`;
  }
  body += '</g><g>';
  for (const node of graph.nodes) {
    const x0 = node.x0 ?? 0;
    const x1 = node.x1 ?? 0;
    const y0 = node.y0 ?? 0;
    const y1 = node.y1 ?? 0;
    const fill = node.side === 'genre' ? colourOf.get(node.label) : 'currentColor';
    const isUser = node.side === 'user';
    const genreAttr = isUser ? '' : ` data-genre="${escapeHtml(node.label)}"`;
    const total = `${node.label}: ${isUser ? 'affinities sum to 1' : `total flow ${fmt(node.value ?? 0)}`}`;
    body +=
      `<rect x="${round(x0)}" y="${round(y0)}" width="${round(x1 - x0)}" height="${round(Math.max(1, y1 - y0))}" fill="${fill}"${genreAttr}><title>${escapeHtml(total)}</title></rect>` +
      `<text x="${round(isUser ? x0 - 6 : x1 + 6)}" y="${round((y0 + y1) / 2)}" dy="0.32em" text-anchor="${isUser ? 'end' : 'start'}">${escapeHtml(shortLabel(node.label, GENRE_LABEL_CHARS))}</text>`;
  }
  body += '</g>';

  const topPerUser = users.map(([uid, label]) => {
    const best = strongestOf.get(uid);
    return best ? `${label} → ${best.genre} ${formatPercent(best.affinity)}` : `${label} → ${OTHER_GENRES_LABEL}`;
  });
  const otherNote = otherGenresNote(colours, otherMembers);
  const description =
    (options.selection ? `${options.selection} ` : '') +
    `Flows from ${users.length} users (left, grouped by their strongest genre in the order of the genres, by user id within a group) to ${genres.length} genres (right); each flow is the share of the user's ratings on that genre. ` +
    (otherNote ? `${otherNote} ` : '') +
    `Genres by total flow: ${[...genres].sort((a, b) => (genreTotals.get(b) ?? 0) - (genreTotals.get(a) ?? 0) || (a < b ? -1 : 1)).slice(0, 5).map((g) => `${g} ${fmt(genreTotals.get(g) ?? 0)}`).join(', ')}. ` +
    `Each user's strongest genre: ${topPerUser.join('; ')}.`;
  const svg = standaloneSvg({ id, title, description, width, height, body });
  // the genre most users lean to most
  const strongest = new Map<string, number>();
  for (const best of strongestOf.values()) if (best) strongest.set(best.genre, (strongest.get(best.genre) ?? 0) + 1);
  const ranked = [...strongest.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const leadUsers = ranked[0]?.[1] ?? 0;
  const leaders = ranked.filter(([, n]) => n === leadUsers).map(([g]) => g);
  const lead =
    leaders.length === 0
      ? ''
      : `${listText(leaders)} ${leaders.length === 1 ? 'is' : 'are each'} the strongest genre for ${leadUsers} of the ${users.length} users shown; `;
  const caption =
    (options.selection ? `${options.selection} ` : '') +
    (lead ? `${lead}a flow's width is the share of that user's ratings.` : `A flow's width is the share of that user's ratings.`) +
    ' Users are grouped by their strongest genre.';
  return { id, title, description, caption, svg, csv };
}

export const userGenreSankeyChart: ReportChartDescriptor = {
  id: USER_GENRE_SANKEY_ID,
  title: 'User–genre flows',
  scope: 'report',
  needs: 'ratings',
  facts: ['affinity_leader_genre', 'affinity_leader_share', 'taste_concentration', 'recs.genre_match'],
  render: ({ dataset, model }) => {
    const rows = userGenreFlowRows(dataset, model, TOP_SANKEY_USERS);
    const shown = new Set(rows.map((r) => r.userId)).size;
    const all = dataset.ratings.countsByUserId().size;
    const selection = shown < all ? `Shown: the ${formatCount(shown)} of ${formatCount(all)} users with the most ratings (ties by id).` : `Shown: all ${formatCount(shown)} users.`;
    return renderUserGenreSankey(rows, { colours: genreColours(dataset), selection });
  },
};
