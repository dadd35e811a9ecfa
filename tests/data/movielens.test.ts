import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileURLToPath } from 'node:url';
import { displayTitle, loadMovieLens, NO_GENRES } from '../../build/data/movielens.ts';

const fixtures = fileURLToPath(new URL('../fixtures/data/ml-latest-small/', import.meta.url));
let loaded: ReturnType<typeof loadMovieLens> | undefined;
const load = (): ReturnType<typeof loadMovieLens> => (loaded ??= loadMovieLens(`${fixtures}ratings.csv`, `${fixtures}movies.csv`));

test('every movie and rating of the excerpt is loaded, ids as raw strings', async () => {
  const dataset = await load();
  assert.is(dataset.titles.length, 28);
  assert.is(dataset.ratings.length, 28);
  assert.equal(dataset.users.map((u) => u.id), ['1', '2', '15', '17', '299', '7']);
  assert.ok(dataset.users.every((u) => u.plan === null && u.region === null));
  assert.equal(dataset.ratings.at(0), { userId: '1', titleId: '31', value: 2.5, timestamp: 1260759144000 });
});

test('quoted commas and non-ASCII titles; year from the trailing (1995)', async () => {
  const dataset = await load();
  const byId = new Map(dataset.titles.map((t) => [t.id, t]));
  // the trailing article is put back in front for readers
  assert.is(byId.get('11')!.name, 'The American President (1995)');
  assert.is(byId.get('29')!.name, 'The City of Lost Children (La Cité des enfants perdus) (1995)');
  assert.equal(byId.get('29')!.genres, ['Adventure', 'Drama', 'Fantasy', 'Mystery', 'Sci-Fi']);
  assert.is(byId.get('1029')!.year, 1941);
  assert.is(byId.get('83829')!.year, 1964);
});

test('"(no genres listed)" is kept as the one genre and counted', async () => {
  const dataset = await load();
  const scorpio = dataset.titles.find((t) => t.id === '83829')!;
  assert.equal(scorpio.genres, [NO_GENRES]);
  assert.is(dataset.counts.get('titles without genres'), 1);
  assert.ok(dataset.notes.some((n) => n.includes(NO_GENRES)));
});

test('half-star scale, no sessions or truth, plain notes, hashed source files', async () => {
  const dataset = await load();
  assert.equal(dataset.ratingScale, { min: 0.5, max: 5, step: 0.5 });
  assert.ok(dataset.ratings.value.includes(2.5) && dataset.ratings.value.includes(4.5));
  assert.is(dataset.sessions, null);
  assert.is(dataset.truth, null);
  assert.match(dataset.notes[0], /no viewing sessions, devices/);
  assert.is(dataset.source.kind, 'movielens');
  assert.equal(dataset.source.files.map((f) => f.path), [`${fixtures}ratings.csv`, `${fixtures}movies.csv`]);
  for (const f of dataset.source.files) assert.match(f.sha256, /^[0-9a-f]{64}$/);
  assert.is(dataset.counts.get('duplicate ratings replaced'), 0);
});

test('"Name, The (Year)" is shown as "The Name (Year)"; other titles are unchanged', () => {
  assert.is(displayTitle('Shawshank Redemption, The (1994)'), 'The Shawshank Redemption (1994)');
  // alternate titles too, as readers would write them
  assert.is(displayTitle('City of Lost Children, The (Cité des enfants perdus, La) (1995)'), 'The City of Lost Children (La Cité des enfants perdus) (1995)');
  assert.is(displayTitle('Das Boot (Boat, The) (1981)'), 'Das Boot (The Boat) (1981)');
  assert.is(displayTitle("Golden Age, The (Âge d'Or, L') (1930)"), "The Golden Age (L'Âge d'Or) (1930)");
  assert.is(displayTitle('Legend of the Red Dragon (a.k.a. New Legend of Shaolin, The) (1994)'), 'Legend of the Red Dragon (a.k.a. The New Legend of Shaolin) (1994)');
  assert.is(displayTitle("Homme et une femme, Un (1966)"), "Homme et une femme, Un (1966)"); // not a listed article
  assert.is(displayTitle("Armée des ombres, L' (1969)"), "L'Armée des ombres (1969)");
  assert.is(displayTitle('Star Wars: Episode IV - A New Hope (1977)'), 'Star Wars: Episode IV - A New Hope (1977)');
});

test.run();
