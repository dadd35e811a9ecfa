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
 * "Because you rated Dark ★5 (similarity 0.82) and Ozark ★4 (0.61)"; content reasons say so.
 * A title known from watch history (inferred ratings) is cited by it: "Because you watched Dark
 * (3 sessions, 4 h 10 min; similarity 0.82)", or "… rated Dark ★5 (similarity 0.82) and watched
 * Ozark (2 sessions, 1 h 30 min; 0.61)" with both. `userId` finds the history.
 */
export function collaborativeExplanation(model: Model, reasons: Reason[], userId: string | null = null): string {
  if (reasons.length === 0) return model.watchOnly ? 'Recommended from what you watched' : 'Recommended from your ratings';
  let lastVerb = '';
  const parts = reasons.map((r, i) => {
    const label = r.kind === 'content' ? 'similar content' : 'similarity';
    const sim = r.similarity.toFixed(2);
    const simText = i === 0 || r.kind !== reasons[0].kind ? `${label} ${sim}` : sim;
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
