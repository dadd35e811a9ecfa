// The fact catalogue as editors and the site see it: the insights stage's facts, each with the
// chart that shows it (its "chart" column in `npm run facts`) taken from the chart registry, the
// one place that says which chart shows which fact (build/charts/index.ts).
import { chartShowing } from '../charts/index.ts';
import { buildFacts as computeFacts, FactCatalogue, type Fact, type FactInput } from '../insights/facts.ts';

export function buildFacts(input: FactInput): FactCatalogue {
  return withCharts(computeFacts(input));
}

/** The same catalogue, each fact a chart shows carrying that chart's id. */
export function withCharts(facts: FactCatalogue): FactCatalogue {
  const charted = new Map<string, Fact>();
  for (const [name, fact] of facts.facts) {
    const chart = chartShowing(name);
    charted.set(name, chart ? { ...fact, chart } : fact);
  }
  return new FactCatalogue(charted, facts.absent, facts.capabilities);
}
