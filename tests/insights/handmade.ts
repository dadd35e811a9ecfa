// Small data sets built by hand for the insights tests, and a direct (unoptimised) ModelView
// over them, so these tests depend only on build/types.ts and not on the other stages.
import type { Dataset, ModelView, Recommendation, Session, Title, User, Rating } from '../../build/types.ts';
import { buildFacts } from '../../build/insights/facts.ts';
import type { FactCatalogue } from '../../build/insights/catalogue.ts';
import { Plays } from '../../build/util/plays.ts';
import { Ratings } from '../../build/util/ratings.ts';

export function title(id: string, name: string, genres: string[]): Title {
  return { id, name, genres, year: 2020, durationMin: 50, kind: 'TV Show', description: '', tags: [] };
}

const DAY = 86_400_000;
const START = Date.UTC(2025, 5, 1);

/**
 * 4 titles (Crime ×2, Drama, Comedy), 3 users (Basic/India, Premium/USA, Premium/India).
 * Viewing: Crime 6 of 10 sessions, Drama 3, Comedy 1; TV 5, Mobile 4, Tablet 1.
 */
export function smallDataset(overrides: { genres?: Partial<Record<string, string[]>>; sessions?: Session[] | null; users?: User[] } = {}): Dataset {
  const g = (id: string, d: string[]) => overrides.genres?.[id] ?? d;
  const titles = [title('1', 'Narcos', g('1', ['Crime'])), title('2', 'Ozark', g('2', ['Crime'])), title('3', 'The Crown', g('3', ['Drama'])), title('4', 'Sex Education', g('4', ['Comedy']))];
  const users: User[] = overrides.users ?? [
    { id: 'u1', plan: 'Basic', region: 'India' },
    { id: 'u2', plan: 'Premium', region: 'USA' },
    { id: 'u3', plan: 'Premium', region: 'India' },
  ];
  const r = (userId: string, titleId: string, value: number): Rating => ({ userId, titleId, value, timestamp: null });
  const ratings = [r('u1', '1', 5), r('u1', '2', 4), r('u1', '3', 2), r('u2', '1', 4), r('u2', '3', 5), r('u2', '4', 3), r('u3', '2', 3), r('u3', '3', 4)];
  const s = (userId: string, titleId: string, device: Session['device'], day: number): Session => ({ userId, titleId, device, start: START + day * DAY, minutes: 30 });
  const sessions: Session[] = [
    s('u1', '1', 'Mobile', 0), s('u1', '2', 'Mobile', 1), s('u1', '1', 'Mobile', 2), s('u1', '2', 'TV', 3),
    s('u2', '1', 'TV', 4), s('u2', '3', 'TV', 5), s('u2', '4', 'TV', 6),
    s('u3', '2', 'TV', 7), s('u3', '3', 'Tablet', 8), s('u3', '3', 'Mobile', 9),
  ];
  return {
    source: { kind: 'simulation', seed: 1, files: [], description: 'hand-made test data' },
    titles,
    users,
    ratings: Ratings.of(ratings),
    sessions: overrides.sessions === undefined ? Plays.of(sessions) : overrides.sessions && Plays.of(overrides.sessions),
    truth: null,
    ratingScale: { min: 1, max: 5, step: 1 },
    notes: [],
    counts: new Map(),
  };
}

/** A ModelView computed directly from the definitions in build/types.ts. */
export function directModel(ds: Dataset): ModelView {
  const userIds = ds.users.map((u) => u.id);
  const titleIds = ds.titles.map((t) => t.id);
  const genres = [...new Set(ds.titles.flatMap((t) => t.genres))].sort();
  const value = new Map([...ds.ratings].map((r) => [`${r.userId}|${r.titleId}`, r.value]));
  const col = (t: number) => userIds.map((u) => value.get(`${u}|${titleIds[t]}`) ?? 0);
  const cos = (a: number[], b: number[]) => {
    const dot = a.reduce((s, x, i) => s + x * b[i], 0);
    const n = Math.hypot(...a) * Math.hypot(...b);
    return n > 0 ? dot / n : 0;
  };
  const itemSimilarity = (a: number, b: number) => cos(col(a), col(b));
  return {
    userIds,
    titleIds,
    genres,
    userPos: new Map(userIds.map((u, i) => [u, i])),
    titlePos: new Map(titleIds.map((t, i) => [t, i])),
    itemSimilarity,
    contentSimilarity: () => 0,
    neighbours: (t) =>
      titleIds
        .map((_, pos) => ({ pos, sim: itemSimilarity(t, pos) }))
        .filter((n) => n.pos !== t && n.sim > 0)
        .sort((a, b) => b.sim - a.sim || a.pos - b.pos),
    genreAffinity: (u, g) => {
      const own = [...ds.ratings].filter((r) => r.userId === userIds[u]);
      const total = own.reduce((s, r) => s + r.value, 0);
      const inGenre = own.filter((r) => ds.titles.find((t) => t.id === r.titleId)!.genres.includes(genres[g])).reduce((s, r) => s + r.value, 0);
      return total > 0 ? inGenre / total : 0;
    },
  };
}

export function rec(titleId: string, rank: number, source: Recommendation['source'] = 'collaborative'): Recommendation {
  return { titleId, rank, score: 1 / rank, source, reasons: [], explanation: '' };
}

/**
 * u1 (top genres Crime, Drama) gets a Comedy: no match; u2 (Crime, Comedy, Drama) gets Ozark:
 * a match; u3 (Crime, Drama) gets the popularity fallback, Narcos and a Comedy: 1 of 2.
 */
export function smallRecommendations(): Map<string, Recommendation[]> {
  return new Map([
    ['u1', [rec('4', 1)]],
    ['u2', [rec('2', 1)]],
    ['u3', [rec('1', 1, 'popular'), rec('4', 2, 'popular')]],
  ]);
}

export function smallFacts(ds: Dataset = smallDataset()): FactCatalogue {
  return buildFacts({ dataset: ds, model: directModel(ds), recommendations: smallRecommendations(), evaluation: null });
}
