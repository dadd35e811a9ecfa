// Plain-text explanations (no markup: the site escapes them on output).
import type { Model } from '../model/index.ts';
import type { Reason } from '../types.ts';
import { formatCount } from '../util/numbers.ts';
import { watchText } from '../data/implicit.ts';

const stars = (r: number) => `★${Number.isInteger(r) ? r : r.toFixed(1)}`;

function nameOf(model: Model, titleId: string): string {
  const pos = model.titlePos.get(titleId);
  return pos === undefined ? titleId : model.titles[pos].name;
}

/**
 * Below this a cosine says nothing a reader can use: "similarity 0.00" or "0.04" beside a 94%
 * match. The pick came from the model's weights (EASE, RP3beta: patterns over every viewer's
 * ratings), which a weak cosine does not measure, so such a reason names the link in words.
 */
export const SHOWN_SIMILARITY = 0.1;

/**
 * How a reason's title leads to the recommendation, the same words on the user page and in the
 * published CSV: "similarity 0.82" / "content similarity 0.35" (`short`: just "0.82", after a
 * reason that already said "similarity"), or, for a cosine below SHOWN_SIMILARITY, "linked
 * through other viewers' ratings" / "some content in common".
 */
export function reasonLink(r: Pick<Reason, 'similarity' | 'kind'>, short = false): string {
  const content = r.kind === 'content';
  if (!showsNumber(r)) return content ? 'some content in common' : "linked through other viewers' ratings";
  return `${short ? '' : content ? 'content similarity ' : 'similarity '}${r.similarity.toFixed(2)}`;
}

/** Whether a reason prints its cosine: as printed (two decimals), it is at least SHOWN_SIMILARITY. */
function showsNumber(r: Pick<Reason, 'similarity'>): boolean {
  return Math.round(r.similarity * 100) >= Math.round(SHOWN_SIMILARITY * 100);
}

/**
 * Reason i's link, with "similarity" left out when reason i - 1 of the same kind has just said
 * it. Two weak links of one kind are said once, on the second: "A ★5 and B ★5 — both linked
 * through other viewers' ratings"; the first then has none ('').
 */
export function reasonLinkAt(reasons: readonly Pick<Reason, 'similarity' | 'kind'>[], i: number): string {
  const r = reasons[i];
  const prev = reasons[i - 1];
  const next = reasons[i + 1];
  const weakPair = (a: typeof r | undefined, b: typeof r | undefined) => a !== undefined && b !== undefined && a.kind === b.kind && !showsNumber(a) && !showsNumber(b);
  if (reasons.length === 2 && weakPair(r, next)) return '';
  if (reasons.length === 2 && weakPair(prev, r)) return `both ${reasonLink(r)}`;
  return reasonLink(r, i > 0 && prev.kind === r.kind && showsNumber(prev) && showsNumber(r));
}

/**
 * "Because you rated Dark ★5 (similarity 0.82) and Ozark ★4 (0.61)"; content reasons say so; a
 * weak cosine is said in words (reasonLink). A title known from watch history (inferred ratings)
 * is cited by it: "Because you watched Dark (3 sessions, 4 h 10 min; similarity 0.82)", or "…
 * rated Dark ★5 (similarity 0.82) and watched Ozark (2 sessions, 1 h 30 min; 0.61)" with both.
 * `userId` finds the history.
 */
export function collaborativeExplanation(model: Model, reasons: Reason[], userId: string | null = null): string {
  if (reasons.length === 0) return model.watchOnly ? 'Recommended from what you watched' : 'Recommended from your ratings';
  let lastVerb = '';
  const parts = reasons.map((r, i) => {
    const simText = reasonLinkAt(reasons, i);
    const w = model.watch && userId !== null ? model.watch.get(userId, r.titleId) : undefined;
    const verb = w ? 'watched' : 'rated';
    const lead = verb === lastVerb ? '' : `${verb} `;
    lastVerb = verb;
    if (w) return `${lead}${nameOf(model, r.titleId)} (${watchText(w)}${simText === '' ? '' : `; ${simText}`})`;
    return `${lead}${nameOf(model, r.titleId)} ${stars(r.rating)}${simText === '' ? '' : ` (${simText})`}`;
  });
  return `Because you ${parts.join(' and ')}`;
}

