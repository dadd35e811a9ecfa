// The data stage's one entry point: the resolved config picks the source from the loader
// registry (LOADERS). Real files are streamed and validated; without them the seeded
// simulation runs (DESIGN.md "Data").
import type { ReportConfig } from '../config.ts';
import type { Dataset } from '../types.ts';
import type { CsvLimits } from './csv.ts';
import { loadMovieLens } from './movielens.ts';
import { loadNetflixDataset } from './netflix.ts';
import { loadService } from './service.ts';
import { applyFeedback } from './feedback.ts';
import { simulate, type SimulationOptions } from './simulate.ts';

export function simulationOptions(config: ReportConfig): SimulationOptions {
  return {
    seed: config.seed,
    users: config.users,
    titles: config.titles,
    ratingsPerUser: config.ratingsPerUser,
    sessionsPerUser: config.sessionsPerUser,
    endDate: config.endDate,
  };
}

/** The config keys (command-line flags) that name a data source's files. */
export type SourceFlag = 'catalog' | 'ratings' | 'movies' | 'data';

/** A data source: the flags that choose it, and how it loads. */
export interface Loader {
  /** The source as readers see it named (the build configuration on every page). */
  name: string;
  /** The DataSource kind its datasets carry. */
  kind: Dataset['source']['kind'];
  /** Chosen when every one of these is given (build/config.ts refuses mixed sources). */
  flags: readonly SourceFlag[];
  /** Whether it reads the simulation settings (--seed, --users, …) to simulate users. */
  simulates: boolean;
  load(config: ReportConfig, limits: Partial<CsvLimits>): Promise<Dataset>;
}

/** The loader registry, tried in order: the first whose flags are all given loads the data. */
export const LOADERS: readonly Loader[] = [
  {
    name: "service's own data",
    kind: 'service',
    flags: ['data'],
    simulates: false,
    load: (config, limits) => loadService(config.data!, { seed: config.seed, limits }),
  },
  {
    name: 'Netflix catalogue',
    kind: 'netflix',
    flags: ['catalog'],
    simulates: true,
    load: (config, limits) => loadNetflixDataset(config.catalog!, simulationOptions(config), limits),
  },
  {
    name: 'MovieLens',
    kind: 'movielens',
    flags: ['ratings', 'movies'],
    simulates: false,
    load: (config, limits) => loadMovieLens(config.ratings!, config.movies!, { seed: config.seed, limits }),
  },
  {
    name: 'simulation',
    kind: 'simulation',
    flags: [],
    simulates: true,
    load: async (config) => simulate(simulationOptions(config)),
  },
];

/** A data source's reader-facing name, by its kind. */
export function sourceName(kind: Dataset['source']['kind']): string {
  return LOADERS.find((l) => l.kind === kind)!.name;
}

export function loaderFor(config: ReportConfig): Loader {
  return LOADERS.find((l) => l.flags.every((flag) => config[flag] !== null))!;
}

export async function loadDataset(config: ReportConfig, limits: Partial<CsvLimits> = {}): Promise<Dataset> {
  return applyFeedback(await loaderFor(config).load(config, limits), config.feedback);
}

/** One line for the build log, e.g. "ratings 100004, duplicate ratings replaced 0, …" (issue 5: counted in the log). */
export function describeCounts(dataset: Dataset): string {
  return [...dataset.counts].map(([name, n]) => `${name} ${n}`).join(', ');
}
