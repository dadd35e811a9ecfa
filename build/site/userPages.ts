// Which users get a page of their own (`--user-pages`), and the shards that let the users index
// find everyone else. Pages cost time and disk (about 1 ms and 20 KB each, README "User pages"),
// so past USER_PAGE_LIMIT users a build publishes pages for a seeded sample; the rest stay in
// data/recommendations.csv and in small JSON shards the users index fetches when searched.
//
// The sample is a bottom-k hash sample: each user's key is the SHA-256 of "<seed>:<id>", and the
// k users with the smallest keys get pages (ties, which need equal 48-bit keys, by id). For a given
// seed that is a simple random sample without replacement; it depends on nothing but the seed and
// each user's own id, so the same data gives the same pages on every machine, and adding users
// keeps the sample as it was except where a newcomer's key is smaller than a chosen user's (it
// then takes that user's place).
import { createHash } from 'node:crypto';
import { USER_PAGE_LIMIT, type UserPagesSetting } from '../config.ts';
import { InputError } from '../types.ts';
import { quoted } from '../util/quote.ts';
import { formatCount } from '../util/numbers.ts';
import type { Cohort } from './cohortFile.ts';

export interface UserPageSelection {
  /**
   * all: every user has a page. limit: more users than USER_PAGE_LIMIT, so a sample of that many.
   * sample: a sample of the size asked for. cohort: the users a file lists.
   */
  rule: 'all' | 'limit' | 'sample' | 'cohort';
  /** The users with a page. */
  withPage: Set<string>;
  /** Users in the data. */
  total: number;
  /** The seed the sample was drawn with. */
  seed: number;
  /** The limit in force (for `limit`). */
  limit: number;
  /** The cohort file as named (for `cohort`). */
  cohortFile: string | null;
}

/** A 48-bit key per id: the first 6 bytes of SHA-256("<seed>:<id>"). */
export function sampleKey(id: string, seed: number): number {
  return createHash('sha256').update(`${seed}:${id}`, 'utf8').digest().readUIntBE(0, 6);
}

/** The `size` ids with the smallest sample keys (all of them when there are no more). */
export function seededSample(ids: string[], size: number, seed: number): Set<string> {
  if (size >= ids.length) return new Set(ids);
  const keys = ids.map((id) => sampleKey(id, seed));
  const order = ids.map((_, i) => i).sort((a, b) => keys[a] - keys[b] || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  return new Set(order.slice(0, size).map((i) => ids[i]));
}

/**
 * The users with a page, for `setting` over the data's user ids. A cohort must have been read
 * (cohortFile.ts); an id it lists that is not in the data is an InputError naming its line.
 */
export function selectUserPages(
  ids: string[],
  setting: UserPagesSetting,
  seed: number,
  cohort: Cohort | null = null,
  limit = USER_PAGE_LIMIT,
): UserPageSelection {
  const base = { total: ids.length, seed, limit, cohortFile: null };
  switch (setting.kind) {
    case 'all':
      return ids.length <= limit
        ? { ...base, rule: 'all', withPage: new Set(ids) }
        : { ...base, rule: 'limit', withPage: seededSample(ids, limit, seed) };
    case 'sample':
      return setting.size >= ids.length
        ? { ...base, rule: 'all', withPage: new Set(ids) }
        : { ...base, rule: 'sample', withPage: seededSample(ids, setting.size, seed) };
    case 'cohort': {
      if (!cohort) throw new Error(`--user-pages ${setting.file}: the cohort file was not read`);
      const known = new Set(ids);
      for (const [id, line] of cohort.lines) {
        if (!known.has(id)) throw new InputError(`${cohort.file}:${line}: user ${quoted(id)} is not in the data`, { file: cohort.file, line });
      }
      return { ...base, rule: 'cohort', withPage: new Set(cohort.lines.keys()), cohortFile: cohort.file };
    }
  }
}

/** One line for the build log, and the "user pages" row of the build configuration. */
export function describeUserPages(s: UserPageSelection, cohortName = s.cohortFile): string {
  const n = formatCount(s.withPage.size);
  const of = formatCount(s.total);
  switch (s.rule) {
    case 'all':
      return `every user (${of})`;
    case 'limit':
      return `a seeded random sample of ${n} of ${of} users (more than the ${formatCount(s.limit)} that get pages by default; --user-pages N chooses another number)`;
    case 'sample':
      return `a seeded random sample of ${n} of ${of} users (--user-pages ${s.withPage.size})`;
    case 'cohort':
      return `the ${n} users listed in ${cohortName} (of ${of})`;
  }
}
