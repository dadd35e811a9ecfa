// The hand-off for what outgrows one machine (issue 14): the stage outputs a cluster (Spark MLlib,
// a warehouse) can compute instead of us, as Parquet with a documented schema (README, "Hand-off
// to a cluster"). `--export-stages DIR` writes them from our own build; `--stages DIR` builds the
// report taking whichever of them DIR holds, computing the rest:
//
//   item_neighbours.parquet          title_id, neighbour_id, similarity (FLOAT): each title's
//                                    rating-cosine neighbours (the title × title matrix, top k)
//   recommendations.parquet          user_id, rank (1…), title_id, score (DOUBLE, 1 for the first
//                                    personalised pick, 0 for popular ones), source
//                                    ("collaborative" | "popular"), explanation (optional text)
//   recommendation_reasons.parquet   user_id, rank, position (1…), title_id, rating, similarity,
//                                    kind ("ratings" | "content"): the titles each pick cites
//   evaluation.json                  the evaluation result (EvaluationResult in build/types.ts)
//
// Rebuilt from its own export, a build is byte for byte the same site (tests/cli/stages.test.ts).
// Every id must exist in the data; every problem is one line naming file, row and column.
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError, type EvaluationResult, type Reason, type Recommendation } from '../types.ts';
import { csvText, csvToParquet, writeOwnFolder } from '../data/exportData.ts';
import { openParquetTable, type InputTable } from '../data/inputTable.ts';
import type { Model, Neighbours } from '../model/index.ts';
import { collaborativeExplanation, popularExplanation } from '../recommend/explain.ts';
import { isLiked } from '../recommend/components.ts';

export const STAGE_FILES = {
  neighbours: 'item_neighbours.parquet',
  recommendations: 'recommendations.parquet',
  reasons: 'recommendation_reasons.parquet',
  evaluation: 'evaluation.json',
} as const;

const MARKER = '.report-stages';

const SPECS = {
  neighbours: { name: 'item_neighbours', required: ['title_id', 'neighbour_id', 'similarity'], optional: [] },
  recommendations: { name: 'recommendations', required: ['user_id', 'rank', 'title_id', 'score', 'source'], optional: ['explanation'] },
  reasons: { name: 'recommendation_reasons', required: ['user_id', 'rank', 'position', 'title_id', 'rating', 'similarity', 'kind'], optional: [] },
} as const;

/** What a stages folder gave: each part null when the folder does not hold it. */
export interface Stages {
  dir: string;
  neighbours: ((titlePos: ReadonlyMap<string, number>, nTitles: number) => Promise<Neighbours>) | null;
  recommendations: ((model: Model) => Promise<Map<string, Recommendation[]>>) | null;
  evaluation: EvaluationResult | null;
}

export async function exportStages(dir: string, parts: { model: Model; recommendations: Map<string, Recommendation[]>; evaluation: EvaluationResult | null }): Promise<string[]> {
  const { model } = parts;
  const written: string[] = [];
  await writeOwnFolder(dir, '--export-stages', MARKER, async (staging) => {
    const n = model.ratingNeighbours;
    const neighbourRows = function* () {
      for (let t = 0; t < model.titleIds.length; t++) {
        for (let p = n.ptr[t]; p < n.ptr[t + 1]; p++) yield [model.titleIds[t], model.titleIds[n.idx[p]], n.val[p]];
      }
    };
    const recRows = function* () {
      for (const [userId, recs] of parts.recommendations) for (const r of recs) yield [userId, r.rank, r.titleId, r.score, r.source, r.explanation];
    };
    const reasonRows = function* () {
      for (const [userId, recs] of parts.recommendations) {
        for (const r of recs) for (let i = 0; i < r.reasons.length; i++) {
          const x = r.reasons[i];
          yield [userId, r.rank, i + 1, x.titleId, x.rating, x.similarity, x.kind];
        }
      }
    };
    const jobs: { file: string; header: string[]; rows: Iterable<(string | number | null)[]>; types: Record<string, string> }[] = [
      { file: STAGE_FILES.neighbours, header: ['title_id', 'neighbour_id', 'similarity'], rows: neighbourRows(), types: { title_id: 'VARCHAR', neighbour_id: 'VARCHAR', similarity: 'FLOAT' } },
      { file: STAGE_FILES.recommendations, header: ['user_id', 'rank', 'title_id', 'score', 'source', 'explanation'], rows: recRows(), types: { user_id: 'VARCHAR', rank: 'INTEGER', title_id: 'VARCHAR', score: 'DOUBLE', source: 'VARCHAR', explanation: 'VARCHAR' } },
      { file: STAGE_FILES.reasons, header: ['user_id', 'rank', 'position', 'title_id', 'rating', 'similarity', 'kind'], rows: reasonRows(), types: { user_id: 'VARCHAR', rank: 'INTEGER', position: 'INTEGER', title_id: 'VARCHAR', rating: 'DOUBLE', similarity: 'DOUBLE', kind: 'VARCHAR' } },
    ];
    for (const j of jobs) writeFileSync(path.join(staging, `${j.file}.csv`), csvText(j.header, j.rows));
    await csvToParquet(jobs.map((j) => ({ source: path.join(staging, `${j.file}.csv`), target: path.join(staging, j.file), types: j.types })));
    for (const j of jobs) {
      rmSync(path.join(staging, `${j.file}.csv`));
      written.push(j.file);
    }
    if (parts.evaluation) {
      writeFileSync(path.join(staging, STAGE_FILES.evaluation), `${JSON.stringify(parts.evaluation, null, 1)}\n`);
      written.push(STAGE_FILES.evaluation);
    }
  });
  return written;
}

