// The watch history behind ratings inferred from plays (build/data/implicit.ts), kept as columns
// beside those ratings so explanations can cite "3 sessions, 4 h 10 min" at any size.
import { PairIndex } from './buckets.ts';

export interface Watch {
  sessions: number;
  minutes: number;
}

/**
 * The watch history behind inferred ratings, as columns: per (user, title) watched, the number
 * of plays and the minutes. Row i describes the rating i of the ratings it was made with (same
 * dictionaries). A look-up by ids is a binary search (util/buckets.ts), built on first use.
 */
export class WatchHistory {
  readonly size: number;
  private lookup: { users: Map<string, number>; titles: Map<string, number>; pairs: PairIndex } | null = null;

  constructor(
    readonly userIds: readonly string[],
    readonly titleIds: readonly string[],
    readonly user: Int32Array,
    readonly title: Int32Array,
    readonly sessions: Int32Array,
    readonly minutes: Float64Array,
  ) {
    this.size = user.length;
  }

  private row(userId: string, titleId: string): number {
    if (this.lookup === null) {
      this.lookup = {
        users: new Map(this.userIds.map((id, i) => [id, i])),
        titles: new Map(this.titleIds.map((id, i) => [id, i])),
        pairs: new PairIndex(this.user, this.title, this.userIds.length),
      };
    }
    const { users, titles, pairs } = this.lookup;
    return pairs.find(users.get(userId) ?? -1, titles.get(titleId) ?? -1);
  }

  get(userId: string, titleId: string): Watch | undefined {
    const i = this.row(userId, titleId);
    return i < 0 ? undefined : { sessions: this.sessions[i], minutes: this.minutes[i] };
  }

  has(userId: string, titleId: string): boolean {
    return this.row(userId, titleId) >= 0;
  }
}

