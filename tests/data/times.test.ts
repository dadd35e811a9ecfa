// build/data/times.ts: the arithmetic fast path of parseTime against a slow twin (the regex and
// Date alone, as parseTime read every time before), on seeded random and malformed strings.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import seedrandom from 'seedrandom';
import { parseTime } from '../../build/data/times.ts';

const TIMES = { min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) };
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

function slowParseTime(raw: string): number | null {
  const text = raw.trim();
  if (/^\d{1,10}(?:\.\d+)?$/.test(text)) {
    const ms = Math.round(Number(text) * 1000);
    return ms >= TIMES.min && ms < TIMES.max ? ms : null;
  }
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

test('every millisecond of a second, as exports write it', () => {
  for (let i = 0; i < 1000; i++) {
    const s = `2025-06-15T06:38:30.${String(i).padStart(3, '0')}Z`;
    assert.is(parseTime(s), slowParseTime(s), s);
  }
});

test('seeded random dates, times, fractions, zones and damage give what the slow twin gives', () => {
  const random = seedrandom('times');
  const pick = (n: number) => Math.floor(random() * n);
  const two = (n: number) => String(pick(n)).padStart(2, '0');
  const tails = ['', '.', ':', '-', 'T', ' ', 'Z', 'z', '+01:00', '-0530', ' Z', '.5', '.123456789', '.1234567890', '.4605', '  '];
  const years = ['1969', '1970', '2000', '2024', '2025', '2099', '2100', '1900', '2400', '1000', '0999', '0070', '9999'];
  for (let k = 0; k < 50_000; k++) {
    let s = `${years[pick(years.length)]}-${two(14)}-${two(33)}`;
    if (pick(4) > 0) s += `${['T', ' ', 't', 'TT'][pick(4)]}${two(26)}:${two(61)}`;
    if (pick(2) > 0) s += `:${two(61)}`;
    if (pick(2) > 0) s += `.${String(pick(10 ** (1 + pick(9)))).padStart(pick(11), '0')}`;
    if (pick(3) === 0) s += tails[pick(tails.length)];
    if (pick(20) === 0) s = s.slice(0, pick(s.length + 1));
    if (pick(30) === 0) s = s.slice(0, pick(s.length)) + tails[pick(tails.length)] + s.slice(pick(s.length));
    assert.is(parseTime(s), slowParseTime(s), JSON.stringify(s));
  }
});

test.run();
