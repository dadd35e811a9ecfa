// Site data assembly: turns the pipeline's stage values into the one SiteView the templates
// read, and the downloads analysts get (the exact data behind every chart and user page).
import path from 'node:path';
import type { Dataset, EvaluationResult, ModelView, Ratings, Recommendation, Title } from '../types.ts';
import { describeUserPages, selectUserPages, type UserPageSelection } from './userPages.ts';
import type { ReportConfig } from '../config.ts';
import type { PipelineResult } from '../pipeline.ts';
import type { Chart } from '../charts/chart.ts';
import { csvParts, toCsv } from '../util/csv.ts';
import { slugify } from './slug.ts';
import { allInferred, watchText } from '../data/implicit.ts';
import { isGenre } from '../data/movielens.ts';
import { sourceName } from '../data/load.ts';
import { formatCount } from '../util/numbers.ts';
import { similarUsers } from './similarUsers.ts';
import { reasonLinkAt, SHOWN_SIMILARITY } from '../recommend/explain.ts';
import { standaloneSvgFile } from './svgFile.ts';
import { buildRecord, RECORD_PATH } from './record.ts';
import type { ClaimOutcome } from '../narrative/bind.ts';
import type { FactCatalogue } from '../insights/catalogue.ts';
import {
  reportChartPath,
  RECOMMENDATIONS_CSV,
  SHARD_RECOMMENDATIONS,
  shardCount,
  shardOf,
  userShardPath,
  USERS_INDEX_JSON,
  type ShardUser,
  type ChartView,
  type Download,
  type RecommendationView,
  type SiteView,
  type UserView,
} from '../../templates/index.ts';

export interface AssembleInput {
  config: ReportConfig;
  dataset: Dataset;
  model: ModelView;
  recommendations: Map<string, Recommendation[]>;
  evaluation: EvaluationResult | null;
  charts: Chart[];
  userCharts: (userId: string) => Chart[];
  /** Matrix downloads from the model stage: site-relative path → CSV. */
  matrixDownloads: Map<string, Download>;
  warnings: SiteView['warnings'];
  generator: string;
  /** Command line that reproduces this build. */
  command: string;
  /** The fact catalogue, published as the build's record (data/facts.json); absent in older callers' tests. */
  facts?: FactCatalogue;
  /** The narrative's claims and whether each held, for the record (absent: none were bound). */
  claims?: ClaimOutcome[];
  /** The users who get a page (userPages.ts); absent: config.userPages' rule, which must not name a cohort file. */
  userPages?: UserPageSelection;
}

/** A download's whole text (the dev server serves each as one string; the build reads its record). */
export function downloadText(content: Download): string {
  return typeof content === 'string' ? content : Array.from(content()).join('');
}

/** A report chart, its downloads published as files of the site. */
export const chartView = (c: Chart): ChartView => ({
  id: c.id,
  title: c.title,
  description: c.description,
  caption: c.caption ?? null,
  svg: c.svg,
  csv: c.csv,
  notes: c.notes ?? [],
  downloads: { csv: { path: reportChartPath(c.id, 'csv') }, svg: { path: reportChartPath(c.id, 'svg') } },
});

const dataUrl = (type: string, text: string) => `data:${type};charset=utf-8;base64,${Buffer.from(text, 'utf8').toString('base64')}`;

/** A per-user chart, its downloads carried in the page as data: URLs named after the user. */
export const inlineChartView = (c: Chart, fileStem: string): ChartView => ({
  ...chartView(c),
  downloads: {
    csv: { fileName: `${fileStem}-${c.id}.csv`, dataUrl: dataUrl('text/csv', c.csv) },
    svg: { fileName: `${fileStem}-${c.id}.svg`, dataUrl: dataUrl('image/svg+xml', standaloneSvgFile(c.svg)) },
  },
});

/**
 * The ratings by user, copied into typed arrays: user u's (a position in the user ids; a repeated
 * id keeps its first) are `value` and `title` from `start[u]` to `start[u + 1]`, in data order,
 * `title` being positions in `titleIds`: the catalogue's ids, then any rated id it lacks. A page
 * reads its user's ratings from these, in a row, rather than from 10⁷ rating objects spread over
 * the heap, and finds no title by its id.
 */
