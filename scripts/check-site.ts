// `npm run check:site -- [--out _site] [--path-prefix /]`: crawls a built site for broken
// internal links, missing assets and anchors, and validates every page's HTML. Prints each
// problem as `page: message`; exit 1 if there is any, 2 for a bad flag or a missing folder.
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkLinks, validateHtml } from '../build/site/checkSite.ts';
import { InputError } from '../build/types.ts';
import { runCli } from './cli.ts';

await runCli(async () => {
  let values: { out?: string; 'path-prefix'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: { out: { type: 'string', default: '_site' }, 'path-prefix': { type: 'string', default: '/' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new InputError(String((err as Error).message).split('\n')[0], { cause: err });
  }
  if (values.help) {
    process.stdout.write('Usage: npm run check:site -- [--out _site] [--path-prefix /]\n');
    return;
  }
  const out = values.out!;
  if (!existsSync(out) || !statSync(out).isDirectory()) throw new InputError(`--out ${out}: no such folder; run npm run build first`);
  const problems = [...checkLinks(out, values['path-prefix']), ...(await validateHtml(out))];
  for (const p of problems) process.stdout.write(`${p.page}: ${p.message}\n`);
  process.stdout.write(problems.length === 0 ? `check:site ${out}: no problems\n` : `check:site ${out}: ${problems.length} problem(s)\n`);
  if (problems.length > 0) process.exitCode = 1;
});
