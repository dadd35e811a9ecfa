// A user's one-line summary in the users index ("Basic · India · 1,204 ratings"), written the same
// way by the page (templates/usersIndex.ts) and by the script that renders search results
// (usersIndex.ts). A plan or region the data does not have is left out rather than shown as "no
// plan" on every row, and on watch history the count is of titles watched, not ratings.
// It imports nothing, so Vite can bundle it.

export interface MetaOptions {
  /** The data has plans / regions at all. */
  plans: boolean;
  regions: boolean;
  /** The counts are of titles watched (ratings inferred from plays), not ratings. */
  watched: boolean;
}

/** 1234 → "1,234", as the site writes counts. */
function grouped(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function userMetaText(u: { plan: string | null; region: string | null; ratings: number }, o: MetaOptions): string {
  const parts: string[] = [];
  if (o.plans) parts.push(u.plan ?? 'no plan');
  if (o.regions) parts.push(u.region ?? 'no region');
  const n = u.ratings;
  parts.push(o.watched ? `${grouped(n)} title${n === 1 ? '' : 's'} watched` : `${grouped(n)} rating${n === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/** The options as the index page states them on its form (data-meta), for the script. */
export function metaAttribute(o: MetaOptions): string {
  return JSON.stringify(o);
}

export function readMetaAttribute(value: string | undefined): MetaOptions {
  try {
    const o = JSON.parse(value ?? '') as Partial<MetaOptions>;
    return { plans: o.plans !== false, regions: o.regions !== false, watched: o.watched === true };
  } catch {
    return { plans: true, regions: true, watched: false };
  }
}
