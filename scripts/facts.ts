// `npm run facts`: every fact the narrative can bind, with its current value and meaning, for
// editors (`--json` for machines). It runs the build's own pipeline (build/pipeline.ts) with the
// same settings, so it lists exactly the facts the build binds, with the build's values: the same
// evaluated models (the build's, not every candidate `npm run evaluate` compares).
import { helpText, resolveConfig, type ExtraFlag } from '../build/config.ts';
import { runPipeline } from '../build/pipeline.ts';
import { factTable, factsJson } from '../build/insights/factTable.ts';
import { runCli } from './cli.ts';

const EXTRA: Record<string, ExtraFlag> = {
  json: { type: 'boolean', help: 'print the facts as JSON instead of a table' },
  absent: { type: 'boolean', help: 'also list the facts this data cannot support, with the reason' },
};

await runCli(async () => {
  const { config, help, extra } = resolveConfig(process.argv.slice(2), { extra: EXTRA });
  if (help) {
    process.stdout.write(helpText('npm run facts --', EXTRA));
    return;
  }
  const { facts } = await runPipeline(config);
  const withAbsent = extra.get('absent') === true;
  process.stdout.write(extra.get('json') === true ? factsJson(facts, withAbsent) : factTable(facts, withAbsent));
});
