// Times in a service's data (build/data/service.ts): ISO 8601 (a date, or a date and time; no
// zone means UTC) or Unix seconds, from 1970 to 2100, as ms since the epoch. A ratings or plays
// file holds one per row, so the shapes exports write are read by arithmetic (plainUtcTime) and
// only the rest goes through the regex and Date.

const TIMES = { min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) } as const;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** ms since epoch from ISO 8601 or Unix seconds; null when `raw` is neither. */
/** Unix seconds (milliseconds in the fraction) as ms since epoch, or null outside 1970–2100. */
export function unixSeconds(seconds: number): number | null {
  const ms = Math.round(seconds * 1000);
  return ms >= TIMES.min && ms < TIMES.max ? ms : null;
}

export function parseTime(raw: string): number | null {
  const text = raw.trim();
  const fast = plainUtcTime(text);
  if (fast !== undefined) return fast;
  if (/^\d{1,10}(?:\.\d+)?$/.test(text)) return unixSeconds(Number(text));
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const check = new Date(base);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  let ms = base + (frac ? Math.round(Number(`0${frac}`) * 1000) : 0);
  if (zone !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    ms -= (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) * 60_000;
  }
  return ms >= TIMES.min && ms < TIMES.max ? ms : null;
}

/** Digit value of the char code at `i`, or -1. */
function digitAt(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Two digits at `i` as a number, or -1. */
function twoDigits(text: string, i: number): number {
  const a = digitAt(text, i);
  const b = digitAt(text, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * parseTime for the shapes exports write 10⁷ times (`2025-06-01`, `2025-06-01T20:15[:00[.250]][Z]`,
 * a space for the T), by arithmetic instead of a regex and two Dates: a fifth of the load of a
 * timestamped ratings file went there. Anything else (a zone offset, a year before 1000, spaces)
 * is `undefined`, for the general path; the fast path returns what that path would.
 */
function plainUtcTime(text: string): number | null | undefined {
  const n = text.length;
  if (n < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const y1 = twoDigits(text, 0);
  const y2 = twoDigits(text, 2);
  const mo = twoDigits(text, 5);
  const d = twoDigits(text, 8);
  if (y1 < 10 || y2 < 0 || mo < 0 || d < 0) return undefined;
  let h = 0;
  let mi = 0;
  let s = 0;
  let fracMs = 0;
  let i = 10;
  if (n > 10) {
    const sep = text.charCodeAt(10);
    if ((sep !== 84 && sep !== 32) || n < 16 || text.charCodeAt(13) !== 58) return undefined;
    h = twoDigits(text, 11);
    mi = twoDigits(text, 14);
    if (h < 0 || mi < 0) return undefined;
    i = 16;
    if (i < n && text.charCodeAt(i) === 58) {
      s = twoDigits(text, i + 1);
      if (s < 0) return undefined;
      i += 3;
      if (i < n && text.charCodeAt(i) === 46) {
        let j = i + 1;
        while (j < n && digitAt(text, j) >= 0) j++;
        const digits = j - i - 1;
        if (digits < 1 || digits > 9) return undefined;
        // three digits are the milliseconds exactly; other lengths round as the general path does
        fracMs = digits === 3 ? digitAt(text, i + 1) * 100 + digitAt(text, i + 2) * 10 + digitAt(text, i + 3) : Math.round(Number(`0${text.slice(i, j)}`) * 1000);
        i = j;
      }
    }
    if (i === n - 1 && text.charCodeAt(i) === 90) i++;
    if (i !== n) return undefined;
  }
  const y = y1 * 100 + y2;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (mo < 1 || mo > 12 || d < 1 || d > (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]) || h > 23 || mi > 59 || s > 59) return null;
  const ms = daysFromCivil(y, mo, d) * 86_400_000 + ((h * 60 + mi) * 60 + s) * 1000 + fracMs;
  return ms >= TIMES.min && ms < TIMES.max ? ms : null;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
