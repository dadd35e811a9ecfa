// The one page Vite reads: the client assets' tags and nothing else. Vite follows every URL on
// the pages it bundles from and copies the files they name into the site, so no page that
// carries data is ever given to it (build/site/publish.ts).
import { html } from '../build/util/html.ts';
import type { AssetTags } from './view.ts';

export function assetEntryPage(assets: AssetTags): string {
  return `<!DOCTYPE html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<title>Client assets</title>
${assets.styles.map((href) => html`<link rel="stylesheet" href="${href}">`)}
${assets.scripts.map((src) => html`<script type="module" src="${src}"></script>`)}
</head>
<body></body>
</html>`}\n`;
}
