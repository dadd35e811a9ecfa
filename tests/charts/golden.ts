// Golden-file comparison for chart SVGs (STYLE.md 5, after Plot's test/plot-snapshot.js):
// tidy the SVG (fixed decimals, renumbered ids), compare with tests/charts/output/<name>.svg;
// on a difference write <name>-changed.svg (git-ignored) and fail. A missing golden is created
// locally but is a failure in CI, so CI never blesses its own output.

import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), 'output');

/** Numbers to 2 decimals and ids renumbered in order, so float noise and id counters do not churn goldens. */
export function tidy(svg: string): string {
  const ids = new Map<string, string>();
  let out = svg.replace(/\d+\.\d{3,}/g, (m) => String(Number(Number(m).toFixed(2))));
  out = out.replace(/\sid="([^"]+)"/g, (_m, id: string) => {
    const next = `id${ids.size}`;
    ids.set(id, next);
    return ` id="${next}"`;
  });
  out = out.replace(/(url\(#|href="#)([^)"]+)/g, (m, lead: string, id: string) => (ids.has(id) ? lead + ids.get(id) : m));
  out = out.replace(/aria-labelledby="([^"]+)"/g, (_m, list: string) => `aria-labelledby="${list.split(' ').map((id) => ids.get(id) ?? id).join(' ')}"`);
  return out.replace(/></g, '>\n<') + '\n';
}

export function assertGolden(name: string, svg: string): void {
  const expectedPath = join(OUTPUT, `${name}.svg`);
  const changedPath = join(OUTPUT, `${name}-changed.svg`);
  const actual = tidy(svg);
  if (!existsSync(expectedPath)) {
    if (process.env.CI) throw new Error(`missing golden ${expectedPath}: run the chart tests locally and commit the file`);
    writeFileSync(expectedPath, actual);
    console.warn(`created golden ${expectedPath}`);
    return;
  }
  const expected = readFileSync(expectedPath, 'utf8');
  if (expected === actual) {
    if (existsSync(changedPath)) unlinkSync(changedPath);
    return;
  }
  writeFileSync(changedPath, actual);
  throw new Error(`${name}.svg differs from its golden; see ${changedPath} (replace the golden if the change is intended)`);
}
