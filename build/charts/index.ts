// The chart registry, the one list of charts (STYLE.md "Registries"): each chart module exports a
// descriptor (its id, what data it needs, the facts it shows, how it is drawn) and this list puts
// them in report order. The report's charts, the user pages' charts, the narrative's known chart
// ids, the strategy items' "See the chart" links, README's chart list and the chart tests all
// derive from it; adding a chart is its module plus one line here (CONTRIBUTING.md).
import type { Chart, ChartData, ChartDescriptor, ReportChartDescriptor, UserChartDescriptor } from './chart.ts';
import { chartNeedMet } from './chart.ts';
import type { EvaluationResult } from '../types.ts';
import { deviceEngagementChart } from './deviceEngagement.ts';
import { genreCloudChart } from './genreCloud.ts';
import { genreDemandChart } from './genreDemand.ts';
import { genrePopularityChart } from './genrePopularity.ts';
import { modelComparisonChart } from './modelComparison.ts';
import { planDevicesChart } from './planDevices.ts';
import { ratingsByGenreChart } from './ratingsByGenre.ts';
import { titleSimilarityChart } from './titleSimilarity.ts';
import { userAffinityChart } from './userAffinity.ts';
import { userDevicesChart } from './userDevices.ts';
import { userGenreSankeyChart } from './userGenreSankey.ts';

export type { Chart, ChartData, ChartDescriptor, ChartNeed, ReportChartDescriptor, UserChartDescriptor } from './chart.ts';
export { INTER_WEIGHTS } from './dom.ts';
export { renderGenrePopularity } from './genrePopularity.ts';
export { renderGenreDemand } from './genreDemand.ts';
export { renderRatingsByGenre } from './ratingsByGenre.ts';
export { renderGenreCloud } from './genreCloud.ts';
export { renderDeviceEngagement } from './deviceEngagement.ts';
export { renderPlanDevices } from './planDevices.ts';
export { renderTitleSimilarity } from './titleSimilarity.ts';
export { renderUserGenreSankey } from './userGenreSankey.ts';
export { renderModelComparison } from './modelComparison.ts';
export { renderUserAffinity } from './userAffinity.ts';
export { renderUserDevices } from './userDevices.ts';

/** Every chart, report charts in section order, then the user pages' charts in page order. */
export const CHARTS: readonly ChartDescriptor[] = [
  genrePopularityChart,
  genreDemandChart,
  ratingsByGenreChart,
  genreCloudChart,
  planDevicesChart,
  deviceEngagementChart,
  titleSimilarityChart,
  userGenreSankeyChart,
  modelComparisonChart,
  userAffinityChart,
  userDevicesChart,
];

export const REPORT_CHARTS: readonly ReportChartDescriptor[] = CHARTS.filter((c): c is ReportChartDescriptor => c.scope === 'report');
export const USER_CHARTS: readonly UserChartDescriptor[] = CHARTS.filter((c): c is UserChartDescriptor => c.scope === 'user');

/**
 * Every chart the report can have. Some are left out of a build whose data lacks them (no
 * device chart without sessions), so a directive naming one of these is valid everywhere and
 * only fails when it is rendered for such data — guard it with {% if has sessions %}.
 */
export const REPORT_CHART_IDS: readonly string[] = REPORT_CHARTS.map((c) => c.id);

const patternOf = (fact: string): RegExp => new RegExp(`^${fact.split('.').map((s) => (s === '*' ? '[^.]+' : s.replace(/[^A-Za-z0-9_]/g, '\\$&'))).join('\\.')}$`);
const SHOWN = CHARTS.flatMap((c) => c.facts.map((f) => ({ chart: c.id, pattern: patternOf(f) })));

/** The chart that shows a fact (the first in registry order), if one does. */
export function chartShowing(fact: string): string | undefined {
  return SHOWN.find((s) => s.pattern.test(fact))?.chart;
}

/** The report's charts this data supports, in section order. */
export function buildReportCharts(data: ChartData): Chart[] {
  return REPORT_CHARTS.filter((c) => chartNeedMet(c.needs, data)).map((c) => c.render(data));
}

/**
 * The report's charts in two goes, the same charts in the same order as `buildReportCharts`:
 * those before the first that needs the evaluation are drawn now (the pipeline does this while
 * the evaluation still runs on the other core), the rest by `finish`. Drawn in registry order
 * either way, so anything the drawing numbers in sequence comes out the same.
 */
export function startReportCharts(data: Omit<ChartData, 'evaluation'>): { finish(evaluation: EvaluationResult | null): Chart[] } {
  const early = new Map<string, Chart>();
  for (const c of REPORT_CHARTS) {
    if (c.needs === 'evaluation') break;
    if (chartNeedMet(c.needs, data)) early.set(c.id, c.render({ ...data, evaluation: null }));
  }
  return {
    finish: (evaluation) => {
      const all = { ...data, evaluation };
      return REPORT_CHARTS.filter((c) => chartNeedMet(c.needs, all)).map((c) => early.get(c.id) ?? c.render(all));
    },
  };
}

/** Per-user charts for 10,000 pages: each chart builds its indexes once, then costs little per user. */
export function userChartRenderer(data: Omit<ChartData, 'evaluation'>): (userId: string) => Chart[] {
  const renderers = USER_CHARTS.filter((c) => chartNeedMet(c.needs, data)).map((c) => c.renderer(data));
  return (userId) => renderers.map((render) => render(userId));
}

/** One user's charts; for many users build a userChartRenderer once and call it per user. */
export function buildUserCharts(input: Omit<ChartData, 'evaluation'> & { userId: string }): Chart[] {
  return userChartRenderer(input)(input.userId);
}
