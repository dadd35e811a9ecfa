import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { slugify, baseSlug } from '../../build/site/slug.ts';

const SAFE = /^[a-z0-9_-]+$/;

test('plain ids keep their own slug', () => {
  const s = slugify(['101', '102', 'user_7']);
  assert.equal([...s.values()], ['101', '102', 'user_7']);
});

test('hostile ids become safe, unique slugs', () => {
  const ids = ['../../x', '..', '.', '', 'CON', 'con', 'nul', 'Ωmega', 'ωmega', 'a/b', 'a\\b', 'a b', 'A', 'a', '<script>', '\u202eevil', 'x\u200b'];
  const s = slugify(ids);
  assert.is(s.size, ids.length);
  assert.is(new Set(s.values()).size, ids.length, 'unique');
  for (const [id, slug] of s) {
    assert.match(slug, SAFE, `${JSON.stringify(id)} → ${slug}`);
    assert.not.match(slug, /^(con|prn|aux|nul|com\d|lpt\d)$/i);
  }
  assert.is(s.get('a'), 'a');
  assert.ok(s.get('A') !== 'a');
});

test('no user is slugged "index": that page is the users index itself', () => {
  const s = slugify(['index', 'INDEX', '101']);
  for (const id of ['index', 'INDEX']) assert.not.match(s.get(id)!, /^index$/i, id);
  assert.is(s.get('101'), '101');
});

test('deterministic: same ids, same slugs; order of first appearance does not matter for plain ids', () => {
  assert.equal(slugify(['x y', '../z']), slugify(['x y', '../z']));
  assert.is(baseSlug('Crème Brûlée!'), 'creme-brulee');
});

test.run();