/** An evaluation file bigger than this is not one (a result is a few kilobytes). */
const MAX_EVALUATION_BYTES = 16 * 1024 * 1024;

/**
 * evaluation.json, checked field by field: every figure the report prints from it must be a
 * number where the report expects one (a metric in 0…1, a count), every name text.
 */
function readEvaluation(file: string): EvaluationResult {
  const info = statSync(file);
  if (!info.isFile() || info.size > MAX_EVALUATION_BYTES) throw new InputError(`${file}: expected a JSON file of at most 16 MiB`, { file });
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(`${file}: invalid JSON (${String((err as Error).message).split('\n')[0].slice(0, 120)})`, { file, cause: err });
  }
  const bad = (field: string, expected: string): never => {
    throw new InputError(`${file}: ${field}: expected ${expected} (EvaluationResult in build/types.ts)`, { file, field });
  };
  const obj = (v: unknown, field: string): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : bad(field, 'an object'));
  const count = (o: Record<string, unknown>, k: string, field: string) => {
    if (!Number.isSafeInteger(o[k]) || (o[k] as number) < 0) bad(`${field}.${k}`, 'a whole number');
  };
  const share = (o: Record<string, unknown>, k: string, field: string, nullable = false) => {
    if (nullable && o[k] === null) return;
    if (typeof o[k] !== 'number' || !((o[k] as number) >= 0 && (o[k] as number) <= 1)) bad(`${field}.${k}`, 'a number from 0 to 1');
  };
  const root = obj(parsed, 'the file');
  const protocol = obj(root.protocol, 'protocol');
  for (const k of ['k', 'seed', 'minRatingsToSplit', 'usersEvaluated', 'testItems']) count(protocol, k, 'protocol');
  if (protocol.sampledFrom !== undefined) count(protocol, 'sampledFrom', 'protocol');
  share(protocol, 'trainShare', 'protocol');
  if (typeof protocol.description !== 'string') bad('protocol.description', 'text');
  if (protocol.liked !== undefined) {
    const liked = obj(protocol.liked, 'protocol.liked');
    count(liked, 'usersEvaluated', 'protocol.liked');
    count(liked, 'testItems', 'protocol.liked');
    if (typeof liked.threshold !== 'number' || !Number.isFinite(liked.threshold)) bad('protocol.liked.threshold', 'a number');
  }
  if (!Array.isArray(root.models) || root.models.length === 0) bad('models', 'a list of models');
  (root.models as unknown[]).forEach((m, i) => {
    const model = obj(m, `models[${i}]`);
    for (const k of ['name', 'label']) if (typeof model[k] !== 'string' || model[k] === '') bad(`models[${i}].${k}`, 'text');
    const metrics = obj(model.metrics, `models[${i}].metrics`);
    for (const k of ['precision', 'recall', 'ndcg', 'hitRate', 'coverage', 'genreMatch']) share(metrics, k, `models[${i}].metrics`);
    share(metrics, 'genreMatchTruth', `models[${i}].metrics`, true);
    if (model.liked !== undefined) {
      const liked = obj(model.liked, `models[${i}].liked`);
      for (const k of ['precision', 'recall', 'ndcg', 'hitRate']) share(liked, k, `models[${i}].liked`);
    }
  });
  if (root.lift !== undefined) {
    const ndcg = obj(obj(root.lift, 'lift').ndcg, 'lift.ndcg');
    for (const k of ['low', 'high']) if (typeof ndcg[k] !== 'number' || !Number.isFinite(ndcg[k])) bad(`lift.ndcg.${k}`, 'a number');
    if ((ndcg.low as number) > (ndcg.high as number)) bad('lift.ndcg.low', 'a number no larger than lift.ndcg.high');
    share(ndcg, 'level', 'lift.ndcg');
    count(ndcg, 'replicates', 'lift.ndcg');
  }
  return root as unknown as EvaluationResult;
}

