// Grouped horizontal bars: each evaluation metric (one panel per metric) for the popularity
// baseline, the published model and any others. Every bar is labelled with its model and value,
// so no colour legend is needed (the x domain leaves room for the labels); the baseline is drawn in the page's text colour, faded, so it
// reads as the floor.

import * as Plot from '@observablehq/plot';
import { toCsv } from '../util/csv.ts';
import { emptyChart, fmt, standaloneSvg, type Chart, type ReportChartDescriptor } from './chart.ts';
import { renderPlot } from './dom.ts';
import { categoricalColour } from './palette.ts';
import { modelMetricRows } from './reportCharts.ts';

export interface ModelMetricRow {
  /** Model key as in EvaluationResult ("popularity", "default", …). */
  model: string;
  /** Display label ("Popularity baseline"). */
  label: string;
  /** Metric display name ("Precision@10"). */
  metric: string;
  value: number;
}

export interface ModelComparisonOptions {
  /** The baseline model key (drawn as the floor). */
  baseline?: string;
  width?: number;
}

export const MODEL_COMPARISON_ID = 'model-comparison';

export function renderModelComparison(rows: ModelMetricRow[], options: ModelComparisonOptions = {}): Chart {
  const id = MODEL_COMPARISON_ID;
  const title = 'Recommendation accuracy: models against the popularity baseline';
  const csv = toCsv(rows, [
    { name: 'model', value: (r) => r.model },
    { name: 'label', value: (r) => r.label },
    { name: 'metric', value: (r) => r.metric },
    { name: 'value', value: (r) => Number(r.value.toFixed(4)) },
  ]);
  const finite = rows.filter((r) => Number.isFinite(r.value));
  if (finite.length === 0) return emptyChart(id, title, 'No evaluation results in this build', csv);

  const baseline = options.baseline ?? 'popularity';
  const models = [...new Set(finite.map((r) => r.model))];
  const metrics = [...new Set(finite.map((r) => r.metric))];
  let colourIndex = 0;
  const colours = models.map((m) => (m === baseline ? 'currentColor' : categoricalColour(colourIndex++)));
  const labelOf = new Map(finite.map((r) => [r.model, r.label]));
  const width = options.width ?? 640;
  const plot = renderPlot({
    width,
    height: 20 + metrics.length * (models.length * 20 + 16),
    marginLeft: 150,
    marginRight: 20,
    x: { label: 'score (higher is better) →', domain: [0, 1.5 * Math.max(0.01, ...finite.map((r) => r.value))], grid: true, axis: 'bottom' },
    y: { axis: null, domain: models, paddingInner: 0.15 },
    fy: { label: null, domain: metrics, padding: 0.12 },
    color: { type: 'ordinal', domain: models, range: colours },
    marks: [
      Plot.barX(finite, { x: 'value', y: 'model', fy: 'metric', fill: 'model', fillOpacity: (r: ModelMetricRow) => (r.model === baseline ? 0.35 : 0.9) }),
      Plot.text(finite, {
        x: 'value',
        y: 'model',
        fy: 'metric',
        text: (r: ModelMetricRow) => `${r.label} ${r.value.toFixed(3)}`,
        textAnchor: 'start',
        dx: 4,
        fill: 'currentColor',
      }),
      Plot.ruleX([0]),
    ],
  });
  const describeMetric = (metric: string): string =>
    `${metric}: ` +
    finite
      .filter((r) => r.metric === metric)
      .map((r) => `${r.label} ${fmt(r.value, 3)}`)
      .join(', ');
  const description =
    `Each panel is one evaluation metric; each bar one model (${models.map((m) => labelOf.get(m)).join(', ')}); the faded bar is the ${labelOf.get(baseline) ?? baseline}. ` +
    metrics.map(describeMetric).join('. ') +
    '.';
  const svg = standaloneSvg({ id, title, description, width: plot.width, height: plot.height, body: plot.body });
  return { id, title, description, svg, csv };
}

export const modelComparisonChart: ReportChartDescriptor = {
  id: MODEL_COMPARISON_ID,
  title: 'Model comparison',
  scope: 'report',
  needs: 'evaluation',
  // eval.<model>.<metric>, eval.<model>.label and eval.lift.<metric>
  facts: ['eval.k', 'eval.users', 'eval.test_items', 'eval.*.*', 'eval.best_model', 'genre_match_target', 'recs.distinct_titles', 'recs.coverage', 'recs.unrecommended_titles'],
  render: ({ evaluation }) => renderModelComparison(modelMetricRows(evaluation!), { baseline: evaluation!.models[0]?.name }),
};
