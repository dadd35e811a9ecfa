// The project's one Eleventy plugin (STYLE.md 10): Markdown through marked, content bindings
// (facts, claims, charts) as a preprocessor, and the report's pages as virtual JavaScript
// templates whose markup lives in templates/. Both the programmatic build (build/site/publish.ts)
// and the dev server (.eleventy.js) register exactly this.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  userPagePath,
  usersIndexPath,
  USERS_PER_INDEX_PAGE,
  type AssetTags,
  type SectionView,
  type SiteView,
  type UserView,
  homePage,
  usersIndexPage,
  userPage,
  draftsPage,
  changesPage,
  CHANGES_PATH,
  assetEntryPage,
} from '../../templates/index.ts';
import { createMarkdown } from './markdown.ts';
import type { SlotTable } from '../insights/slots.ts';
import { splitFrontMatter } from './content.ts';

/**
 * Which pages this Eleventy run writes. 'assets' writes only the asset entry page, the one page
 * Vite sees: nothing from data is on it, so Vite can never resolve (and publish) a file that a
 * data-made URL names. 'pages' writes the report pages and the users index, linking the assets
 * Vite hashed; the build writes the user pages itself from the same template (userPageFiles.ts).
 * 'all' is the dev server: every page, user pages included.
 */
export type Phase = 'assets' | 'pages' | 'all';

/** The page Vite bundles the client assets from (its name names the bundles); the publisher reads their URLs and deletes it. */
export const ASSET_ENTRY_PAGE = 'main.html';

export interface ReportPluginOptions {
  site: SiteView;
  /** The project root (templates/assets/, node_modules/). */
  root: string;
  phase: Phase;
  assets: AssetTags;
  /** Content bindings: turns an editor's Markdown (with directives) into plain Markdown. */
  bind: (source: string, file: string, bodyLine: number) => string;
  /** The bindings' HTML, put in after marked has rendered each file (build/insights/slots.ts). */
  slots: SlotTable;
  /** Told the report's sections once they are rendered (the build's user pages need them for their navigation). */
  onSections?: (sections: SectionView[]) => void;
}

interface EleventyData {
  collections: { section?: { data: Record<string, unknown>; content: string; inputPath: string }[] };
  /** Pagination items are positions, not the objects: Eleventy copies each item into the page's data. */
  ui?: number;
  ci?: number;
}


// eslint-disable-next-line @typescript-eslint/no-explicit-any
/**
 * Vite's options for the client assets, the same for the build and the dev server (which add
 * their own: the build its log level and output settings).
 */
export function clientViteOptions(site: SiteView, root: string) {
  return {
    base: site.pathPrefix,
    publicDir: false as const,
    // Bare CSS imports (the bundled Inter font) resolve from the project, wherever the output
    // folder is.
    resolve: { alias: { '@fontsource': path.join(root, 'node_modules', '@fontsource') } },
  };
}

export function reportPlugin(eleventyConfig: any, options: ReportPluginOptions): void {
  const { site, phase, assets, bind } = options;
  eleventyConfig.setTemplateFormats(['md', '11ty.js']);
  // The client sources, for Vite to bundle from the pages that link them.
  if (phase !== 'pages') eleventyConfig.addPassthroughCopy({ [path.join(options.root, 'templates/assets')]: 'client' });
  eleventyConfig.setLibrary('md', createMarkdown(options.slots));
  eleventyConfig.addPreprocessor('report-bindings', 'md', (data: { page: { inputPath: string } }, content: string) => {
    const file = path.relative(process.cwd(), data.page.inputPath);
    const bound = bind(content, file, splitFrontMatter(readFileSync(data.page.inputPath, 'utf8')).bodyLine);
    // Eleventy keeps the unprocessed content when a preprocessor returns a falsy value: a section
    // bound to nothing (Engagement without sessions) returns a blank line, and is left out below
    return bound === '' ? '\n' : bound;
  });

  const sections = (data: EleventyData): SectionView[] =>
    (data.collections.section ?? [])
      .map((item) => ({
        id: String(item.data.section ?? ''),
        title: String(item.data.title ?? ''),
        order: Number(item.data.order ?? 0),
        html: item.content,
      }))
      // a section whose text is all inside a condition the data fails (Engagement without sessions) is left out
      .filter((s) => s.html.trim() !== '')
      // Code-point order, not the host's locale: the same site on every machine.
      .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  if (phase === 'assets') {
    eleventyConfig.addTemplate('asset-entry.11ty.js', {
      data: { permalink: ASSET_ENTRY_PAGE, eleventyExcludeFromCollections: true, templateEngineOverride: '11ty.js' },
      render: () => assetEntryPage(assets),
    });
    return;
  }
  eleventyConfig.addTemplate('index.11ty.js', {
    data: { permalink: 'index.html', eleventyExcludeFromCollections: true, templateEngineOverride: '11ty.js' },
    render: (data: EleventyData) => {
      const own = sections(data);
      options.onSections?.(own);
      return homePage(site, own, assets);
    },
  });
  eleventyConfig.addTemplate('drafts.11ty.js', {
    data: { permalink: 'drafts/index.html', eleventyExcludeFromCollections: true, templateEngineOverride: '11ty.js' },
    render: (data: EleventyData) => draftsPage(site, sections(data), assets),
  });
  if (site.changes) {
    eleventyConfig.addTemplate('changes.11ty.js', {
      data: { permalink: CHANGES_PATH, eleventyExcludeFromCollections: true, templateEngineOverride: '11ty.js' },
      render: (data: EleventyData) => changesPage(site, sections(data), assets),
    });
  }
  const chunks: { page: number; users: UserView[] }[] = [];
  for (let i = 0; i < site.users.length || i === 0; i += USERS_PER_INDEX_PAGE) {
    chunks.push({ page: chunks.length + 1, users: site.users.slice(i, i + USERS_PER_INDEX_PAGE) });
  }
  eleventyConfig.addTemplate('users-index.11ty.js', {
    data: {
      pagination: { data: 'reportUserChunks', size: 1, alias: 'ci' },
      reportUserChunks: chunks.map((_, i) => i),
      permalink: (data: EleventyData) => usersIndexPath(chunks[data.ci!].page),
      eleventyExcludeFromCollections: true, templateEngineOverride: '11ty.js',
    },
    render: (data: EleventyData) =>
      usersIndexPage(site, sections(data), assets, chunks[data.ci!].page, chunks.length, chunks[data.ci!].users),
  });
  if (phase === 'all') {
    eleventyConfig.addTemplate('user-pages.11ty.js', {
      data: {
        pagination: { data: 'reportUsers', size: 1, alias: 'ui' },
        reportUsers: site.users.map((_, i) => i),
        permalink: (data: EleventyData) => userPagePath(site.users[data.ui!].slug),
        eleventyExcludeFromCollections: true, templateEngineOverride: '11ty.js',
      },
      render: (data: EleventyData) => userPage(site, sections(data), site.users[data.ui!], assets),
    });
  }
  // Sections are every Markdown file in content/; content/content.11tydata.json keeps them
  // from being written as pages of their own (the home page assembles them).
  eleventyConfig.addCollection('section', (api: { getFilteredByGlob(glob: string): unknown[] }) =>
    api.getFilteredByGlob('**/*.md'),
  );
}
