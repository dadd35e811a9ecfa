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

/** Reason i's link, with "similarity" left out when reason i - 1 of the same kind has just said it. */
export function reasonLinkAt(reasons: readonly Pick<Reason, 'similarity' | 'kind'>[], i: number): string {
  const prev = reasons[i - 1];
  return reasonLink(reasons[i], i > 0 && prev.kind === reasons[i].kind && showsNumber(prev) && showsNumber(reasons[i]));
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
    return w ? `${lead}${nameOf(model, r.titleId)} (${watchText(w)}; ${simText})` : `${lead}${nameOf(model, r.titleId)} ${stars(r.rating)} (${simText})`;
  });
  return `Because you ${parts.join(' and ')}`;
}

function popularity(model: Model, t: number): string {
  const n = model.ratingCount[t];
  if (model.watchOnly) return `watched by ${formatCount(n)} user${n === 1 ? '' : 's'}`;
  return `rated by ${formatCount(n)} user${n === 1 ? '' : 's'}, mean ★${model.ratingMean[t].toFixed(1)}`;
}

/**
 * The fallback of a user with too little history: "Popular in Drama, a genre you liked: rated by
 * 37 users, mean ★4.2", or "Popular with viewers: …" when the title has none of their genres.
 */
export function popularExplanation(model: Model, t: number, likedGenre: string | null = null): string {
  if (model.ratingCount[t] === 0) return `New to the catalogue: not ${model.watchOnly ? 'watched' : 'rated'} by anyone yet`;
  const where = likedGenre === null ? 'Popular with viewers' : `Popular in ${likedGenre}, a genre you liked`;
  return `${where}: ${popularity(model, t)}`;
}

/**
 * A pick past the titles the user's liked ratings point to, said to be one: "Exploratory pick, not
 * drawn from your ratings: popular in Drama, a genre you liked (rated by 37 users, mean ★4.2)".
 */
export function exploratoryExplanation(model: Model, t: number, likedGenre: string | null): string {
  const from = model.watchOnly ? 'what you watched' : 'your ratings';
  if (model.ratingCount[t] === 0) return `Exploratory pick, not drawn from ${from}: new to the catalogue, not ${model.watchOnly ? 'watched' : 'rated'} by anyone yet`;
  const where = likedGenre === null ? 'popular with viewers' : `popular in ${likedGenre}, a genre you liked`;
  return `Exploratory pick, not drawn from ${from}: ${where} (${popularity(model, t)})`;
}
