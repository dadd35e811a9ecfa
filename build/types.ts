// The typed values that flow between pipeline stages (DESIGN.md "Data flows one way").
// Every stage takes the previous stage's value and returns its own; only scripts/ and the
// site writer touch the file system. Ids are strings everywhere: real inputs use arbitrary
// ids, and a string from data must never be trusted as an object key — use Map, not Record.
import { UserError } from './util/errors.ts';
import type { WatchHistory } from './util/watchHistory.ts';
import type { Plays } from './util/plays.ts';
import type { Ratings } from './util/ratings.ts';

export type { Plays, Ratings };

export const DEVICES = ['Mobile', 'TV', 'Desktop', 'Tablet'] as const;
export type Device = (typeof DEVICES)[number];

export interface Title {
  id: string;
  name: string;
  /** One or more genres; the first is the primary genre used for single-genre views. */
  genres: string[];
  year: number | null;
  /** Minutes for films and episodes; null where the input has none (e.g. "2 Seasons"). */
  durationMin: number | null;
  kind: 'Movie' | 'TV Show' | null;
  /** Free text used by the content signal (TF-IDF); may be empty. */
  description: string;
  /** Extra metadata tokens for TF-IDF (cast, director, country…); may be empty. */
  tags: string[];
}

export interface User {
  id: string;
  plan: string | null;
  region: string | null;
}

export interface Rating {
  userId: string;
  titleId: string;
  value: number;
  /** ms since epoch (UTC) or null when the input has none. */
  timestamp: number | null;
}

export interface Session {
  userId: string;
  titleId: string;
  device: Device;
  /** ms since epoch (UTC). */
  start: number;
  minutes: number;
}

/** What the simulation knows and the recommender must not see. */
export interface HiddenTruth {
  /** userId → genre → weight (weights sum to 1). */
  genrePreference: Map<string, Map<string, number>>;
  /** userId → device → probability. */
  deviceHabit: Map<string, Map<Device, number>>;
  /** userId → the user's true top-3 genres, strongest first (ties by genre name). */
  topGenres: Map<string, string[]>;
}

export interface SourceFile {
  /** Path as the user gave it (for messages); never written into pages beyond its base name. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface DataSource {
  kind: 'simulation' | 'movielens' | 'netflix' | 'service';
  seed: number;
  files: SourceFile[];
  /** One plain sentence for the provenance footer. */
  description: string;
}

export interface Dataset {
  source: DataSource;
  titles: Title[];
  users: User[];
  /** Columns, not an object per rating (build/data/ratings.ts). */
  ratings: Ratings;
  /** Columns, as ratings (build/util/plays.ts); null when the input has no viewing sessions (MovieLens). */
  sessions: Plays | null;
  /** Only the simulation has it. */
  truth: HiddenTruth | null;
  /**
   * Set when `ratings` were inferred from plays (build/data/implicit.ts): per (user, title) the
   * watch history behind the inferred rating, as columns, which explanations cite instead of stars.
   */
  implicit?: WatchHistory | null;
  ratingScale: { min: number; max: number; step: number };
  /** Plain-language caveats the site prints (e.g. "MovieLens has no devices"). */
  notes: string[];
  /** Counters the build log prints (e.g. duplicate ratings merged). */
  counts: Map<string, number>;
}

/**
 * A bad input: the CLI prints `message` alone on one line and exits 2. `cause` keeps the error
 * that revealed it (a file-system error, a JSON parse error).
 */
export class InputError extends UserError {
  readonly file: string | null;
  readonly line: number | null;
  readonly field: string | null;
  constructor(message: string, where: { file?: string | null; line?: number | null; field?: string | null; cause?: unknown } = {}) {
    super(message, { cause: where.cause });
    this.name = 'InputError';
    this.file = where.file ?? null;
    this.line = where.line ?? null;
    this.field = where.field ?? null;
  }
}