interface RatingsByUser {
  userPos: Map<string, number>;
  start: Int32Array;
  value: Float64Array;
  title: Int32Array;
  /** When each rating was given (ms since epoch), NaN where the data has no time. */
  time: Float64Array;
  titleIds: string[];
}

function ratingsByUser(ratings: Ratings, userIds: string[], catalogue: Iterable<string>): RatingsByUser {
  const userPos = new Map<string, number>();
  userIds.forEach((id, i) => {
    if (!userPos.has(id)) userPos.set(id, i);
  });
  const titleIds = [...catalogue];
  const titlePos = new Map(titleIds.map((id, i) => [id, i]));
  // positions of the ratings' own dictionaries: one lookup per distinct id, not per rating
  const userAt = Int32Array.from(ratings.userIds, (id) => userPos.get(id) ?? -1);
  const titleAt = Int32Array.from(ratings.titleIds, (id) => {
    let t = titlePos.get(id);
    if (t === undefined) {
      titlePos.set(id, (t = titleIds.length));
      titleIds.push(id);
    }
    return t;
  });
  const start = new Int32Array(userIds.length + 1);
  for (let i = 0; i < ratings.length; i++) {
    const u = userAt[ratings.user[i]];
    if (u >= 0) start[u + 1]++;
  }
  for (let k = 0; k < userIds.length; k++) start[k + 1] += start[k];
  const value = new Float64Array(start[userIds.length]);
  const title = new Int32Array(start[userIds.length]);
  const time = new Float64Array(start[userIds.length]);
  const next = start.slice(0, userIds.length);
  for (let i = 0; i < ratings.length; i++) {
    const u = userAt[ratings.user[i]];
    if (u < 0) continue;
    const at = next[u]++;
    value[at] = ratings.value[i];
    title[at] = titleAt[ratings.title[i]];
    time[at] = ratings.time[i];
  }
  return { userPos, start, value, title, time, titleIds };
}

/**
 * The titles (positions) a user liked: rated at or above both their own mean and the scale's
 * middle (the recommender's rule, build/recommend/components.ts `isLiked`); the user's ratings
 * are `from` to `to` in `rated`.
 */
function likedTitles(rated: RatingsByUser, from: number, to: number, midpoint: number): number[] {
  let sum = 0;
  for (let k = from; k < to; k++) sum += rated.value[k];
  const mean = sum / Math.max(1, to - from);
  const liked: number[] = [];
  for (let k = from; k < to; k++) if (rated.value[k] >= mean && rated.value[k] >= midpoint) liked.push(rated.title[k]);
  return liked;
}

/** A title's genres as readers see them: MovieLens' "(no genres listed)" marks a missing genre, not a genre. */
function readerGenres(t: Title | undefined): string[] {
  return (t?.genres ?? []).filter(isGenre);
}

