// `npm run facts`: every fact the narrative can bind, with its current value and meaning, for
// editors (`--json` for machines). Same settings as the build, so the values are the site's.
import { helpText, resolveConfig, type ExtraFlag } from '../build/config.ts';
import { loadDataset } from '../build/data/load.ts';
import { buildModel } from '../build/model/index.ts';
import { recommendAll } from '../build/recommend/index.ts';
import { evaluate } from '../build/evaluate/index.ts';
import { evaluationK } from '../build/pipeline.ts';
import { buildFacts } from '../build/narrative/facts.ts';
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
  const dataset = await loadDataset(config);
  const model = buildModel(dataset);
  const recommendations = recommendAll(model, dataset, { k: config.recommendations });
  const evaluation = dataset.ratings.length > 0 ? evaluate(dataset, { k: evaluationK(dataset.titles.length), seed: config.seed }) : null;
  const facts = buildFacts({ dataset, model, recommendations, evaluation });
  const withAbsent = extra.get('absent') === true;
  process.stdout.write(extra.get('json') === true ? factsJson(facts, withAbsent) : factTable(facts, withAbsent));
});
