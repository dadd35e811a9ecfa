// Site checks run by the tests and `npm run check:site`: every internal link and asset of every
// page resolves (including #fragments), and every page is valid HTML (html-validate).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';

export interface SiteProblem {
  page: string;
  message: string;
}

export function listFiles(dir: string, ext?: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!ext || name.endsWith(ext)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

const ids = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let set = ids.get(file);
  if (!set) {
    set = new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]*)"/g)].map((m) => decodeEntities(m[1])));
    ids.set(file, set);
  }
  return set;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Every href/src in the site's HTML that points inside the site must resolve. */
export function checkLinks(root: string, pathPrefix = '/'): SiteProblem[] {
  ids.clear();
  const problems: SiteProblem[] = [];
  for (const page of listFiles(root, '.html')) {
    const rel = path.relative(root, page);
    const text = readFileSync(page, 'utf8');
    // Our markup escapes ">" inside attribute values, so a tag ends at the first ">".
    for (const tag of text.matchAll(/<[a-z][^>]*>/gi)) {
      const m = /\s(?:href|src)="([^"]*)"/.exec(tag[0]);
      if (!m) continue;
      const link = decodeEntities(m[1]);
      // Inline images (the favicon) are allowed by the CSP's img-src and load nothing.
      if (/^data:image\/(svg\+xml|png)[,;]/i.test(link)) continue;
      // A per-user chart's downloads: a CSV's bytes in the link, saved (never opened) by `download`.
      if (/^<a\s/i.test(tag[0]) && /\sdownload="[^"]+"/.test(tag[0]) && /^data:text\/csv;charset=utf-8;base64,[A-Za-z0-9+/=]*$/.test(link)) continue;
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) {
        if (!/^(https?|mailto):/i.test(link)) problems.push({ page: rel, message: `unsafe URL scheme: ${link}` });
        else problems.push({ page: rel, message: `link to another origin: ${link}` });
        continue;
      }
      const [pathPart, fragment] = link.split('#', 2);
      let target: string;
      if (pathPart === '') target = page;
      else {
        const decoded = decodeURIComponent(pathPart.split('?')[0]);
        const abs = decoded.startsWith('/')
          ? path.join(root, decoded.startsWith(pathPrefix) ? decoded.slice(pathPrefix.length) : decoded)
          : path.join(path.dirname(page), decoded);
        if (!path.resolve(abs).startsWith(path.resolve(root))) {
          problems.push({ page: rel, message: `link leaves the site: ${link}` });
          continue;
        }
        target = existsSync(abs) && statSync(abs).isDirectory() ? path.join(abs, 'index.html') : abs;
        if (!existsSync(target)) {
          problems.push({ page: rel, message: `broken link: ${link}` });
          continue;
        }
      }
      if (fragment && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(fragment))) {
        problems.push({ page: rel, message: `missing anchor: ${link}` });
      }
    }
  }
  return problems;
}

/** html-validate's recommended rules, less the ones that fight inline SVG from Plot. */
export async function validateHtml(root: string, limit = Infinity): Promise<SiteProblem[]> {
  const validator = new HtmlValidate({
    extends: ['html-validate:recommended'],
    rules: {
      'no-inline-style': 'off', // Plot's SVG carries style attributes
      'attribute-boolean-style': 'off',
      'no-trailing-whitespace': 'off',
      'long-title': 'off',
      'no-redundant-role': 'off',
      'svg-focusable': 'off',
      'attribute-empty-style': 'off',
    },
  });
  const problems: SiteProblem[] = [];
  for (const page of listFiles(root, '.html').slice(0, limit)) {
    const report = await validator.validateString(readFileSync(page, 'utf8'), page);
    for (const r of report.results)
      for (const msg of r.messages) problems.push({ page: path.relative(root, page), message: `${msg.line}:${msg.column} ${msg.ruleId}: ${msg.message}` });
  }
  return problems;
}