function popularity(model: Model, t: number): string {
  const n = model.ratingCount[t];
  if (model.watchOnly) return `watched by ${formatCount(n)} user${n === 1 ? '' : 's'}`;
  return `rated by ${formatCount(n)} user${n === 1 ? '' : 's'}, mean ★${model.ratingMean[t].toFixed(1)}`;
}

/** "Most rated" is the top tenth of a genre's (or the catalogue's) titles by how many rated them. */
const MOST_RATED_SHARE = 0.1;

/** Per model: the fewest ratings a title needs to be among the most rated, per genre and overall. */
const mostRatedCuts = new WeakMap<Model, { genre: Int32Array; all: number }>();

function cutOf(counts: number[]): number {
  if (counts.length === 0) return Infinity;
  counts.sort((a, b) => b - a);
  // a title one user rated is not "among the most rated", however small the genre
  return Math.max(2, counts[Math.ceil(counts.length * MOST_RATED_SHARE) - 1]);
}

function cuts(model: Model): { genre: Int32Array; all: number } {
  let c = mostRatedCuts.get(model);
  if (c === undefined) {
    const tg = model.titleGenres;
    const byGenre: number[][] = model.genres.map(() => []);
    for (let t = 0; t < model.ratingCount.length; t++) for (let p = tg.ptr[t]; p < tg.ptr[t + 1]; p++) byGenre[tg.idx[p]].push(model.ratingCount[t]);
    c = { genre: Int32Array.from(byGenre, (counts) => Math.min(cutOf(counts), 2 ** 31 - 1)), all: cutOf(Array.from(model.ratingCount)) };
    mostRatedCuts.set(model, c);
  }
  return c;
}

/**
 * What a fallback pick is, worded so it holds at any size: "among the most rated titles in
 * Drama, a genre you liked" only when it is in the top tenth of Drama by ratings, else "a title
 * in Drama, a genre you liked"; with no liked genre, "among the most rated titles" or nothing.
 */
function fallbackLabel(model: Model, t: number, likedGenre: string | null): string | null {
  const c = cuts(model);
  const most = model.watchOnly ? 'among the most watched titles' : 'among the most rated titles';
  if (likedGenre === null) return model.ratingCount[t] >= c.all ? most : null;
  const g = model.genres.indexOf(likedGenre);
  return `${g >= 0 && model.ratingCount[t] >= c.genre[g] ? `${most} in` : 'a title in'} ${likedGenre}, a genre you liked`;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The fallback of a user with too little history: "Among the most rated titles in Drama, a genre
 * you liked: rated by 37 users, mean ★4.2", "A title in Drama, a genre you liked: rated by 1 user,
 * mean ★4.0", or just "Rated by 4 users, mean ★2.8" when the title has none of their genres.
 */
export function popularExplanation(model: Model, t: number, likedGenre: string | null = null): string {
  if (model.ratingCount[t] === 0) return `New to the catalogue: not ${model.watchOnly ? 'watched' : 'rated'} by anyone yet`;
  const label = fallbackLabel(model, t, likedGenre);
  return label === null ? capitalised(popularity(model, t)) : `${capitalised(label)}: ${popularity(model, t)}`;
}

/**
 * A pick past the titles the user's liked ratings point to, said to be one: "Exploratory pick, not
 * drawn from your ratings: among the most rated titles in Drama, a genre you liked (rated by 37
 * users, mean ★4.2)".
 */
export function exploratoryExplanation(model: Model, t: number, likedGenre: string | null): string {
  const from = model.watchOnly ? 'what you watched' : 'your ratings';
  if (model.ratingCount[t] === 0) return `Exploratory pick, not drawn from ${from}: new to the catalogue, not ${model.watchOnly ? 'watched' : 'rated'} by anyone yet`;
  const label = fallbackLabel(model, t, likedGenre);
  return `Exploratory pick, not drawn from ${from}: ${label === null ? popularity(model, t) : `${label} (${popularity(model, t)})`}`;
}
