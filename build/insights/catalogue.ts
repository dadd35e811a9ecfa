// The typed catalogue of named facts that the narrative binds to. A fact the data cannot
// support (no viewing sessions in MovieLens, no evaluation run) is not silently missing: it is
// recorded as absent with the reason, so binding it says what the data lacks instead of
// "unknown fact" (STYLE.md 9, 11).
import { compareNames, nearestNames } from './factKeys.ts';

export type FactKind = 'share' | 'count' | 'number' | 'rating' | 'genre' | 'title' | 'list' | 'text';
export type FactValue = number | string | string[];

export interface Fact {
  /** snake_case, dotted for families (`genre.Drama.catalog_share`); stable across builds. */
  name: string;
  value: FactValue;
  kind: FactKind;
  /** One sentence for editors. */
  meaning: string;
  /**
   * The chart id that shows it, when one does: filled in from the chart registry by
   * build/narrative/facts.ts (the insights stage comes before the charts).
   */
  chart?: string;
}

export interface AbsentFact {
  name: string;
  kind: FactKind;
  meaning: string;
  /** Why this data set cannot support it, e.g. "the data has no viewing sessions". */
  reason: string;
}

/** Data capabilities an `{% if has … %}` can test, besides fact names. */
export const CAPABILITIES = ['sessions', 'plans', 'regions', 'evaluation', 'truth'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/**
 * Facts per genre, plan and region exist only for the values in the data: `plan.Basic.top_device`
 * is unknown in MovieLens, which has no plans. A binding to such a member is accepted when the
 * content is checked (its suffix must be one of these, so typos still fail) and only fails when
 * it is rendered — guard it with `{% if has plan.Basic.top_device %}`.
 */
export const FAMILY_SUFFIXES: Record<string, readonly string[]> = {
  genre: ['name', 'title_count', 'catalog_share', 'rating_count', 'rating_share', 'rating_mean', 'viewing_share', 'viewing_gap'],
  plan: ['name', 'user_count', 'rating_mean', 'genre_match', 'top_device', 'top_device_share', 'sessions_per_user', 'device.Mobile.share', 'device.TV.share', 'device.Desktop.share', 'device.Tablet.share'],
  region: ['name', 'user_count', 'rating_mean', 'genre_match'],
};

export class FactLookupError extends Error {
  constructor(
    message: string,
    readonly kind: 'unknown' | 'absent',
    readonly suggestions: string[],
  ) {
    super(message);
    this.name = 'FactLookupError';
  }
}

export class FactCatalogue {
  constructor(
    readonly facts: ReadonlyMap<string, Fact>,
    readonly absent: ReadonlyMap<string, AbsentFact>,
    readonly capabilities: ReadonlySet<Capability>,
  ) {}

  has(name: string): boolean {
    return this.facts.has(name);
  }

  /** Every name an editor may write (present or absent), sorted. */
  knownNames(): string[] {
    return [...this.facts.keys(), ...this.absent.keys()].sort(compareNames);
  }

  isKnown(name: string): boolean {
    return this.facts.has(name) || this.absent.has(name);
  }

  /** Known, or a well-formed member of a data-dependent family (FAMILY_SUFFIXES). */
  isPossible(name: string): boolean {
    if (this.isKnown(name)) return true;
    const m = /^([a-z]+)\.[A-Za-z0-9_]+\.(.+)$/.exec(name);
    return m !== null && (FAMILY_SUFFIXES[m[1]]?.includes(m[2]) ?? false);
  }

  /** The fact, or a FactLookupError whose message says what is wrong (without file:line). */
  get(name: string): Fact {
    const fact = this.facts.get(name);
    if (fact) return fact;
    const missing = this.absent.get(name);
    if (missing) throw new FactLookupError(`fact "${name}" is not available: ${missing.reason}`, 'absent', []);
    const suggestions = nearestNames(name, this.knownNames());
    const hint = suggestions.length ? ` — did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : ' (run `npm run facts` for the list)';
    throw new FactLookupError(`unknown fact "${name}"${hint}`, 'unknown', suggestions);
  }

  /** Sorted by name, for the `npm run facts` table and JSON. */
  list(): Fact[] {
    return [...this.facts.values()].sort((a, b) => compareNames(a.name, b.name));
  }
}

/**
 * Collects facts. Inside `lacking(reason, fn)` every fact added is recorded as absent with that
 * reason, so a family of facts is declared once and is either present or absent as a whole.
 */
export class FactBuilder {
  private readonly facts = new Map<string, Fact>();
  private readonly absent = new Map<string, AbsentFact>();
  private readonly caps = new Set<Capability>();
  private reason: string | null = null;

  capability(cap: Capability): void {
    this.caps.add(cap);
  }

  /**
   * Adds a fact. A null/NaN value (e.g. no genre has enough ratings to rank) makes it absent
   * with `ifMissing` as the reason.
   */
  add(name: string, kind: FactKind, value: FactValue | null | undefined, meaning: string, ifMissing = 'the data has too few records for it'): void {
    if (this.facts.has(name) || this.absent.has(name)) throw new Error(`fact "${name}" defined twice`);
    const missing = value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value));
    if (this.reason !== null || missing) {
      this.absent.set(name, { name, kind, meaning, reason: this.reason ?? ifMissing });
      return;
    }
    this.facts.set(name, { name, value: value as FactValue, kind, meaning });
  }

  lacking(reason: string | null, fn: () => void): void {
    const previous = this.reason;
    if (previous === null) this.reason = reason;
    try {
      fn();
    } finally {
      this.reason = previous;
    }
  }

  build(): FactCatalogue {
    return new FactCatalogue(this.facts, this.absent, this.caps);
  }
}
