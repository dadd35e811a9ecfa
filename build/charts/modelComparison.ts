// Horizontal bars, one panel per evaluation metric (named on the left): a bar per model, its value
// at the bar's end, and the popularity baseline as a dashed reference line across each panel, so
// "does it beat the floor?" is read at a glance. Every metric is a share, so the axis is a fixed
// 0–1: a score of 0.4 looks the same size on every build. Models are named once, in a legend
// above the panels, not on every bar; each bar and line carries its exact value as a <title>.

import * as Plot from '@observablehq/plot';
import { toCsv } from '../util/csv.ts';
import { escapeHtml } from '../util/html.ts';
import { maxOf } from '../util/numbers.ts';
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
  const labelOf = new Map(finite.map((r) => [r.model, r.label]));
  const drawn = models.filter((m) => m !== baseline);
  const colourOf = new Map(drawn.map((m, i) => [m, categoricalColour(i)]));
  const bars = finite.filter((r) => r.model !== baseline);
  const floor = finite.filter((r) => r.model === baseline);
  const value = (v: number): string => v.toFixed(3);
  const floorOf = new Map(floor.map((r) => [r.metric, r.value]));

  const width = options.width ?? 640;
  const labelWidth = metricLabelWidth(metrics);
  const legendRows = drawn.length + (floor.length ? 1 : 0);
  const legendHeight = legendRows * LEGEND_ROW + 8;
  const perPanel = Math.max(1, drawn.length) * 20 + 14;
  const plot = renderPlot(
    {
      width,
      height: 30 + metrics.length * perPanel,
      marginLeft: labelWidth,
      // room for a value label to the right of a bar that reaches 1
      marginRight: 40,
      x: { label: 'score (0–1, higher is better) →', domain: [0, 1], ticks: 5, grid: true, axis: 'bottom' },
      y: { axis: null, domain: drawn.length ? drawn : [baseline], paddingInner: 0.15 },
      fy: { label: null, domain: metrics, padding: 0.14, axis: 'left', tickSize: 0 },
      color: { type: 'ordinal', domain: drawn, range: drawn.map((m) => colourOf.get(m)!) },
      marks: [
        Plot.barX(bars, { x: 'value', y: 'model', fy: 'metric', fill: 'model', title: (r: ModelMetricRow) => `${r.label}, ${r.metric}: ${value(r.value)}` }),
        // the baseline: a dashed line across the whole panel at its score
        Plot.ruleX(floor, {
          x: 'value',
          fy: 'metric',
          stroke: 'currentColor',
          strokeWidth: 1.5,
          strokeDasharray: '4,3',
          title: (r: ModelMetricRow) => `${r.label}, ${r.metric}: ${value(r.value)}`,
        }),
        // values after the baseline, on a halo of the page's background, so the dashed line
        // never runs through a figure (a standalone SVG has no --bg: white)
        Plot.text(bars, {
          // past the bar's end or the baseline's dashed line, whichever is further right, so a
          // short bar's figure is not printed across the line
          x: (r: ModelMetricRow) => Math.max(r.value, floorOf.get(r.metric) ?? 0),
          y: 'model',
          fy: 'metric',
          text: (r: ModelMetricRow) => value(r.value),
          textAnchor: 'start',
          dx: 4,
          fill: 'currentColor',
          stroke: 'var(--bg, #fff)',
          strokeWidth: 4,
          paintOrder: 'stroke',
        }),
        Plot.ruleX([0], { ariaHidden: 'true' }), // the axis' origin, not a value: hidden like the grid
      ],
    },
    { y: legendHeight },
  );

  // the legend: a swatch per drawn model, then the baseline's dashed line, from the left edge so
  // a phone, which shows the chart's left part first, shows the model names whole
  const legendX = 4;
  let legend = `<g font-size="11" text-anchor="start">`;
  drawn.forEach((m, i) => {
    const y = 4 + i * LEGEND_ROW;
    legend += `<rect x="${legendX}" y="${y}" width="12" height="12" fill="${colourOf.get(m)}"/>`;
    legend += `<text x="${legendX + 18}" y="${y + 10}">${escapeHtml(labelOf.get(m) ?? m)}</text>`;
  });
  if (floor.length) {
    const y = 4 + drawn.length * LEGEND_ROW;
    legend += `<line x1="${legendX}" x2="${legendX + 12}" y1="${y + 6}" y2="${y + 6}" stroke="currentColor" stroke-width="1.5" stroke-dasharray="4,3"/>`;
    legend += `<text x="${legendX + 18}" y="${y + 10}">${escapeHtml(labelOf.get(baseline) ?? baseline)}, dashed line</text>`;
  }
  legend += '</g>';

  const describeMetric = (metric: string): string =>
    `${metric}: ` +
    finite
      .filter((r) => r.metric === metric)
      .map((r) => `${r.label} ${fmt(r.value, 3)}`)
      .join(', ');
  // Say which models fall below the floor, and where: a reader should not have to find it.
  const below = drawn.flatMap((m) => {
    const lost = metrics.filter((metric) => {
      const own = finite.find((r) => r.model === m && r.metric === metric)?.value;
      const ref = floor.find((r) => r.metric === metric)?.value;
      return own !== undefined && ref !== undefined && own < ref;
    });
    return lost.length ? [`${labelOf.get(m)} scores below the baseline on ${lost.join(', ')}`] : [];
  });
  const description =
    `Each panel is one evaluation metric on a 0–1 scale; each bar one model (${drawn.map((m) => labelOf.get(m)).join(', ')})` +
    (floor.length ? `; the dashed line is the ${labelOf.get(baseline) ?? baseline}` : '') +
    '. ' +
    (floor.length ? (below.length ? below.join('. ') + '. ' : `Every model scores at or above the baseline on every metric. `) : '') +
    metrics.map(describeMetric).join('. ') +
    '.';
  const svg = standaloneSvg({ id, title, description, width: plot.width, height: plot.height + legendHeight, body: legend + plot.body });
  // the caption: the first drawn model (the published one) against the floor on the ranking metric
  const headline = metrics.find((m) => m.startsWith('NDCG')) ?? metrics[0];
  const lead = drawn[0];
  const leadValue = finite.find((r) => r.model === lead && r.metric === headline)?.value;
  const floorValue = floor.find((r) => r.metric === headline)?.value;
  const caption =
    lead !== undefined && leadValue !== undefined && floorValue !== undefined
      ? `On ${headline}, ${labelOf.get(lead)} scores ${value(leadValue)}; ${labelOf.get(baseline) ?? baseline}, the dashed line, scores ${value(floorValue)}.` +
        (below.length ? ` ${below.join('. ')}.` : '')
      : `Each evaluation metric for each model, on a 0–1 scale.`;
  return { id, title, description, caption, svg, csv };
}

/** Room on the left for the longest metric name ("Genre match (true favourites)", 29 characters,
 * 180 px) at 11 px (dom.ts): 6.5 px a character is an upper bound for Inter there, plus the tick gap. */
const metricLabelWidth = (metrics: string[]): number => Math.max(90, Math.ceil(maxOf(metrics.map((m) => m.length)) * 6.5) + 14);
/** Height of one legend line. */
const LEGEND_ROW = 16;

export const modelComparisonChart: ReportChartDescriptor = {
  id: MODEL_COMPARISON_ID,
  title: 'Model comparison',
  scope: 'report',
  needs: 'evaluation',
  // eval.<model>.<metric>, eval.<model>.label and eval.lift.<metric>
  // the evaluation's figures only: the published lists' coverage (recs.*) is measured on other
  // lists than the evaluated ones, and no chart shows it
  facts: ['eval.k', 'eval.users', 'eval.test_items', 'eval.*.*', 'eval.best_model', 'genre_match_target'],
  render: ({ evaluation }) => renderModelComparison(modelMetricRows(evaluation!), { baseline: evaluation!.models[0]?.name }),
};
