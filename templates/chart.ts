// A chart as readers get it: the inline SVG (readable without JavaScript), its caption, any
// notes (e.g. words the cloud dropped) and the downloads of its data and of the SVG itself.
import { html, raw, type Raw } from '../build/util/html.ts';
import { url, type ChartDownload, type ChartView, type SiteView } from './view.ts';

/**
 * Plot names each mark group (`<g aria-label="rule">`). Inside an `<svg role="img">` whose name
 * and description come from its <title>/<desc>, those labels are never announced and axe counts
 * them as prohibited ARIA (serious), so the inline copy drops them; the standalone download
 * keeps Plot's markup as is.
 */
export function withoutMarkLabels(svg: string): string {
  return svg.replace(/(<g\b[^>]*?)\s+aria-label="[^"]*"/g, '$1');
}

function download(site: Pick<SiteView, 'pathPrefix'>, d: ChartDownload, label: string): Raw {
  return 'path' in d ? html`<a href="${url(site, d.path)}" download>${label}</a>` : html`<a href="${d.dataUrl}" download="${d.fileName}">${label}</a>`;
}

export function chartFigure(site: Pick<SiteView, 'pathPrefix'>, chart: ChartView, level: 'section' | 'user' = 'section'): Raw {
  return html`<figure class="chart chart-${level}" id="chart-${chart.id}">
<div class="chart-svg">${raw(withoutMarkLabels(chart.svg))}</div>
<figcaption>
<strong class="chart-title">${chart.title}</strong>
${chart.caption === null
  ? html`<span class="chart-description">${chart.description}</span>`
  : html`<span class="chart-caption">${chart.caption}</span>
<details class="chart-long"><summary>Full description</summary><span class="chart-description">${chart.description}</span></details>`}
${chart.notes.length > 0 ? html`<span class="chart-notes">${chart.notes.join(' ')}</span>` : ''}
<span class="chart-downloads">${download(site, chart.downloads.csv, 'Data (CSV)')} · ${download(site, chart.downloads.svg, 'Chart (SVG)')}</span>
</figcaption>
</figure>`;
}
