import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileURLToPath } from 'node:url';
import { loadNetflixCatalogue, loadNetflixDataset, readNetflixCatalogue } from '../../build/data/netflix.ts';
import { DEFAULT_SIMULATION } from '../../build/data/simulate.ts';
import type { Title } from '../../build/types.ts';

const path = fileURLToPath(new URL('../fixtures/data/netflix/netflix_titles.csv', import.meta.url));
let titles: Title[] = [];
let byId = new Map<string, Title>();
test.before(async () => {
  titles = await loadNetflixCatalogue(path);
  byId = new Map(titles.map((t) => [t.id, t]));
});

test('all 28 records, fields mapped', () => {
  assert.is(titles.length, 28);
  assert.equal(byId.get('s1'), {
    id: 's1',
    name: 'Dick Johnson Is Dead',
    genres: ['Documentaries'],
    year: 2020,
    durationMin: 90,
    kind: 'Movie',
    description:
      'As her father nears the end of his life, filmmaker Kirsten Johnson stages his death in inventive and comical ways to help them both face the inevitable.',
    tags: ['Kirsten Johnson', 'United States'],
  });
  const s2 = byId.get('s2')!;
  assert.equal(s2.genres, ['International TV Shows', 'TV Dramas', 'TV Mysteries']);
  assert.is(s2.durationMin, null); // "2 Seasons"
  assert.is(s2.kind, 'TV Show');
  assert.ok(s2.tags.includes('Ama Qamata') && s2.tags.includes('South Africa'));
});

test('shifted durations are recovered from the rating column', async () => {
  assert.is(byId.get('s5542')!.durationMin, 74);
  assert.is(byId.get('s5795')!.durationMin, 84);
  assert.is(byId.get('s5814')!.durationMin, 66);
  const { counts } = await readNetflixCatalogue(path);
  assert.is(counts.get('durations recovered from the rating column'), 3);
  assert.is(counts.get('titles without a maturity rating'), 4);
});

test('missing rating, padded or missing date_added, quoted line breaks, non-ASCII names', () => {
  for (const id of ['s5990', 's6828', 's7313', 's7538', 's6067', 's6080', 's6178']) assert.ok(byId.has(id), id);
  assert.is(byId.get('s8420')!.name, 'The Memphis Belle: A Story of a Flying Fortress'); // a line break inside quotes, made one line
  assert.is(byId.get('s58')!.name, 'Naruto Shippûden the Movie: Bonds');
  assert.is(byId.get('s86')!.name, 'Pokémon Master Journeys: The Series');
  assert.match(byId.get('s16')!.description, '"');
});

test('the dataset: real titles, simulated viewers, netflix source with the file hashed', async () => {
  const d = await loadNetflixDataset(path, { ...DEFAULT_SIMULATION, users: 20 });
  assert.is(d.source.kind, 'netflix');
  assert.is(d.source.files.length, 1);
  assert.match(d.source.files[0].sha256, /^[0-9a-f]{64}$/);
  assert.equal(d.titles, titles);
  assert.is(d.users.length, 20);
  assert.is(d.ratings.length, 100);
  const ids = new Set(titles.map((t) => t.id));
  assert.ok([...d.ratings].every((r) => ids.has(r.titleId)));
  assert.ok([...d.sessions!].every((s) => s.minutes <= (byId.get(s.titleId)!.durationMin ?? 45)));
  assert.ok(d.truth !== null);
  assert.equal(await loadNetflixDataset(path, { ...DEFAULT_SIMULATION, users: 20 }), d);
});

test.run();
