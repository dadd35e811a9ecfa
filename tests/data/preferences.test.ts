import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { caseStudyTitles, caseStudyUsers } from '../../build/data/catalogue.ts';
import { CatalogueIndex, drawTruth, topGenres } from '../../build/data/preferences.ts';
import { stream } from '../../build/data/random.ts';

const titles = caseStudyTitles();
const index = new CatalogueIndex(titles, stream(1, 'popularity'));

test('catalogue index: genres sorted, every title listed under its genre', () => {
  assert.equal(index.genres, ['Animation', 'Comedy', 'Crime', 'Drama', 'Fantasy', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller']);
  const crime = [...index.byGenre[index.genrePos.get('Crime')!]].map((t) => titles[t].name);
  assert.equal(crime, ['Money Heist', 'Narcos', 'Breaking Bad', 'Ozark']);
});

test('topGenres: heaviest first, ties by genre name', () => {
  assert.equal(topGenres(new Map([['Drama', 0.2], ['Crime', 0.2], ['Anime', 0.1], ['Zombie', 0.5]]), 3), ['Zombie', 'Crime', 'Drama']);
});

test('three favourites hold 95% of each user\'s preference; genres with more titles are favoured', () => {
  const users = Array.from({ length: 2000 }, (_, i) => ({ id: String(i), plan: 'Basic', region: null }));
  const { truth } = drawTruth(stream(5, 'preferences'), users, index);
  const favoured = new Map<string, number>();
  for (const u of users) {
    const pref = truth.genrePreference.get(u.id)!;
    const top = truth.topGenres.get(u.id)!;
    const mass = top.reduce((s, g) => s + pref.get(g)!, 0);
    assert.ok(mass > 0.9, `top-3 mass ${mass}`);
    for (const g of top) favoured.set(g, (favoured.get(g) ?? 0) + 1);
  }
  // Crime has 4 titles, Animation 1.
  assert.ok(favoured.get('Crime')! > 5 * (favoured.get('Animation') ?? 0));
});

test('device habits: Basic leans to Mobile, Premium to TV', () => {
  const users = caseStudyUsers();
  const { truth } = drawTruth(stream(9, 'preferences'), [...users, ...users.map((u) => ({ ...u, id: `x${u.id}` }))], index);
  let basicMobile = 0, premiumTv = 0, basicTv = 0, premiumMobile = 0;
  for (const [id, habit] of truth.deviceHabit) {
    const plan = users.find((u) => u.id === id.replace('x', ''))!.plan;
    if (plan === 'Basic') (basicMobile += habit.get('Mobile')!), (basicTv += habit.get('TV')!);
    if (plan === 'Premium') (premiumTv += habit.get('TV')!), (premiumMobile += habit.get('Mobile')!);
  }
  assert.ok(basicMobile > basicTv);
  assert.ok(premiumTv > premiumMobile);
});

test.run();
