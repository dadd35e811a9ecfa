// The ratings of a dataset as columns: per rating a user and a title (indexes into two id
// dictionaries), the value and the time. At 10⁸ ratings an object per rating (about 80 bytes and
// a pointer, and a garbage collector walking them all) cannot fit; these columns take 24 bytes a
// rating. Code that reads a few ratings can still take them as `Rating` objects (`at`, iteration),
// made on the way out; code that reads them all reads the columns.
import type { Rating } from '../types.ts';
import { bucketBy, countPer, widened } from './buckets.ts';

/** An id dictionary that grows: `intern` gives an id its index, the same one every time. */
export class IdDictionary {
  /** Position → id, in order of first appearance. */
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(ids: Iterable<string> = []) {
    for (const id of ids) this.intern(id);
  }

  intern(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.names.length;
      this.index.set(id, i);
      this.names.push(id);
    }
    return i;
  }

  /** The index of an id, or -1. */
  get(id: string): number {
    return this.index.get(id) ?? -1;
  }
}

export class Ratings implements Iterable<Rating> {
  readonly length: number;

  /**
   * @param userIds  the user dictionary `user` indexes (it may hold users with no rating)
   * @param titleIds the title dictionary `title` indexes
   * @param time     ms since epoch (UTC), NaN where the input has none
   */
  constructor(
    readonly userIds: readonly string[],
    readonly titleIds: readonly string[],
    readonly user: Int32Array,
    readonly title: Int32Array,
    readonly value: Float64Array,
    readonly time: Float64Array,
  ) {
    this.length = user.length;
    if (title.length !== this.length || value.length !== this.length || time.length !== this.length) throw new Error('Ratings: columns of different lengths');
  }

  static readonly empty = new Ratings([], [], new Int32Array(0), new Int32Array(0), new Float64Array(0), new Float64Array(0));

  /** Columns from rating objects (the simulation's and the tests' way in). */
  static of(list: Iterable<Rating>): Ratings {
    const b = new RatingsBuilder();
    for (const r of list) b.push(r.userId, r.titleId, r.value, r.timestamp ?? NaN);
    return b.finish();
  }

  userId(i: number): string {
    return this.userIds[this.user[i]];
  }

  titleId(i: number): string {
    return this.titleIds[this.title[i]];
  }

  /** Rating i as an object (for code that reads a few). */
  at(i: number): Rating {
    const t = this.time[i];
    return { userId: this.userIds[this.user[i]], titleId: this.titleIds[this.title[i]], value: this.value[i], timestamp: Number.isNaN(t) ? null : t };
  }

  *[Symbol.iterator](): Iterator<Rating> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  /** Count per dictionary title (index = position in `titleIds`). */
  countByTitle(): Int32Array {
    return countPer(this.title, this.titleIds.length);
  }

  /** Count per dictionary user (index = position in `userIds`). */
  countByUser(): Int32Array {
    return countPer(this.user, this.userIds.length);
  }

  /** Ratings per title id, for the titles with any (in dictionary order). */
  countsByTitleId(): Map<string, number> {
    return countsOf(this.titleIds, this.countByTitle());
  }

  /** Ratings per user id, for the users with any (in dictionary order). */
  countsByUserId(): Map<string, number> {
    return countsOf(this.userIds, this.countByUser());
  }

  /** These ratings followed by `more`'s, in one pair of dictionaries. */
  concat(more: Ratings): Ratings {
    const b = new RatingsBuilder(this.length + more.length);
    for (const id of this.userIds) b.users.intern(id);
    for (const id of this.titleIds) b.titles.intern(id);
    for (const part of [this, more]) {
      const userMap = Int32Array.from(part.userIds, (id) => b.users.intern(id));
      const titleMap = Int32Array.from(part.titleIds, (id) => b.titles.intern(id));
      for (let i = 0; i < part.length; i++) b.pushIndexes(userMap[part.user[i]], titleMap[part.title[i]], part.value[i], part.time[i]);
    }
    return b.finish();
  }
}

function countsOf(ids: readonly string[], counts: Int32Array): Map<string, number> {
  const out = new Map<string, number>();
  counts.forEach((n, i) => {
    if (n > 0) out.set(ids[i], n);
  });
  return out;
}

/** Appends ratings into growing columns; `finish` trims them into a `Ratings`. */
export class RatingsBuilder {
  readonly users: IdDictionary;
  readonly titles: IdDictionary;
  length = 0;
  user: Int32Array;
  title: Int32Array;
  value: Float64Array;
  time: Float64Array;

  constructor(capacity = 1 << 12, dictionaries?: { users: IdDictionary; titles: IdDictionary }) {
    this.users = dictionaries?.users ?? new IdDictionary();
    this.titles = dictionaries?.titles ?? new IdDictionary();
    const size = Math.max(16, capacity);
    this.user = new Int32Array(size);
    this.title = new Int32Array(size);
    this.value = new Float64Array(size);
    this.time = new Float64Array(size);
  }

  push(userId: string, titleId: string, value: number, time: number): void {
    this.pushIndexes(this.users.intern(userId), this.titles.intern(titleId), value, time);
  }

  pushIndexes(user: number, title: number, value: number, time: number): void {
    if (this.length === this.user.length) this.grow();
    const i = this.length++;
    this.user[i] = user;
    this.title[i] = title;
    this.value[i] = value;
    this.time[i] = time;
  }

  private grow(): void {
    // 1.5× rather than 2×: at 10⁸ ratings doubling would briefly hold three copies' worth
    const size = Math.ceil(this.user.length * 1.5);
    this.user = widened(this.user, size);
    this.title = widened(this.title, size);
    this.value = widened(this.value, size);
    this.time = widened(this.time, size);
  }

  /**
   * A user's repeated rating of a title: the first row keeps its place and takes the later
   * rating's value and time — by file order, or ('by time') by timestamp when both rows have one
   * (else by file order); the later row is dropped. Rows are visited user by user in file order
   * (a counting sort), each user's titles stamped, so no map per user is needed. Returns the
   * number of rows dropped.
   */
  replaceRepeats(rule: 'by file order' | 'by time'): number {
    const { user: users, title: titles, value: values, time: times, length: n } = this;
    const userCount = this.users.names.length;
    const { start, order: byUser } = bucketBy(users.subarray(0, n), userCount);
    const stamp = new Int32Array(this.titles.names.length).fill(-1);
    const first = new Int32Array(this.titles.names.length);
    let replaced = 0;
    for (let u = 0; u < userCount; u++) {
      for (let k = start[u]; k < start[u + 1]; k++) {
        const i = byUser[k];
        const t = titles[i];
        if (stamp[t] !== u) {
          stamp[t] = u;
          first[t] = i;
          continue;
        }
        const f = first[t];
        if (rule === 'by file order' || Number.isNaN(times[f]) || Number.isNaN(times[i]) || times[i] >= times[f]) {
          values[f] = values[i];
          times[f] = times[i];
        }
        users[i] = -1;
        replaced++;
      }
    }
    if (replaced === 0) return 0;
    // compact: the dropped rows leave, the rest keep their order
    let kept = 0;
    for (let i = 0; i < n; i++) {
      if (users[i] < 0) continue;
      users[kept] = users[i];
      titles[kept] = titles[i];
      values[kept] = values[i];
      times[kept] = times[i];
      kept++;
    }
    this.length = kept;
    return replaced;
  }

  finish(): Ratings {
    const n = this.length;
    return new Ratings(this.users.names, this.titles.names, this.user.slice(0, n), this.title.slice(0, n), this.value.slice(0, n), this.time.slice(0, n));
  }
}
