// templates/assets/userMeta.ts: the users index's summary line, shared by the page and its script.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readMetaAttribute, userMetaText, metaAttribute } from '../../templates/assets/userMeta.ts';

test('plan and region only when the data has them; counts grouped; titles watched on watch history', () => {
  const u = { plan: 'Basic', region: null, ratings: 1204 };
  assert.is(userMetaText(u, { plans: true, regions: true, watched: false }), 'Basic · no region · 1,204 ratings');
  assert.is(userMetaText(u, { plans: false, regions: false, watched: false }), '1,204 ratings', 'MovieLens: no "no plan · no region" on every row');
  assert.is(userMetaText({ ...u, ratings: 1 }, { plans: true, regions: false, watched: true }), 'Basic · 1 title watched');
  assert.is(userMetaText({ ...u, ratings: 23 }, { plans: false, regions: false, watched: true }), '23 titles watched');
});

test('the options travel on the form as JSON; anything unreadable falls back to showing everything', () => {
  const o = { plans: false, regions: true, watched: true };
  assert.equal(readMetaAttribute(metaAttribute(o)), o);
  assert.equal(readMetaAttribute(undefined), { plans: true, regions: true, watched: false });
  assert.equal(readMetaAttribute('{'), { plans: true, regions: true, watched: false });
});

test.run();
