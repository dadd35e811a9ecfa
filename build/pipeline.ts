// The whole pipeline as one function of the config (DESIGN.md "Data flows one way"):
// dataset → model → recommend → evaluate → insights → charts → site view. Nothing here writes
// files; scripts/build.ts hands the result to the publisher.
import type { ReportConfig } from './config.ts';
import type { Dataset, EvaluationResult, Recommendation } from './types.ts';
import { loadDataset } from './data/load.ts';
import { buildModel, indexMaps, type Model, matrixDownloads } from './model/index.ts';
import { openStages } from './handoff/stages.ts';
import { startEvaluation } from './evaluate/index.ts';
import { BUILD_COMPARED, recommendAll } from './recommend/index.ts';
import { buildFacts } from './narrative/facts.ts';
import type { FactCatalogue } from './insights/catalogue.ts';
import { startReportCharts, userChartRenderer, type Chart } from './charts/index.ts';
import { stageTimer, type StageTimer } from './timing.ts';

export interface PipelineResult {
  config: ReportConfig;
  dataset: Dataset;
  model: Model;
  recommendations: Map<string, Recommendation[]>;
  evaluation: EvaluationResult | null;
  facts: FactCatalogue;
  charts: Chart[];
  userCharts: (userId: string) => Chart[];
  matrixDownloads: Map<string, string>;
}

/** K of the published evaluation: 10 as the protocol says, fewer when the catalogue is tiny. */
export function evaluationK(titles: number): number {
  return titles >= 50 ? 10 : 5;
}

export async function runPipeline(config: ReportConfig, time: StageTimer = stageTimer()): Promise<PipelineResult> {
  // Precomputed stage outputs (a cluster's, or an --export-stages of ours) stand in for the
  // stages they cover; the others run as usual.
  const stages = config.stages !== null ? openStages(config.stages) : null;
  const dataset = await time('load/simulate', () => loadDataset(config));
  const maps = stages?.neighbours ? indexMaps(dataset) : null;
  const given = maps ? await time('stages: neighbours', () => stages!.neighbours!(maps.titlePos, maps.titleIds.length)) : undefined;
  const model = await time('model', async () => buildModel(dataset, { ratingNeighbours: given }));
  // The report compares the published model with its floors (popularity, and the registry's
  // inBuild entries); `npm run evaluate` compares every candidate it was chosen over. On large data it runs on the
  // second core while this thread recommends, so "evaluate" is the time spent waiting for it.
  // (Started before the model instead, it shared the cores with the model's two threads and
  // left this thread recommending alone at the end: no faster.)
  const evaluating = stages?.evaluation
    ? async () => stages.evaluation
    : dataset.ratings.length > 0
      ? startEvaluation(dataset, { k: evaluationK(dataset.titles.length), seed: config.seed, recommenders: [...BUILD_COMPARED] })
      : async () => null;
  const recommendations = await time('recommend', async () => (stages?.recommendations ? stages.recommendations(model) : recommendAll(model, dataset, { k: config.recommendations })));
  // needs no evaluation, so it is made before waiting for one
  const downloads = await time('matrix downloads', async () => matrixDownloads(model, dataset));
  // so are the charts that do not show it
  const drawing = await time('charts', async () => startReportCharts({ dataset, model }));
  const evaluation = await time('evaluate', evaluating);
  const facts = await time('insights', async () => buildFacts({ dataset, model, recommendations, evaluation }));
  const charts = await time('charts (evaluation)', async () => drawing.finish(evaluation));
  const userCharts = userChartRenderer({ dataset, model });
  return { config, dataset, model, recommendations, evaluation, facts, charts, userCharts, matrixDownloads: downloads };
}