function int(table: InputTable, line: number, column: string, raw: string, min: number): number {
  const n = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || n < min) table.fail(line, column, `a whole number from ${min}`, raw);
  return n;
}

function real(table: InputTable, line: number, column: string, raw: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) table.fail(line, column, 'a number', raw);
  return n;
}

/** The stage files in `dir` (none is required; at least one must be there). */
export function openStages(dir: string): Stages {
  const has = (f: string) => existsSync(path.join(dir, f));
  if (!Object.values(STAGE_FILES).some(has)) {
    throw new InputError(`${dir}: --stages found none of ${Object.values(STAGE_FILES).join(', ')}`, { file: dir });
  }
  if (has(STAGE_FILES.reasons) && !has(STAGE_FILES.recommendations)) {
    throw new InputError(`${dir}: ${STAGE_FILES.reasons} needs ${STAGE_FILES.recommendations} beside it`, { file: dir });
  }
  const evaluation = has(STAGE_FILES.evaluation) ? readEvaluation(path.join(dir, STAGE_FILES.evaluation)) : null;
  return {
    dir,
    evaluation,
    neighbours: has(STAGE_FILES.neighbours) ? (titlePos, nTitles) => readNeighbours(path.join(dir, STAGE_FILES.neighbours), titlePos, nTitles) : null,
    recommendations: has(STAGE_FILES.recommendations)
      ? (model) => readRecommendations(path.join(dir, STAGE_FILES.recommendations), has(STAGE_FILES.reasons) ? path.join(dir, STAGE_FILES.reasons) : null, model)
      : null,
  };
}

async function readNeighbours(file: string, titlePos: ReadonlyMap<string, number>, nTitles: number): Promise<Neighbours> {
  const table = openParquetTable(file, SPECS.neighbours, new Map());
  const lists: { pos: number; sim: number }[][] = Array.from({ length: nTitles }, () => []);
  for await (const batch of table.batches()) for (const { line, fields } of batch) {
    const [rawT, rawN, rawS] = fields as string[]; // text only: no `numeric` column in these specs
    const t = titlePos.get(rawT.trim()) ?? table.fail(line, 'title_id', 'a title id of the data', rawT);
    const nb = titlePos.get(rawN.trim()) ?? table.fail(line, 'neighbour_id', 'a title id of the data', rawN);
    const sim = real(table, line, 'similarity', rawS);
    if (sim < -1 || sim > 1) table.fail(line, 'similarity', 'a cosine from -1 to 1', rawS);
    lists[t].push({ pos: nb, sim: Math.fround(sim) });
  }
  const total = lists.reduce((s, l) => s + l.length, 0);
  const ptr = new Int32Array(nTitles + 1);
  const idx = new Int32Array(total);
  const val = new Float32Array(total);
  let p = 0;
  for (let t = 0; t < nTitles; t++) {
    // Strongest first; equal similarities keep the file's order (a stable sort), which for our
    // own export is the kernel's order.
    lists[t].sort((a, b) => b.sim - a.sim);
    for (const { pos, sim } of lists[t]) {
      idx[p] = pos;
      val[p++] = sim;
    }
    ptr[t + 1] = p;
  }
  return { ptr, idx, val };
}

