import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildMatrix, buildModel, entry, genreAffinityRows, ratingMatrixRows, similarityRows, contentSimilarityRows, matrixDownloads } from '../../build/model/index.ts';
import { dataset, tiny, title } from '../fixtures/model/dataset.ts';

test('CSR and CSC hold the same entries, rows sorted by title and columns by user', () => {
  const m = buildModel(tiny()).matrix;
  assert.is(m.colIdx.length, 9);
  for (let u = 0; u < m.nUsers; u++) {
    for (let p = m.rowPtr[u] + 1; p < m.rowPtr[u + 1]; p++) assert.ok(m.colIdx[p - 1] < m.colIdx[p]);
  }
  for (let t = 0; t < m.nTitles; t++) {
    for (let p = m.colPtr[t]; p < m.colPtr[t + 1]; p++) {
      assert.is(entry(m, m.rowIdx[p], t), m.colVal[p]);
      assert.is(m.colIdx[m.cscToCsr[p]], t);
    }
  }
});

test('a repeated (user, title) keeps the last value', () => {
  const m = buildMatrix(1, 2, Int32Array.from([0, 0, 0]), Int32Array.from([1, 0, 1]), Float32Array.from([2, 3, 5]));
  assert.is(m.colIdx.length, 2);
  assert.is(entry(m, 0, 1), 5);
  assert.is(entry(m, 0, 0), 3);
});

test('index maps: users in dataset order, titles in catalogue order, genres sorted', () => {
  const m = buildModel(tiny());
  assert.equal(m.userIds, ['u1', 'u2', 'u3', 'u4']);
  assert.equal(m.titleIds, ['A', 'B', 'C', 'D', 'E']);
  assert.equal(m.genres, ['Comedy', 'Crime', 'Drama']);
  assert.is(m.userPos.get('u3'), 2);
});

test('a rating of a title missing from the catalogue is an error', () => {
  const ds = dataset([title('A', 'Alpha', ['Drama'])], [['u1', 'Z', 3]]);
  assert.throws(() => buildModel(ds), /unknown title "Z"/);
});

test('genre affinity: rating-weighted shares, multi-genre titles split evenly, summing to 1', () => {
  const m = buildModel(tiny());
  const u1 = m.userPos.get('u1')!;
  const g = (name: string) => m.genrePos.get(name)!;
  // u1: A (Drama) 5, B (Drama+Crime) 4 → Drama 5+2, Crime 2, of 9
  assert.ok(Math.abs(m.genreAffinity(u1, g('Drama')) - 7 / 9) < 1e-12);
  assert.ok(Math.abs(m.genreAffinity(u1, g('Crime')) - 2 / 9) < 1e-12);
  assert.is(m.genreAffinity(u1, g('Comedy')), 0);
  for (let u = 0; u < m.userIds.length; u++) {
    const sum = m.genres.reduce((s, _, gi) => s + m.genreAffinity(u, gi), 0);
    assert.ok(Math.abs(sum - 1) < 1e-12);
  }
});

test('content similarity: shared genre and words score higher; self is 1; symmetric', () => {
  const m = buildModel(tiny());
  const p = (id: string) => m.titlePos.get(id)!;
  assert.ok(Math.abs(m.contentSimilarity(p('A'), p('A')) - 1) < 1e-6);
  assert.ok(m.contentSimilarity(p('C'), p('E')) > m.contentSimilarity(p('C'), p('A')));
  assert.ok(m.contentSimilarity(p('A'), p('B')) > m.contentSimilarity(p('A'), p('D')));
  assert.ok(Math.abs(m.contentSimilarity(p('B'), p('D')) - m.contentSimilarity(p('D'), p('B'))) < 1e-9);
  const nb = m.content.neighbours;
  const eNeighbours = Array.from(nb.idx.subarray(nb.ptr[p('E')], nb.ptr[p('E') + 1])).map((t) => m.titleIds[t]);
  assert.is(eNeighbours[0], 'C', 'an unrated title still has content neighbours');
});

test('CSV rows: ratings, bounded similarity pairs, non-zero affinities', () => {
  const m = buildModel(tiny());
  assert.is(ratingMatrixRows(m).length, 9);
  assert.equal(ratingMatrixRows(m)[0], { user_id: 'u1', title_id: 'A', rating: 5 });
  const square = similarityRows(m, ['A', 'B']);
  assert.equal(
    square.map((r) => [r.title_a, r.title_b]),
    [['A', 'A'], ['A', 'B'], ['B', 'A'], ['B', 'B']],
  );
  assert.is(square[0].similarity, 1);
  const top = similarityRows(m);
  assert.ok(top.every((r) => r.title_a !== r.title_b && r.similarity > 0));
  assert.ok(contentSimilarityRows(m).length <= 5 * 4);
  assert.ok(genreAffinityRows(m).every((r) => r.affinity > 0));
  const files = matrixDownloads(m);
  assert.equal([...files.keys()], ['data/item-similarity.csv', 'data/content-similarity.csv', 'data/genre-affinity.csv']);
  assert.ok(files.get('data/genre-affinity.csv')!.startsWith('user_id,genre,affinity\n'));
});

test.run();
