// The charts' public surface, one import for the pipeline and the site.
export type { Chart } from './chart.ts';
export { renderGenrePopularity } from './genrePopularity.ts';
export { renderRatingsByGenre } from './ratingsByGenre.ts';
export { renderGenreCloud } from './genreCloud.ts';
export { renderDeviceEngagement } from './deviceEngagement.ts';
export { renderTitleSimilarity } from './titleSimilarity.ts';
export { renderUserGenreSankey } from './userGenreSankey.ts';
export { renderModelComparison } from './modelComparison.ts';
export { renderUserAffinity } from './userAffinity.ts';
export { renderUserDevices } from './userDevices.ts';
export { buildReportCharts, buildUserCharts, userChartRenderer } from './reportCharts.ts';
export { INTER_WEIGHTS } from './dom.ts';
