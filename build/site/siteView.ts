// The site stage's one typed value: everything the templates show, derived from the pipeline's
// stage values. Templates read only this; they never compute figures.
import type { Dataset, Recommendation, Title } from '../types.ts';

export interface ChartView {
  id: string;
  title: string;
  description: string;
  svg: string;
  /** The data behind the chart, as published at csvPath. */
  csv: string;
  notes: string[];
  /** Site-relative paths (no leading slash) of the downloads. */
  csvPath: string;
  svgPath: string;
}

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
