// Eleventy configuration for `npm run dev` (and a plain `eleventy` run). It runs the same
// pipeline as `npm run build` from report.config.json, then registers the project's plugin with
// every page at once; Vite serves the client assets as middleware. The production build does
// not use this file: build/site/publish.ts runs Eleventy in two passes so Vite's work does not
// grow with the number of user pages. Needs tsx (npm run dev starts Node with it).
import EleventyVitePlugin from '@11ty/eleventy-plugin-vite';
import { DEV_OUTPUT, devSite, prepareDevOutput } from './build/site/dev.ts';

export default async function (eleventyConfig) {
  const { site, downloads, bind, slots, assets } = await devSite(process.cwd());
  const { clientViteOptions, reportPlugin } = await import('./build/site/eleventyPlugin.ts');
  // The same plugin and Vite options as the build (build/site/publish.ts), all pages at once.
  eleventyConfig.addPlugin(reportPlugin, { site, root: process.cwd(), phase: 'all', assets, bind, slots });
  for (const [rel, content] of downloads) {
    // The engine is named: content/content.11tydata.json makes Markdown the engine for
    // everything under content/, and these virtual templates count as being there.
    eleventyConfig.addTemplate(`downloads/${rel}.11ty.js`, {
      data: { permalink: rel, eleventyExcludeFromCollections: true, templateEngineOverride: '11ty.js' },
      render: () => content,
    });
  }
  eleventyConfig.addWatchTarget('./content/');
  // scripts/dev.ts restarts the server when build/ or templates/ change; Eleventy's own
  // tracking of JavaScript dependencies would parse our TypeScript as JavaScript and stop.
  eleventyConfig.setWatchJavaScriptDependencies(false);
  eleventyConfig.addPlugin(EleventyVitePlugin, { viteOptions: clientViteOptions(site, process.cwd()) });
  // Checked on every build that writes files, with the folder Eleventy settled on (an --output
  // flag wins over the one below): only a missing, empty or marked folder is written into.
  eleventyConfig.on('eleventy.before', ({ directories, outputMode }) => {
    if (outputMode === 'fs') prepareDevOutput(directories.output, process.cwd());
  });
  // Its own folder, never _site/ (npm run build's), unless the caller names another.
  return { dir: { input: 'content', output: DEV_OUTPUT } };
}
