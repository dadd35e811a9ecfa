// Facts from the real pipeline stages over a seeded simulation, and the committed content, for
// the tests that check content/ against data (the default seed and others).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simulate } from '../../build/data/simulate.ts';
import { buildModel } from '../../build/model/index.ts';
import { recommendAll } from '../../build/recommend/index.ts';
import { evaluate } from '../../build/evaluate/index.ts';
import { evaluationK } from '../../build/pipeline.ts';
import { buildFacts } from '../../build/narrative/facts.ts';
import type { FactCatalogue } from '../../build/insights/catalogue.ts';
import { REPORT_CHART_IDS } from '../../build/charts/index.ts';
import type { Dataset } from '../../build/types.ts';

export const CONTENT_DIR = path.resolve(import.meta.dirname, '../../content');

export function simulated(seed: number, over: { users?: number } = {}): Dataset {
  return simulate({ seed, users: over.users ?? 10, titles: 20, ratingsPerUser: 5, sessionsPerUser: 10, endDate: '2025-06-30' });
}

export function pipelineFacts(dataset: Dataset, opts: { evaluation?: boolean } = {}): FactCatalogue {
  const model = buildModel(dataset);
  const recommendations = recommendAll(model, dataset, { k: 10 });
  const evaluation = opts.evaluation === false ? null : evaluate(dataset, { k: evaluationK(dataset.titles.length), seed: dataset.source.seed });
  return buildFacts({ dataset, model, recommendations, evaluation });
}

/** Stand-in chart markup: the binder only needs each id's HTML. */
export function stubCharts(except: string[] = []): Map<string, string> {
  return new Map(REPORT_CHART_IDS.filter((id) => !except.includes(id)).map((id) => [id, `<figure id="chart-${id}"><svg></svg></figure>`]));
}

export interface ContentFile {
  file: string;
  body: string;
  firstLine: number;
  text: string;
}

export function contentFiles(): ContentFile[] {
  return readdirSync(CONTENT_DIR)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => {
      const text = readFileSync(path.join(CONTENT_DIR, f), 'utf8');
      const m = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text);
      return { file: `content/${f}`, text, body: m ? text.slice(m[0].length) : text, firstLine: m ? m[0].split('\n').length : 1 };
    });
}
