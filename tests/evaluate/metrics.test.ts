import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { catalogueCoverage, genreMatchAtK, hitRateAtK, ndcgAtK, precisionAtK, recallAtK, topGenresByCount } from '../../build/evaluate/index.ts';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≉ ${b}`);
const recs = ['a', 'b', 'c', 'd', 'e'];
const rel = new Set(['b', 'e', 'z']);

test('precision and recall at K', () => {
  close(precisionAtK(recs, rel, 5), 2 / 5);
  close(precisionAtK(recs, rel, 2), 1 / 2);
  close(precisionAtK(['b'], rel, 5), 1 / 5); // a short list still divides by K
  close(recallAtK(recs, rel, 5), 2 / 3);
  close(recallAtK(recs, rel, 1), 0);
});

test('NDCG: binary gain, log2 discount, ideal over min(|rel|, K)', () => {
  // hits at ranks 2 and 5: 1/log2(3) + 1/log2(6); ideal: 3 hits at ranks 1..3
  const dcg = 1 / Math.log2(3) + 1 / Math.log2(6);
  const idcg = 1 + 1 / Math.log2(3) + 1 / Math.log2(4);
  close(ndcgAtK(recs, rel, 5), dcg / idcg);
  // K = 2: hit at rank 2 only; ideal over min(3, 2) = 2
  close(ndcgAtK(recs, rel, 2), 1 / Math.log2(3) / (1 + 1 / Math.log2(3)));
  close(ndcgAtK(['b', 'e', 'z'], rel, 3), 1);
  close(ndcgAtK(recs, new Set(), 5), 0);
});

test('hit rate, coverage', () => {
  assert.is(hitRateAtK(recs, rel, 1), 0);
  assert.is(hitRateAtK(recs, rel, 2), 1);
  close(catalogueCoverage([['a', 'b'], ['b', 'c']], 10), 3 / 10);
});

test('top genres by count of rated titles, ties by name; genre match share', () => {
  const genres = new Map([
    ['a', ['Drama']],
    ['b', ['Crime', 'Drama']],
    ['c', ['Comedy']],
    ['d', ['Action']],
    ['e', ['Comedy']],
  ]);
  const of = (id: string) => genres.get(id) ?? [];
  // Drama 2, Comedy 2, Crime 1, Action 1 → Comedy, Drama (tie by name), then Action before Crime
  assert.equal(topGenresByCount(['a', 'b', 'c', 'd', 'e'], of, 3), ['Comedy', 'Drama', 'Action']);
  close(genreMatchAtK(['a', 'c', 'd', 'x'], ['Drama'], of, 4), 1 / 4);
  close(genreMatchAtK(['a', 'c', 'd', 'x'], ['Drama', 'Comedy'], of, 2), 1);
  assert.is(genreMatchAtK([], ['Drama'], of, 5), 0);
});

test.run();