/**
 * What charts, insights and the site read from the model stage (build/model/ implements it).
 * Positions (`u`, `t`, `g`) index `userIds`, `titleIds`, `genres`.
 */
export interface ModelView {
  /**
   * Ratings per user the title × title weights learnt from when the data was too large for all
   * of them (build/model/matrix.ts learningMatrix); null or absent when every rating counted.
   */
  learningCap?: number | null;
  userIds: string[];
  titleIds: string[];
  /** Every genre in the catalogue, sorted by name. */
  genres: string[];
  userPos: Map<string, number>;
  titlePos: Map<string, number>;
  /** Cosine similarity of two titles' rating vectors (0 when either is unrated). */
  itemSimilarity(a: number, b: number): number;
  /** Cosine similarity of two titles' TF-IDF vectors (genres + description + tags). */
  contentSimilarity(a: number, b: number): number;
  /** Title t's nearest titles by rating cosine, strongest first (excluding t). */
  neighbours(t: number): { pos: number; sim: number }[];
  /** User u's affinity to genre g: share of the user's rating weight on that genre, 0..1. */
  genreAffinity(u: number, g: number): number;
}

/** One rated title that made a recommendation likely. */
export interface Reason {
  titleId: string;
  /** The user's rating of `titleId`. */
  rating: number;
  /** Similarity between `titleId` and the recommended title (rating cosine or content). */
  similarity: number;
  kind: 'ratings' | 'content';
}

export interface Recommendation {
  titleId: string;
  /** 1-based. */
  rank: number;
  /**
   * The match: the score relative to the user's first recommendation (1), at least MIN_MATCH;
   * 0 for a popular or exploratory pick, which has no evidence from the user's ratings.
   */
  score: number;
  /** collaborative: from the user's ratings; popular: cold-start fallback. */
  source: 'collaborative' | 'popular';
  /** Strongest contributions first; empty for the popularity fallback. */
  reasons: Reason[];
  /** One plain-text sentence (no markup) a reader understands, e.g. "Because you rated Dark ★5 (similarity 0.82)". */
  explanation: string;
}

export interface RecommendOptions {
  k: number;
  /** Keep only titles with at least one of these genres (empty = all). */
  includeGenres?: string[];
  /** Drop titles with any of these genres. */
  excludeGenres?: string[];
}

export interface Metrics {
  precision: number;
  recall: number;
  ndcg: number;
  hitRate: number;
  coverage: number;
  genreMatch: number;
  /** Against the simulation's hidden top-3 genres; null for real data. */
  genreMatchTruth: number | null;
}

/** The liked view: only held-out ratings at or above the threshold are relevant. */
export interface LikedMetrics {
  precision: number;
  recall: number;
  ndcg: number;
  hitRate: number;
}

export interface EvaluationResult {
  protocol: {
    trainShare: number;
    seed: number;
    k: number;
    minRatingsToSplit: number;
    usersEvaluated: number;
    testItems: number;
    /**
     * Users with enough ratings to split when the evaluation held out a seeded sample of them
     * (build/evaluate/split.ts EVALUATION_MAX_USERS); absent when every such user was held out.
     */
    sampledFrom?: number;
    description: string;
    /**
     * The liked view's sample: held-out ratings ≥ threshold (80 % of the scale's maximum: 4 on
     * 1–5) are relevant, averaged over the users with at least one. Absent in older results.
     */
    liked?: { threshold: number; usersEvaluated: number; testItems: number };
  };
  /** In display order: "popularity" first, then "default" (the published recommender), then others. */
  models: { name: string; label: string; metrics: Metrics; liked?: LikedMetrics }[];
  /**
   * The published model's NDCG lift over popularity as a 95 % paired bootstrap interval over the
   * evaluated users (build/evaluate/bootstrap.ts). Absent when either model did not run, the
   * baseline never scored, or the file predates it.
   */
  lift?: { ndcg: { low: number; high: number; level: number; replicates: number } };
}
