// The site stage's one typed value: everything the templates show, derived from the pipeline's
// stage values. Templates read only this; they never compute figures.
import type { Dataset, Recommendation, Title } from '../types.ts';

export interface ChartView {
  id: string;
  title: string;
  description: string;
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

export interface ReasonView {
  titleName: string;
  titleId: string;
  rating: number;
  similarity: number;
  kind: 'ratings' | 'content';
}

export interface RecommendationView {
  rank: number;
  titleId: string;
  titleName: string;
  genres: string[];
  year: number | null;
  score: number;
  source: Recommendation['source'];
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
  rated: { titleName: string; titleId: string; rating: number }[];
  recommendations: RecommendationView[];
  similarUsers: { id: string; slug: string; sharedGenres: string[] }[];
  /** Rendered lazily: there can be 10,000 user pages. */
  charts: () => ChartView[];
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

export interface SiteView {
  title: string;
  pathPrefix: string;
  /** Caveats about the input (e.g. no devices in MovieLens). */
  notes: string[];
  provenance: ProvenanceView;
  charts: Map<string, ChartView>;
  users: UserView[];
  /** Values for the users-index filters. */
  filters: { plans: string[]; regions: string[]; genres: string[] };
  warnings: { file: string; line: number; message: string }[];
  counts: { titles: number; users: number; ratings: number; sessions: number | null };
  /** Site-relative download path → file content. */
  downloads: Map<string, string>;
}

export function titleLookup(ds: Dataset): Map<string, Title> {
  return new Map(ds.titles.map((t) => [t.id, t]));
}
