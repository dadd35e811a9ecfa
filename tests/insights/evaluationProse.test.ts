// The evaluation section names a best model only when the comparison can tell models apart,
// names models by role in sentences (the registry label belongs in tables), and never calls two
// equal printed figures different. The 1,000-user simulation showed all three wrongs at once.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bindMarkdown } from '../../build/narrative/bind.ts';
import { FactCatalogue } from '../../build/insights/catalogue.ts';
import type { FactValue } from '../../build/insights/catalogue.ts';
import { contentFiles, pipelineFacts, simulated, stubCharts } from './pipeline.ts';
import { renderBound } from './markdown.ts';

const base = pipelineFacts(simulated(42));

function withValues(facts: FactCatalogue, values: Record<string, FactValue>): FactCatalogue {
  const next = new Map(facts.facts);
  for (const [name, value] of Object.entries(values)) next.set(name, { ...facts.get(name), value });
  return new FactCatalogue(next, facts.absent, facts.capabilities);
}

function evaluationText(facts: FactCatalogue): string {
  const f = contentFiles().find((c) => c.file.endsWith('50-evaluation.md'))!;
  const html = renderBound(bindMarkdown(f.body, f.file, { facts, charts: stubCharts(), drafts: false, firstLine: f.firstLine }));
  // prose only: the table keeps the labels
  return html.replace(/<table[\s\S]*?<\/table>/g, '').replace(/<[^>]+>/g, '').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
}

test('no best model after "cannot be told apart"', () => {
  const text = evaluationText(withValues(base, { 'eval.test_items': 1282, 'eval.lift.verdict': 'unclear' }));
  assert.match(text, 'the two cannot be told apart');
  assert.not.match(text, /best model|ranks held-out titles best/);
});

test('a clear verdict names the best model by role, not by its registry label', () => {
  const facts = withValues(base, { 'eval.test_items': 25095, 'eval.lift.verdict': 'better', 'eval.lift.ndcg_low': 0.7, 'eval.lift.ndcg_high': 0.9 });
  const text = evaluationText(facts);
  const named = facts.get('eval.best_model_in_prose').value as string;
  assert.match(text, `Of the ${facts.get('eval.model_count').value} models evaluated, ${named} ranks held-out titles best (highest NDCG).`);
  assert.not.match(text, 'Published:');
  if (facts.get('eval.best_model').value === facts.get('eval.default.label').value) assert.is(named, 'the published model');
});

test('equal printed genre matches are not called different', () => {
  const text = evaluationText(withValues(base, { 'eval.default.genre_match': 0.97, 'recs.genre_match': 0.97 }));
  assert.not.match(text, 'differs');
  assert.match(text, 'The published lists in the section above match at 97%, a figure counted another way');
});

test.run();
