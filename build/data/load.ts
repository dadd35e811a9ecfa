// The data stage's one entry point: the resolved config decides the source. Real files are
// streamed and validated; without them the seeded simulation runs (DESIGN.md "Data").
import type { ReportConfig } from '../config.ts';
import type { Dataset } from '../types.ts';
import type { CsvLimits } from './csv.ts';
import { loadMovieLens } from './movielens.ts';
import { loadNetflixDataset } from './netflix.ts';
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

export async function loadDataset(config: ReportConfig, limits: Partial<CsvLimits> = {}): Promise<Dataset> {
  if (config.catalog !== null) return loadNetflixDataset(config.catalog, simulationOptions(config), limits);
  if (config.ratings !== null && config.movies !== null) {
    return loadMovieLens(config.ratings, config.movies, { seed: config.seed, limits });
  }
  return simulate(simulationOptions(config));
}

/** One line for the build log, e.g. "ratings 100004, duplicate ratings replaced 0, …" (issue 5: counted in the log). */
export function describeCounts(dataset: Dataset): string {
  return [...dataset.counts].map(([name, n]) => `${name} ${n}`).join(', ');
}
