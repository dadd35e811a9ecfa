import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { reasonLink, reasonLinkAt } from '../../build/recommend/explain.ts';
import { buildModel } from '../../build/model/index.ts';
import { recommendAll } from '../../build/recommend/index.ts';
import { simulate } from '../../build/data/simulate.ts';

test('a reason prints its cosine only when it says something (0.10 or more as printed)', () => {
  assert.is(reasonLink({ similarity: 0.8213, kind: 'ratings' }), 'similarity 0.82');
  assert.is(reasonLink({ similarity: 0.35, kind: 'content' }), 'content similarity 0.35');
  assert.is(reasonLink({ similarity: 0.0951, kind: 'ratings' }), 'similarity 0.10');
  assert.is(reasonLink({ similarity: 0.094, kind: 'ratings' }), "linked through other viewers' ratings");
  assert.is(reasonLink({ similarity: 0, kind: 'ratings' }), "linked through other viewers' ratings");
  assert.is(reasonLink({ similarity: 0.04, kind: 'content' }), 'some content in common');
});

test('a second reason of the same kind prints just its number, but only after a printed one', () => {
  const r = (similarity: number, kind: 'ratings' | 'content' = 'ratings') => ({ similarity, kind });
  assert.is(reasonLinkAt([r(0.8), r(0.6)], 1), '0.60');
  assert.is(reasonLinkAt([r(0.8), r(0.6, 'content')], 1), 'content similarity 0.60');
  assert.is(reasonLinkAt([r(0.02), r(0.6)], 1), 'similarity 0.60');
  assert.is(reasonLinkAt([r(0.8), r(0.01)], 1), "linked through other viewers' ratings");
  // two weak links of one kind are said once, for both
  assert.is(reasonLinkAt([r(0.04), r(0.03)], 0), '');
  assert.is(reasonLinkAt([r(0.04), r(0.03)], 1), "both linked through other viewers' ratings");
  assert.is(reasonLinkAt([r(0.04), r(0.03, 'content')], 0), "linked through other viewers' ratings");
});

test('no explanation on a simulated catalogue cites a similarity that rounds to 0.0x', () => {
  const ds = simulate({ seed: 3, users: 300, titles: 120, ratingsPerUser: 12, sessionsPerUser: 0, endDate: '2025-06-30' });
  const all = recommendAll(buildModel(ds), ds, { k: 10 });
  let reasons = 0;
  for (const recs of all.values()) {
    for (const r of recs) {
      reasons += r.reasons.length;
      assert.not.match(r.explanation, /similarity 0\.0\d|\(0\.0\d\)/, r.explanation);
    }
  }
  assert.ok(reasons > 0);
});

test.run();
