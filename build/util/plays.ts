// The plays (viewing sessions) of a dataset as columns, as ratings are (ratings.ts): per play a
// user and a title (indexes into two id dictionaries), the device (an index into DEVICES), the
// start and the minutes watched — 25 bytes a play instead of an object of about 90 bytes and a
// pointer. Code that reads a few plays can take them as `Session` objects (`at`, iteration);
// code that reads them all reads the columns.
import { DEVICES, type Device, type Session } from '../types.ts';
import { countPer, widened } from './buckets.ts';
import { IdDictionary } from './ratings.ts';

const DEVICE_INDEX = new Map<string, number>(DEVICES.map((d, i) => [d, i]));

export class Plays implements Iterable<Session> {
  readonly length: number;

  /**
   * @param userIds  the user dictionary `user` indexes (it may hold users with no play)
   * @param titleIds the title dictionary `title` indexes
   * @param device   index into DEVICES
   * @param start    ms since epoch (UTC)
   */
  constructor(
    readonly userIds: readonly string[],
    readonly titleIds: readonly string[],
    readonly user: Int32Array,
    readonly title: Int32Array,
    readonly device: Uint8Array,
    readonly start: Float64Array,
    readonly minutes: Float64Array,
  ) {
    this.length = user.length;
    for (const column of [title, device, start, minutes]) if (column.length !== this.length) throw new Error('Plays: columns of different lengths');
  }

  static readonly empty = new Plays([], [], new Int32Array(0), new Int32Array(0), new Uint8Array(0), new Float64Array(0), new Float64Array(0));

  /** Columns from session objects (the tests' way in). */
  static of(list: Iterable<Session>): Plays {
    const b = new PlaysBuilder();
    for (const s of list) b.push(s.userId, s.titleId, s.device, s.start, s.minutes);
    return b.finish();
  }

  userId(i: number): string {
    return this.userIds[this.user[i]];
  }

  titleId(i: number): string {
    return this.titleIds[this.title[i]];
  }

  deviceName(i: number): Device {
    return DEVICES[this.device[i]];
  }

  /** Play i as an object (for code that reads a few). */
  at(i: number): Session {
    return { userId: this.userIds[this.user[i]], titleId: this.titleIds[this.title[i]], device: DEVICES[this.device[i]], start: this.start[i], minutes: this.minutes[i] };
  }

  *[Symbol.iterator](): Iterator<Session> {
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

  /** Plays per title id, for the titles with any, in order of first play (as a Map filled row by row would be). */
  countsByTitleId(): Map<string, number> {
    return countsInFirstOrder(this.title, this.titleIds, this.countByTitle());
  }

  /** Plays per user id, for the users with any, in order of first play. */
  countsByUserId(): Map<string, number> {
    return countsInFirstOrder(this.user, this.userIds, this.countByUser());
  }

  /** Total minutes watched. */
  totalMinutes(): number {
    let sum = 0;
    for (let i = 0; i < this.length; i++) sum += this.minutes[i];
    return sum;
  }

  /** Earliest and latest start (NaN for no plays), without spreading a data-sized array. */
  startRange(): { first: number; last: number } {
    let first = Infinity;
    let last = -Infinity;
    for (let i = 0; i < this.length; i++) {
      const t = this.start[i];
      if (t < first) first = t;
      if (t > last) last = t;
    }
    return this.length === 0 ? { first: NaN, last: NaN } : { first, last };
  }
}

function countsInFirstOrder(index: Int32Array, ids: readonly string[], counts: Int32Array): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < index.length; i++) {
    const k = index[i];
    if (counts[k] > 0) {
      out.set(ids[k], counts[k]);
      counts[k] = 0; // seen: later rows of the same key add nothing
    }
  }
  return out;
}

/** Appends plays into growing columns; `finish` trims them into `Plays`. */
export class PlaysBuilder {
  readonly users: IdDictionary;
  readonly titles: IdDictionary;
  length = 0;
  user: Int32Array;
  title: Int32Array;
  device: Uint8Array;
  start: Float64Array;
  minutes: Float64Array;

  constructor(capacity = 1 << 12, dictionaries?: { users: IdDictionary; titles: IdDictionary }) {
    this.users = dictionaries?.users ?? new IdDictionary();
    this.titles = dictionaries?.titles ?? new IdDictionary();
    const size = Math.max(16, capacity);
    this.user = new Int32Array(size);
    this.title = new Int32Array(size);
    this.device = new Uint8Array(size);
    this.start = new Float64Array(size);
    this.minutes = new Float64Array(size);
  }

  push(userId: string, titleId: string, device: Device, start: number, minutes: number): void {
    this.pushIndexes(this.users.intern(userId), this.titles.intern(titleId), deviceIndex(device), start, minutes);
  }

  pushIndexes(user: number, title: number, device: number, start: number, minutes: number): void {
    if (this.length === this.user.length) this.grow();
    const i = this.length++;
    this.user[i] = user;
    this.title[i] = title;
    this.device[i] = device;
    this.start[i] = start;
    this.minutes[i] = minutes;
  }

  private grow(): void {
    // 1.5× rather than 2×, as for ratings: at 10⁸ plays doubling would briefly hold three copies
    const size = Math.ceil(this.user.length * 1.5);
    this.user = widened(this.user, size);
    this.title = widened(this.title, size);
    this.device = widened(this.device, size);
    this.start = widened(this.start, size);
    this.minutes = widened(this.minutes, size);
  }

  finish(): Plays {
    const n = this.length;
    return new Plays(this.users.names, this.titles.names, this.user.slice(0, n), this.title.slice(0, n), this.device.slice(0, n), this.start.slice(0, n), this.minutes.slice(0, n));
  }
}

/** A device's index in DEVICES (the caller has checked the name). */
export function deviceIndex(device: Device): number {
  const i = DEVICE_INDEX.get(device);
  if (i === undefined) throw new Error(`deviceIndex: not a device: ${device}`);
  return i;
}
