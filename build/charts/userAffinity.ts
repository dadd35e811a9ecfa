// One user's genre affinity as horizontal bars. Hand-built SVG (barList.ts), not Plot: this
// runs once per user page, and a Plot render through jsdom measured well above the 0.3 ms
// per-user budget (see tests/charts/README.md), while a string render costs microseconds.

import { toCsv } from '../util/csv.ts';
import { barListSvg } from './barList.ts';
import { emptyChart, type Chart, type UserChartDescriptor } from './chart.ts';
import { isGenre } from '../data/movielens.ts';
import { OTHER_GENRES_LABEL, genreColours, genreColoursByVolume, otherGenresNote, type GenreColours } from './genreColours.ts';
import { userLabel } from './reportCharts.ts';
import { formatShare } from '../util/numbers.ts';

export interface GenreAffinityRow {
  genre: string;
  /** Share of the user's rating weight on this genre, 0..1. */
  affinity: number;
}

export interface UserAffinityOptions {
  userLabel: string;
  /** Bars shown; the CSV keeps every genre with affinity > 0. */
  maxBars?: number;
  /** The site's genre → colour mapping; by default one from these rows. Genres outside its leading ones make one "Other genres" bar. */
  colours?: GenreColours;
}

export const USER_AFFINITY_ID = 'user-affinity';

const percent = (v: number): string => formatShare(v);
/** The user's largest shares, always named bars. */
const OWN_GENRES = 3;

export function renderUserAffinity(rows: GenreAffinityRow[], options: UserAffinityOptions): Chart {
  const title = `Genre affinity of ${options.userLabel}`;
  const kept = rows.filter((r) => r.affinity > 0).sort((a, b) => b.affinity - a.affinity || (a.genre < b.genre ? -1 : 1));
  const csv = toCsv(kept, [
    { name: 'genre', value: (r) => r.genre },
    { name: 'affinity', value: (r) => Number(r.affinity.toFixed(4)) },
  ]);
  if (kept.length === 0) return emptyChart(USER_AFFINITY_ID, title, `${options.userLabel} has no ratings of titles with a genre to show an affinity for.`, csv);
  const colours = options.colours ?? genreColoursByVolume(kept.map((r) => [r.genre, r.affinity] as const));
  // The user's own strongest genres are always named, in the Other group's grey when the site
  // has no hue for them: a Film-Noir fan's page must not hide Film-Noir inside "Other genres".
  const own = new Set(kept.slice(0, OWN_GENRES).map((r) => r.genre));
  const named = (r: GenreAffinityRow) => colours.isLeading(r.genre) || own.has(r.genre);
  const leading = kept.filter(named);
  const others = kept.filter((r) => !named(r));
  const otherShare = others.reduce((s, r) => s + r.affinity, 0);
  const shown = leading.slice(0, options.maxBars ?? 10);
  const top = kept.slice(0, OWN_GENRES).map((r) => `${r.genre} (${percent(r.affinity)})`).join(', ');
  const otherNote = otherGenresNote(colours, others.map((r) => r.genre));
  const description =
    `Share of ${options.userLabel}'s ratings by genre, largest first. Largest shares: ${top}.` +
    (others.length ? ` ${otherNote}` : '') +
    (leading.length > shown.length ? ` ${leading.length - shown.length} smaller genres are in the CSV only.` : '');
  const svg = barListSvg({
    id: USER_AFFINITY_ID,
    title,
    description,
    bars: [
      ...shown.map((r) => ({ label: r.genre, value: r.affinity, valueLabel: percent(r.affinity), colour: colours.colour(r.genre), genre: r.genre })),
      ...(others.length
        ? [{
            label: OTHER_GENRES_LABEL,
            value: otherShare,
            valueLabel: percent(otherShare),
            colour: colours.colour(OTHER_GENRES_LABEL),
            detail: `${OTHER_GENRES_LABEL}: ${percent(otherShare)} — ${others.map((r) => `${r.genre} ${percent(r.affinity)}`).join(', ')}`,
          }]
        : []),
    ],
  });
  return { id: USER_AFFINITY_ID, title, description, svg, csv };
}

export const userAffinityChart: UserChartDescriptor = {
  id: USER_AFFINITY_ID,
  title: 'A user\'s genre affinity',
  scope: 'user',
  needs: 'ratings',
  facts: [],
  renderer: ({ dataset, model }) => (userId) => {
    const colours = genreColours(dataset);
    const u = model.userPos.get(userId);
    // MovieLens' "(no genres listed)" marks a missing genre, not a taste: it gets no bar
    const affinity: GenreAffinityRow[] =
      u === undefined ? [] : model.genres.flatMap((genre, g) => (isGenre(genre) ? [{ genre, affinity: model.genreAffinity(u, g) }] : []));
    return renderUserAffinity(affinity, { userLabel: userLabel(userId), colours });
  },
};