/** User u's rating of title t and the user's mean rating; null when u did not rate t. */
function ratingOf(model: Model, u: number, t: number): { value: number; mean: number } | null {
  const { rowPtr, colIdx, rowVal } = model.matrix;
  let value: number | null = null;
  let sum = 0;
  for (let p = rowPtr[u]; p < rowPtr[u + 1]; p++) {
    sum += rowVal[p];
    if (colIdx[p] === t) value = rowVal[p];
  }
  return value === null ? null : { value, mean: sum / (rowPtr[u + 1] - rowPtr[u]) };
}

const SOURCES = new Set(['collaborative', 'popular']);
const KINDS = new Set(['ratings', 'content']);

async function readRecommendations(file: string, reasonsFile: string | null, model: Model): Promise<Map<string, Recommendation[]>> {
  const reasons = new Map<string, Reason[]>();
  if (reasonsFile !== null) {
    const table = openParquetTable(reasonsFile, SPECS.reasons, new Map());
    for await (const batch of table.batches()) for (const { line, fields } of batch) {
      const [rawU, rawRank, rawPos, rawT, rawRating, rawSim, rawKind] = fields as string[];
      const userId = rawU.trim();
      if (!model.userPos.has(userId)) table.fail(line, 'user_id', 'a user id of the data', rawU);
      const rank = int(table, line, 'rank', rawRank, 1);
      const position = int(table, line, 'position', rawPos, 1);
      const titleId = rawT.trim();
      if (!model.titlePos.has(titleId)) table.fail(line, 'title_id', 'a title id of the data', rawT);
      if (!KINDS.has(rawKind.trim())) table.fail(line, 'kind', 'ratings or content', rawKind);
      // the report's promise, whoever computed the reasons: a reason is a title the user rated,
      // at the rating they gave, and liked (at or above their own mean and the scale's middle)
      const given = ratingOf(model, model.userPos.get(userId)!, model.titlePos.get(titleId)!) ?? table.fail(line, 'title_id', `a title user ${userId} rated`, rawT);
      const rating = real(table, line, 'rating', rawRating);
      if (Math.fround(rating) !== given.value) table.fail(line, 'rating', `${given.value}, user ${userId}'s rating of that title`, rawRating);
      if (!isLiked(given.value, given.mean, model.ratingMidpoint)) {
        table.fail(line, 'title_id', `a title user ${userId} liked (rated at or above their mean of ${given.mean.toFixed(2)} and the scale's middle): a disliked title is never a reason`, rawT);
      }
      const key = `${userId}\u0000${rank}`;
      let list = reasons.get(key);
      if (!list) reasons.set(key, (list = []));
      if (position !== list.length + 1) table.fail(line, 'position', `${list.length + 1} (positions run 1, 2, … per recommendation)`, rawPos);
      list.push({ titleId, rating, similarity: real(table, line, 'similarity', rawSim), kind: rawKind.trim() as Reason['kind'] });
    }
  }
  const out = new Map<string, Recommendation[]>();
  const table = openParquetTable(file, SPECS.recommendations, new Map());
  for await (const batch of table.batches()) for (const { line, fields } of batch) {
    const [rawU, rawRank, rawT, rawScore, rawSource, rawExplanation] = fields as string[];
    const userId = rawU.trim();
    if (!model.userPos.has(userId)) table.fail(line, 'user_id', 'a user id of the data', rawU);
    const titleId = rawT.trim();
    if (!model.titlePos.has(titleId)) table.fail(line, 'title_id', 'a title id of the data', rawT);
    const rank = int(table, line, 'rank', rawRank, 1);
    const score = real(table, line, 'score', rawScore);
    const source = rawSource.trim();
    if (!SOURCES.has(source)) table.fail(line, 'source', 'collaborative or popular', rawSource);
    let list = out.get(userId);
    if (!list) out.set(userId, (list = []));
    if (rank !== list.length + 1) table.fail(line, 'rank', `${list.length + 1} (ranks run 1, 2, … per user, in order)`, rawRank);
    const why = reasons.get(`${userId}\u0000${rank}`) ?? [];
    // a cluster may leave explanations to us: said the way our own fill says them, true at any size
    const explanation =
      rawExplanation.trim() !== '' ? rawExplanation : source === 'collaborative' ? collaborativeExplanation(model, why, userId) : popularExplanation(model, model.titlePos.get(titleId)!);
    list.push({ titleId, rank, score, source: source as Recommendation['source'], reasons: why, explanation });
  }
  return out;
}
