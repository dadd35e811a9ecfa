// The contract between the site stage and the templates, the one module both sides read
// (tests/site/layers.test.ts keeps it so): the view the templates receive, and the URL rules
// that decide both a page's permalink (build/site/eleventyPlugin.ts) and every link to it.
// It lives beside the templates because it is what they consume: build/site depends on it,
// never the other way, and it imports nothing from build/.

// ---- URL rules ---------------------------------------------------------------------------

/** Users per page of the users index. */
export const USERS_PER_INDEX_PAGE = 200;

/** A site-relative path under the configured path prefix (which ends with a slash). */
export function url(site: Pick<SiteView, 'pathPrefix'>, path: string): string {
  return site.pathPrefix + path.replace(/^\//, '');
}

/**
 * A user's page is a file of its own, not a folder with an index.html: at 10,000 users the
 * folders were 10,000 more things to create, and creating them was the slowest part of a build
 * on our machines. Links name the file, so any static server finds it with no index lookup.
 */
export function userPagePath(slug: string): string {
  return `users/${slug}.html`;
}

/** The file of page `page` (1-based) of the users index. */
export function usersIndexPath(page: number): string {
  return page <= 1 ? 'users/index.html' : `users/page/${page}/index.html`;
}

/** The link to page `page` of the users index (its folder, so the URL has no index.html). */
export function usersIndexHref(page: number): string {
  return page <= 1 ? '/users/' : `/users/page/${page}/`;
}

/** The "What changed" page (`--compare`). */
export const CHANGES_PATH = 'changes/index.html';

/** Every user with a page: id, slug and filter values, for the users-index script. */
export const USERS_INDEX_JSON = 'users/index.json';

/** Every user's recommendations and their reasons, with a page or without. */
export const RECOMMENDATIONS_CSV = 'data/recommendations.csv';

/** Where a report chart's data or standalone SVG is published. */
export function reportChartPath(id: string, ext: 'csv' | 'svg'): string {
  return `charts/${id}.${ext}`;
}

// ---- The view ----------------------------------------------------------------------------
// Everything the templates show, derived from the pipeline's stage values by
// build/site/assemble.ts. Templates read only this; they never compute figures.

/** Script and stylesheet URLs for the page head (hashed by Vite in builds, source in dev). */
export interface AssetTags {
  scripts: string[];
  styles: string[];
}

export interface NavSection {
  id: string;
  title: string;
}

/** A narrative section of the report home (one content/*.md file). */
export interface SectionView extends NavSection {
  order: number;
  /** Rendered Markdown (bindings already applied). */
  html: string;
}

export interface ChartView {
  id: string;
  title: string;
  description: string;
  /** Short visible caption; null: the description is the caption. */
  caption: string | null;
  svg: string;
  /** The data behind the chart, as published by `downloads.csv`. */
  csv: string;
  notes: string[];
  downloads: { csv: ChartDownload; svg: ChartDownload };
}

/**
 * Where a chart's download comes from: a file of the site (report charts), or the bytes
 * themselves in a data: URL (per-user charts). Two files per chart per user were 40,000 extra
 * files at 10,000 users, and creating a file is the slowest thing a build does on our machines;
 * a data: URL downloads the same bytes under the same kind of name, with or without a server.
 */
export type ChartDownload = { path: string } | { fileName: string; dataUrl: string };

/**
 * A download's content: its text, or its text in parts made as they are written, for the
 * downloads that grow with the data (data/ratings.csv has a line per rating).
 */
export type Download = string | (() => Iterable<string>);

export interface ReasonView {
  titleName: string;
  titleId: string;
  rating: number;
  similarity: number;
  kind: 'ratings' | 'content';
  /** On watch history (inferred ratings): "3 sessions, 4 h 10 min", shown instead of the stars. */
  watch: string | null;
  /** How the reason links to the title, as the explanation says it ("similarity 0.42", "linked through other viewers' ratings"; "" when the previous reason said it). */
  link: string;
}

export interface RecommendationView {
  rank: number;
  titleId: string;
  titleName: string;
  genres: string[];
  year: number | null;
  score: number;
  /** Kept equal to build/types.ts Recommendation['source'] by the compiler: assemble.ts assigns one to the other. */
  source: 'collaborative' | 'popular';
  explanation: string;
  reasons: ReasonView[];
}

export interface UserView {
  id: string;
  slug: string;
  plan: string | null;
  region: string | null;
  topGenres: string[];
  ratingCount: number;
  sessionCount: number;
  /**
   * The page's lists, made when the page is rendered and not kept: held for every user at once
   * they were 10⁷ objects through the whole build at MovieLens-10M size (70,000 pages).
   */
  lists: () => UserLists;
  /** `slug` is null for a similar user without a page of their own (named, not linked). */
  similarUsers: { id: string; slug: string | null; sharedGenres: string[] }[];
  /** Rendered lazily: there can be 10,000 user pages. */
  charts: () => ChartView[];
}

export interface UserLists {
  /** Best first; `watch` as in ReasonView (null for rated data). */
  rated: { titleName: string; titleId: string; rating: number; watch: string | null }[];
  recommendations: RecommendationView[];
}

export interface ProvenanceView {
  description: string;
  files: { name: string; bytes: number; sha256: string }[];
  seed: number;
  generator: string;
  /** The command line that reproduces this site. */
  command: string;
  settings: [string, string][];
}

/** A figure that changed between two builds, formatted for readers. */
export interface ChangeRow {
  /** The fact's or metric's name. */
  name: string;
  /** What it means (facts) or which model and view (metrics). */
  meaning: string;
  old: string;
  new: string;
  /** "+3 percentage points", "−0.012", "changed" (names and lists), "same". */
  change: string;
  /** Inside the noise of its sample: shown, but not to be read as a real change. */
  noise: boolean;
  /** A number (aligned right); names and lists are text. */
  numeric: boolean;
}

/** What changed since the build this one was compared with (`--compare`, issue 16). */
export interface ChangesView {
  /** How the previous build was given: a site folder, its facts.json or a URL. */
  previous: string;
  /** The previous build's own provenance (its data and generator). */
  previousDescription: string;
  unchanged: boolean;
  /** One sentence for the home page: "12 facts moved, 1 claim flipped …". */
  headline: string;
  /** Data counts that differ ("ratings 1,500 → 1,512"). */
  counts: ChangeRow[];
  titles: { added: string[]; removed: string[] };
  /** Users only one build has; `slug` links a user this build has a page for. */
  users: { added: { id: string; slug: string | null }[]; removed: string[] };
  /** Every evaluated model's metrics in both builds, per view: the published model first, the rows that changed, the names of those that did not. */
  metrics: { view: string; sample: string; models: { label: string; rows: ChangeRow[]; unchanged: string[] }[] }[];
  claims: { file: string; line: number; claim: string; was: boolean; now: boolean }[];
  strategy: { id: string; old: string | null; new: string | null }[];
  facts: ChangeRow[];
  appeared: string[];
  disappeared: string[];
  /** Parts the previous record did not hold (an older format), so they were not compared. */
  notRecorded: string[];
}

/** Which users have a page of their own (build/site/userPages.ts), and where the others are. */
export interface UserPagesView {
  /**
   * all: every user. limit: more users than `limit`, so a seeded sample of that many. sample: a
   * seeded sample of the size asked for (--user-pages N). cohort: the users `cohortFile` lists.
   */
  rule: 'all' | 'limit' | 'sample' | 'cohort';
  withPage: number;
  total: number;
  seed: number;
  limit: number;
  /** The cohort file's base name (rule cohort). */
  cohortFile: string | null;
  /** Shard files holding the users without a page (templates/assets/userShards.ts); 0 when every user has one. */
  shards: number;
}

/** What every page's shell reads of the site (templates/layout.ts). */
export type LayoutSite = Pick<SiteView, 'title' | 'pathPrefix' | 'changes' | 'warnings' | 'provenance'>;

/**
 * What a user page reads of the site: plain data only, so the build can hand it to the thread
 * that writes a share of the pages (build/site/userPageFiles.ts).
 */
export type UserPageSite = LayoutSite & Pick<SiteView, 'feedback' | 'counts' | 'shownSimilarity'>;

/** The UserPageSite part of `site`, and nothing else. */
export function userPageSite(site: SiteView): UserPageSite {
  const { title, pathPrefix, changes, warnings, provenance, feedback, counts, shownSimilarity } = site;
  return { title, pathPrefix, changes, warnings, provenance, feedback, counts, shownSimilarity };
}

export interface SiteView {
  title: string;
  pathPrefix: string;
  /** Caveats about the input (e.g. no devices in MovieLens). */
  notes: string[];
  /** What the recommender learnt from: ratings, or ratings inferred from plays (build/data/implicit.ts). */
  feedback: 'ratings' | 'plays';
  provenance: ProvenanceView;
  charts: Map<string, ChartView>;
  /** The users with a page of their own (all of them, unless `userPages` says otherwise). */
  users: UserView[];
  /** Values for the users-index filters. */
  filters: { plans: string[]; regions: string[]; genres: string[] };
  warnings: { file: string; line: number; message: string }[];
  counts: { titles: number; users: number; ratings: number; sessions: number | null };
  /** The smallest similarity a reason prints as a number; weaker links are said in words. */
  shownSimilarity: number;
  /** `users` holds only the users with a page; this says which those are and why. */
  userPages: UserPagesView;
  /** Site-relative download path → file content. */
  downloads: Map<string, Download>;
  /** Set when the build was compared with a previous one (`--compare`). */
  changes?: ChangesView;
}