/** Top genres of a user by what they liked (count of liked titles per genre, ties by name); `genresOf` by title position. */
function topGenresByRatings(liked: number[], genresOf: string[][], n: number): string[] {
  const counts = new Map<string, number>();
  for (const t of liked) for (const g of genresOf[t]) counts.set(g, (counts.get(g) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, n).map(([g]) => g);
}

/** The site's title by data source: the simulation and a service's own data need no qualifier. */
const REPORT_TITLES: Record<Dataset['source']['kind'], string> = {
  simulation: 'Streaming recommendations report',
  service: 'Streaming recommendations report',
  movielens: 'Streaming recommendations report: MovieLens',
  netflix: 'Streaming recommendations report: Netflix catalogue',
};

/** The site view of a whole pipeline run (what the build and the dev server both publish). */
export function assembleFromPipeline(
  p: PipelineResult,
  extra: Pick<AssembleInput, 'warnings' | 'generator' | 'command' | 'claims' | 'userPages'>,
): SiteView {
  const { config, dataset, model, recommendations, evaluation, facts, charts, userCharts, matrixDownloads } = p;
  return assembleSite({ config, dataset, model, recommendations, evaluation, facts, charts, userCharts, matrixDownloads, ...extra });
}

export function assembleSite(input: AssembleInput): SiteView {
  const { dataset: ds, config } = input;
  const titles = new Map(ds.titles.map((t) => [t.id, t]));
  const name = (id: string) => titles.get(id)?.name ?? id;
  const slugs = slugify(ds.users.map((u) => u.id));
  // Each title's place in name order (code-point order, not the host's locale, so every machine
  // builds the same site; equal names share a place), so sorting 500,000 rated titles compares
  // numbers instead of strings.
  const byName = [...titles.keys()].sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
  const namePlace = new Map<string, number>();
  byName.forEach((id, i) => namePlace.set(id, i > 0 && name(byName[i - 1]) === name(id) ? namePlace.get(byName[i - 1])! : i));
  const nameOrder = (id: string) => namePlace.get(id) ?? byName.length;
  const rated = ratingsByUser(ds.ratings, ds.users.map((u) => u.id), titles.keys());
  // by title position, so a page finds no title by its id
  const nameOf = rated.titleIds.map(name);
  const placeOf = Int32Array.from(rated.titleIds, nameOrder);
  const genresOf = rated.titleIds.map((id) => readerGenres(titles.get(id)));
  const sessionsBy = ds.sessions?.countsByUserId() ?? new Map<string, number>();

  const midpoint = (ds.ratingScale.min + ds.ratingScale.max) / 2;
  const selection = input.userPages ?? selectUserPages(ds.users.map((u) => u.id), config.userPages, config.seed);
  // Inferred ratings (plays, no ratings): reasons and the history cite the watching, not stars.
  const watchOf = (userId: string, titleId: string): string | null => {
    const w = ds.implicit?.get(userId, titleId);
    return w ? watchText(w) : null;
  };
  const recommendationView = (r: Recommendation, userId: string): RecommendationView => {
    const t = titles.get(r.titleId);
    return {
      rank: r.rank,
      titleId: r.titleId,
      titleName: name(r.titleId),
      genres: readerGenres(t),
      year: t?.year ?? null,
      score: r.score,
      source: r.source,
      explanation: r.explanation,
      reasons: r.reasons.map((x, i) => ({ titleId: x.titleId, titleName: name(x.titleId), rating: x.rating, similarity: x.similarity, kind: x.kind, watch: watchOf(userId, x.titleId), link: reasonLinkAt(r.reasons, i) })),
    };
  };
  // Users with a page get the whole view; the others only what their shard entry shows, so a
  // build that pages a sample does not hold every user's rated history as page data.
  const users: UserView[] = [];
  const withoutPage: ShardUser[] = [];
  const topGenresOf = new Map<string, string[]>();
  for (const u of ds.users) {
    const p = rated.userPos.get(u.id)!;
    const from = rated.start[p];
    const to = rated.start[p + 1];
    const topGenres = topGenresByRatings(likedTitles(rated, from, to, midpoint), genresOf, 3);
    topGenresOf.set(u.id, topGenres);
    const recs = input.recommendations.get(u.id) ?? [];
    if (!selection.withPage.has(u.id)) {
      withoutPage.push({
        id: u.id,
        plan: u.plan,
        region: u.region,
        topGenres,
        ratings: to - from,
        recommendations: recs.slice(0, SHARD_RECOMMENDATIONS).map((r) => ({ title: name(r.titleId), reason: r.explanation })),
      });
      continue;
    }
    const slug = slugs.get(u.id)!;
    users.push({
      id: u.id,
      slug,
      plan: u.plan,
      region: u.region,
      topGenres,
      ratingCount: to - from,
      sessionCount: sessionsBy.get(u.id) ?? 0,
      lists: () => {
        // best first; within a rating the most recent first (what the user rates now says more
        // than the alphabet), then by title name; equal on all, in the order of the data (a
        // stable sort). A rating with no time sorts after timed ones.
        const order: number[] = [];
        for (let k = from; k < to; k++) order.push(k);
        const { value, title, time, titleIds } = rated;
        const when = (k: number) => (Number.isNaN(time[k]) ? -Infinity : time[k]);
        order.sort((a, b) => value[b] - value[a] || (when(b) > when(a) ? 1 : when(b) < when(a) ? -1 : 0) || placeOf[title[a]] - placeOf[title[b]]);
        return {
          rated: order.map((k) => ({ titleId: titleIds[title[k]], titleName: nameOf[title[k]], rating: value[k], watch: watchOf(u.id, titleIds[title[k]]) })),
          recommendations: recs.map((r) => recommendationView(r, u.id)),
        };
      },
      similarUsers: [],
      // Rendered when the page is, and not kept: at 10,000 users they would hold 100 MB.
      charts: () => input.userCharts(u.id).map((c) => inlineChartView(c, `user-${slug}`)),
    });
  }
  // Similar users are alike in their genre affinities and share at least one top genre, which
  // the link names: a "similar" user with nothing in common to show reads as a random pick.
  // (as bit sets: the check runs for up to 400 candidates of every user)
  const genreBit = new Map<string, number>();
  for (const gs of topGenresOf.values()) for (const g of gs) if (!genreBit.has(g)) genreBit.set(g, genreBit.size);
  const words = Math.max(1, Math.ceil(genreBit.size / 32));
  const topBits = new Uint32Array(input.model.userIds.length * words);
  input.model.userIds.forEach((id, u) => {
    for (const g of topGenresOf.get(id) ?? []) topBits[u * words + (genreBit.get(g)! >>> 5)] |= 1 << (genreBit.get(g)! & 31);
  });
  const sharesTopGenre = (u: number, v: number): boolean => {
    for (let w = 0; w < words; w++) if ((topBits[u * words + w] & topBits[v * words + w]) !== 0) return true;
    return false;
  };
  const similar = similarUsers(input.model, 3, sharesTopGenre);
  const byId = new Map(users.map((u) => [u.id, u]));
  for (const u of users) {
    // a similar user without a page is named, not linked (the users index finds them)
    u.similarUsers = (similar.get(u.id) ?? []).map((id) => ({
      id,
      slug: byId.get(id)?.slug ?? null,
      // in the page's own order of its top genres
      sharedGenres: u.topGenres.filter((g) => (topGenresOf.get(id) ?? []).includes(g)),
    }));
  }

  const charts = new Map(input.charts.map((c) => [c.id, chartView(c)]));
  const downloads = new Map<string, Download>(input.matrixDownloads);
  for (const c of input.charts) {
    downloads.set(reportChartPath(c.id, 'csv'), c.csv);
    downloads.set(reportChartPath(c.id, 'svg'), standaloneSvgFile(c.svg));
  }
  // The two downloads with a line per rating and per recommendation are made as they are
  // written (publish.ts), part by part.
  downloads.set('data/ratings.csv', () =>
    csvParts(ds.ratings.user.keys(), [
      { name: 'user_id', value: (i) => ds.ratings.userId(i), repeats: true },
      { name: 'title_id', value: (i) => ds.ratings.titleId(i), repeats: true },
      // a scale has few values: each one's cell is made once
      { name: 'rating', value: (i) => ds.ratings.value[i], repeats: true },
    ]),
  );
  // Every user's recommendations, with a page or without one.
  function* recRows() {
    for (const u of ds.users) for (const r of input.recommendations.get(u.id) ?? []) yield { userId: u.id, r };
  }
  downloads.set(RECOMMENDATIONS_CSV, () =>
    csvParts(recRows(), [
      { name: 'user_id', value: ({ userId }) => userId, repeats: true },
      { name: 'rank', value: ({ r }) => r.rank },
      { name: 'title_id', value: ({ r }) => r.titleId, repeats: true },
      { name: 'title', value: ({ r }) => name(r.titleId), repeats: true },
      { name: 'genre', value: ({ r }) => (titles.get(r.titleId)?.genres ?? []).join('|') },
      { name: 'score', value: ({ r }) => Number(r.score.toFixed(6)) },
      { name: 'reason', value: ({ r }) => r.explanation },
      // the reasons' titles and the user's ratings of them, in the order the page shows them
      { name: 'reason_title_ids', value: ({ r }) => r.reasons.map((x) => x.titleId).join(';') },
      { name: 'reason_ratings', value: ({ r }) => r.reasons.map((x) => x.rating).join(';') },
    ]),
  );
  downloads.set(
    'data/titles.csv',
    toCsv(ds.titles, [
      { name: 'title_id', value: (t) => t.id },
      { name: 'title', value: (t) => t.name },
      { name: 'genres', value: (t) => t.genres.join('|') },
      { name: 'year', value: (t) => t.year },
      { name: 'duration_min', value: (t) => t.durationMin },
      { name: 'kind', value: (t) => t.kind },
    ]),
  );
  downloads.set(
    USERS_INDEX_JSON,
    JSON.stringify(users.map((u) => ({ id: u.id, slug: u.slug, plan: u.plan, region: u.region, topGenres: u.topGenres, ratings: u.ratingCount }))),
  );
  // The users without a page, in shards the users index fetches by a hash of a searched id.
  const shards = shardCount(withoutPage.length);
  const shardUsers: ShardUser[][] = Array.from({ length: shards }, () => []);
  for (const u of withoutPage) shardUsers[shardOf(u.id, shards)].push(u);
  shardUsers.forEach((list, i) => downloads.set(userShardPath(i), JSON.stringify(list)));

  // a cohort file by its base name only: a page never reveals the builder's folders
  const cohortName = selection.cohortFile === null ? null : path.basename(selection.cohortFile);
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))].sort();
  const src = ds.source;
  const settings: [string, string][] = [
    ['seed', String(config.seed)],
    ['data', sourceName(src.kind)],
    ...(src.kind === 'movielens' ? [] : ([['users', formatCount(ds.users.length)], ['titles', formatCount(ds.titles.length)]] as [string, string][])),
    // the simulation's clock: real data has its own dates
    ...(src.kind === 'simulation' || src.kind === 'netflix' ? ([['viewing window ends', config.endDate]] as [string, string][]) : []),
    ['recommendations per user', String(config.recommendations)],
    // said only when not every user has a page: a default build's configuration reads as before
    ...(selection.rule === 'all' ? [] : ([['user pages', describeUserPages(selection, cohortName)]] as [string, string][])),
    ['evaluation', input.evaluation ? input.evaluation.protocol.description : 'not run'],
  ];
  if (input.facts) downloads.set(RECORD_PATH, buildRecord({ facts: input.facts, evaluation: input.evaluation, dataset: ds, generator: input.generator, settings, claims: input.claims ?? [] }));
  return {
    title: REPORT_TITLES[src.kind],
    pathPrefix: config.pathPrefix,
    notes: ds.notes,
    feedback: allInferred(ds) ? 'plays' : 'ratings',
    provenance: {
      description: src.description,
      files: src.files.map((f) => ({ name: path.basename(f.path), bytes: f.bytes, sha256: f.sha256 })),
      seed: src.seed,
      generator: input.generator,
      command: input.command,
      settings,
    },
    charts,
    users,
    filters: {
      plans: distinct(users.map((u) => u.plan)),
      regions: distinct(users.map((u) => u.region)),
      genres: distinct(users.flatMap((u) => u.topGenres)),
    },
    warnings: input.warnings,
    counts: { titles: ds.titles.length, users: ds.users.length, ratings: ds.ratings.length, sessions: ds.sessions?.length ?? null },
    shownSimilarity: SHOWN_SIMILARITY,
    userPages: {
      rule: selection.rule,
      withPage: users.length,
      total: ds.users.length,
      seed: selection.seed,
      limit: selection.limit,
      cohortFile: cohortName,
      shards,
    },
    downloads,
  };
}
