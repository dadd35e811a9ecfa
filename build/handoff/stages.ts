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
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError, type EvaluationResult, type Reason, type Recommendation } from '../types.ts';
import { csvText, csvToParquet, writeOwnFolder } from '../data/exportData.ts';
import { openParquetTable, type InputTable } from '../data/inputTable.ts';
import type { Model, Neighbours } from '../model/index.ts';
import { collaborativeExplanation } from '../recommend/explain.ts';

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
  let evaluation: EvaluationResult | null = null;
  if (has(STAGE_FILES.evaluation)) {
    const file = path.join(dir, STAGE_FILES.evaluation);
    try {
      evaluation = JSON.parse(readFileSync(file, 'utf8')) as EvaluationResult;
    } catch (err) {
      throw new InputError(`${file}: invalid JSON (${String((err as Error).message).split('\n')[0].slice(0, 120)})`, { file, cause: err });
    }
    if (!evaluation || typeof evaluation !== 'object' || !Array.isArray(evaluation.models) || typeof evaluation.protocol !== 'object') {
      throw new InputError(`${file}: expected an evaluation result with "protocol" and "models" (build/types.ts EvaluationResult)`, { file });
    }
  }
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
    const [rawT, rawN, rawS] = fields;
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

const SOURCES = new Set(['collaborative', 'popular']);
const KINDS = new Set(['ratings', 'content']);

async function readRecommendations(file: string, reasonsFile: string | null, model: Model): Promise<Map<string, Recommendation[]>> {
  const reasons = new Map<string, Reason[]>();
  if (reasonsFile !== null) {
    const table = openParquetTable(reasonsFile, SPECS.reasons, new Map());
    for await (const batch of table.batches()) for (const { line, fields } of batch) {
      const [rawU, rawRank, rawPos, rawT, rawRating, rawSim, rawKind] = fields;
      const userId = rawU.trim();
      if (!model.userPos.has(userId)) table.fail(line, 'user_id', 'a user id of the data', rawU);
      const rank = int(table, line, 'rank', rawRank, 1);
      const position = int(table, line, 'position', rawPos, 1);
      const titleId = rawT.trim();
      if (!model.titlePos.has(titleId)) table.fail(line, 'title_id', 'a title id of the data', rawT);
      if (!KINDS.has(rawKind.trim())) table.fail(line, 'kind', 'ratings or content', rawKind);
      const key = `${userId}\u0000${rank}`;
      let list = reasons.get(key);
      if (!list) reasons.set(key, (list = []));
      if (position !== list.length + 1) table.fail(line, 'position', `${list.length + 1} (positions run 1, 2, … per recommendation)`, rawPos);
      list.push({ titleId, rating: real(table, line, 'rating', rawRating), similarity: real(table, line, 'similarity', rawSim), kind: rawKind.trim() as Reason['kind'] });
    }
  }
  const out = new Map<string, Recommendation[]>();
  const table = openParquetTable(file, SPECS.recommendations, new Map());
  for await (const batch of table.batches()) for (const { line, fields } of batch) {
    const [rawU, rawRank, rawT, rawScore, rawSource, rawExplanation] = fields;
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
    const explanation = rawExplanation.trim() !== '' ? rawExplanation : source === 'collaborative' ? collaborativeExplanation(model, why, userId) : 'Popular with viewers';
    list.push({ titleId, rank, score, source: source as Recommendation['source'], reasons: why, explanation });
  }
  return out;
}
