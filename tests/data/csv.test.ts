import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvReader, invalidUtf8Offset, normaliseField, type CsvRecord } from '../../build/data/csv.ts';
import { InputError } from '../../build/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'csv-test-'));
let n = 0;
function file(content: string | Uint8Array): string {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, content);
  return path;
}

async function read(content: string | Uint8Array): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of new CsvReader(file(content)).records()) out.push(r);
  return out;
}

async function failure(content: string | Uint8Array, limits = {}): Promise<InputError> {
  const path = file(content);
  try {
    for await (const _ of new CsvReader(path, limits).records()) {
      // read to the end
    }
  } catch (err) {
    assert.instance(err, InputError);
    assert.ok((err as Error).message.startsWith(path), (err as Error).message);
    assert.not.match((err as Error).message, '\n');
    return err as InputError;
  }
  throw new Error('expected an InputError');
}

test('plain records with physical line numbers; final line break optional', async () => {
  assert.equal(await read('a,b\n1,2\n3,4'), [
    { fields: ['a', 'b'], line: 1 },
    { fields: ['1', '2'], line: 2 },
    { fields: ['3', '4'], line: 3 },
  ]);
  assert.equal(await read('a,b\n'), [{ fields: ['a', 'b'], line: 1 }]);
});

test('quoted commas, escaped quotes, quoted line breaks (line numbers stay physical)', async () => {
  const records = await read('id,text\n1,"x, y"\n2,"say ""hi"""\n3,"two\nlines"\n4,after\n');
  assert.equal(records.map((r) => r.fields[1]), ['text', 'x, y', 'say "hi"', 'two lines', 'after']); // the line break normalised
  assert.equal(records.map((r) => r.line), [1, 2, 3, 4, 6]);
});

test('CRLF line ends, including inside and after quoted fields', async () => {
  const records = await read('a,b\r\n"1","x\r\ny"\r\n2,\r\n');
  assert.equal(records, [
    { fields: ['a', 'b'], line: 1 },
    { fields: ['1', 'x y'], line: 2 }, // a quoted CRLF is data, normalised to one space
    { fields: ['2', ''], line: 4 },
  ]);
});

/**
 * The normalisation rule written out one character at a time: the slow, obviously-right twin
 * of normaliseField and of the reader's chunk-gated fast path.
 */
function oracle(value: string): string {
  const BREAK = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0x2028, 0x2029]);
  const BIDI = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);
  const removed = (c: number) => c <= 0x1f || (c >= 0x7f && c <= 0x9f) || BIDI.has(c) || (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) === 0xfffe;
  let out = '';
  let pendingSpace = false;
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (BREAK.has(c)) {
      pendingSpace = true;
      out = out.replace(/[ \t]+$/, '');
      continue;
    }
    if (removed(c)) continue;
    if (pendingSpace && ch === ' ') continue;
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += ch;
  }
  return pendingSpace ? out + ' ' : out;
}

const HOSTILE = ['\u0001', '\u001b', '\ufffe', '\uffff', '\u0000', '\r', '\n', '\r\n', '\t', '\v', '\f', '\u0085', '\u2028', '\u2029', '\u007f', '\u009b', '\u202e', '\u2066', '\u200f', '\u061c', '\ufdd0', '\u{1fffe}', '\u{10ffff}'];

test('control characters, line separators, bidi controls and noncharacters are normalised in every field', async () => {
  const records = await read(
    'id,genres,title\n' +
      '1,Drama\r\r![a](/etc/hostname)|Comedy,"Two\r\nLines"\n' +
      '2,"\u202eevil\u202c",\u001b[2Jclear\u0001ed\u0000\n' +
      '3,a\u2028b\u2029c\u0085d,e\ufffef\u{1fffe}\n' +
      '4,plain,"tab\there  and\r\n  there"\n',
  );
  assert.equal(records.map((r) => r.fields), [
    ['id', 'genres', 'title'],
    ['1', 'Drama ![a](/etc/hostname)|Comedy', 'Two Lines'],
    ['2', 'evil', '[2Jcleared'],
    ['3', 'a b c d', 'ef'],
    ['4', 'plain', 'tab here  and there'], // ordinary spaces are the loaders' business
  ]);
  assert.equal(records.map((r) => r.line), [1, 2, 4, 5, 6], 'a bare CR is not a line end; a quoted CRLF still counts as one');
});

test('normaliseField counts what it changed; a clean field is returned as it is', () => {
  assert.equal(normaliseField('Drama\r\r![a](/etc/hostname)'), { value: 'Drama ![a](/etc/hostname)', changed: 2 });
  assert.equal(normaliseField('\u202e\u001b[0m x \r\n y'), { value: '[0m x y', changed: 4 });
  assert.equal(normaliseField('Amélie (2001) 😀 עברית'), { value: 'Amélie (2001) 😀 עברית', changed: 0 });
});

test('the reader agrees with the one-character-at-a-time oracle on random hostile fields, across chunk boundaries', async () => {
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  const pieces = [...HOSTILE, 'a', 'b', ' ', '  ', 'é', '😀', 'ש', ',', '""', 'x'.repeat(3000)];
  const fields: string[] = [];
  for (let i = 0; i < 800; i++) fields.push(Array.from({ length: 1 + rnd(12) }, () => pieces[rnd(pieces.length)]).join(''));
  const text = 'a,b\n' + fields.map((f, i) => `${i},"${f}"`).join('\n') + '\n';
  assert.ok(text.length > 3 * 65536, 'spans several chunks');
  const reader = new CsvReader(file(text));
  const got: string[] = [];
  for await (const r of reader.records()) if (r.fields[0] !== 'a') got.push(r.fields[1]);
  const want = fields.map((f) => oracle(f.replace(/""/g, '"')));
  assert.is(got.length, want.length);
  for (let i = 0; i < want.length; i++) assert.is(got[i], want[i], `record ${i}: ${JSON.stringify(fields[i].slice(0, 80))}`);
  const changed = fields.reduce((n, f) => n + normaliseField(f.replace(/""/g, '"')).changed, 0);
  assert.ok(changed > 0);
  assert.is(reader.normalised, changed, 'every changed character counted');
});

test('a control character early in a field that ends in a later, clean chunk is still normalised', async () => {
  // The first chunk holds the \u0001; the field ends in a chunk with nothing to normalise.
  const long = 'y'.repeat(70_000);
  const records = await read(`a,b\n1,"x\u0001${long}"\n2,\r${long}\n`);
  assert.is(records[1].fields[1], `x${long}`);
  assert.is(records[2].fields[1], ` ${long}`, 'a bare CR right at the start of an unquoted field');
  // A bare CR as the last character of a chunk, its field going on in the next.
  const edge = `a\n${'z'.repeat(65536 - 3)}\rq\n`;
  assert.is((await read(edge))[1].fields[0], `${'z'.repeat(65536 - 3)} q`);
});

test('a file with CR-only line ends is refused on line 1 with that diagnosis', async () => {
  const err = await failure('userId,movieId,rating,timestamp\r1,1,5.0,964982703\r1,2,5.0,964982703\r');
  assert.is(err.line, 1);
  assert.match(err.message, /:1: the file uses CR-only line ends \(old Mac format\); save it with LF or CRLF line ends$/);
  assert.match((await failure('"a","b"\r"1","2"\r')).message, ':1: the file uses CR-only line ends');
  // A CRLF file and a one-line file ending in CR are fine.
  assert.is((await read('a,b\r\n1,2\r\n')).length, 2);
  assert.equal((await read('a,b\r')).map((r) => r.fields), [['a', 'b']]);
});

test('BOM is stripped; blank lines skipped; empty fields kept', async () => {
  const records = await read('\uFEFFa,b\n\n,\n"",x\n');
  assert.equal(records, [
    { fields: ['a', 'b'], line: 1 },
    { fields: ['', ''], line: 3 },
    { fields: ['', 'x'], line: 4 },
  ]);
});

test('records split across chunk boundaries, multi-byte characters too', async () => {
  // 70k characters of 'é' (2 bytes each) forces several 64 KiB chunks to split a character.
  const long = 'é'.repeat(70_000);
  const records = await read(`a,b\n"${long}",x\n${long},"q""${long}"\n`);
  assert.is(records.length, 3);
  assert.is(records[1].fields[0], long);
  assert.is(records[2].fields[1], `q"${long}`);
  assert.is(records[2].line, 3);
});

test('size and SHA-256 are those of the bytes read', async () => {
  const content = 'a,b\n1,2\n';
  const reader = new CsvReader(file(content));
  for await (const _ of reader.records()) {
    // consume
  }
  assert.equal(reader.file().bytes, 8);
  assert.is(reader.file().sha256, createHash('sha256').update(content).digest('hex'));
});

test('invalid UTF-8 names its line', async () => {
  const bytes = Buffer.concat([Buffer.from('a,b\n1,2\n3,'), Buffer.from([0xff, 0x41]), Buffer.from('\n')]);
  const err = await failure(bytes);
  assert.is(err.line, 3);
  assert.match(err.message, ':3: invalid UTF-8');
  // A truncated sequence at the very end of the file.
  assert.is((await failure(Buffer.concat([Buffer.from('a\nb\n'), Buffer.from([0xe2, 0x82])]))).line, 3);
});

test('invalidUtf8Offset finds overlongs, surrogates and stray continuation bytes', () => {
  assert.is(invalidUtf8Offset(Buffer.from('héllo €')), -1);
  assert.is(invalidUtf8Offset(Uint8Array.from([0x41, 0xc0, 0x80])), 1); // overlong NUL
  assert.is(invalidUtf8Offset(Uint8Array.from([0xed, 0xa0, 0x80])), 0); // surrogate
  assert.is(invalidUtf8Offset(Uint8Array.from([0x41, 0x80])), 1);
  assert.is(invalidUtf8Offset(Uint8Array.from([0xf4, 0x90, 0x80, 0x80])), 0); // above U+10FFFF
});

test('malformed quoting is an error on the right line', async () => {
  assert.match((await failure('a,b\n1,x"y\n')).message, ':2: field 2: a quote inside an unquoted field');
  assert.match((await failure('a,b\n1,"x"y\n')).message, ':2: field 2: expected a comma or line end after the closing quote');
  const unterminated = await failure('a,b\n1,2\n3,"never closed\n4,5\n');
  assert.is(unterminated.line, 3);
  assert.match(unterminated.message, 'quoted field never closed');
});

test('a record above the length limit is refused (bounded memory on an unterminated quote)', async () => {
  const err = await failure(`a\n"${'x'.repeat(5000)}`, { maxRecordChars: 1000 });
  assert.is(err.line, 2);
  assert.match(err.message, 'record longer than 1000 characters');
});

test('empty, directory, missing and oversized files are refused before parsing', async () => {
  assert.match((await failure('')).message, ':1: the file is empty');
  const big = await failure('a,b\n1,2\n', { maxBytes: 4 });
  assert.match(big.message, 'file is 8 bytes, above the 4 bytes limit');
  for (const [path, words] of [
    [dir, 'is a directory, expected a CSV file'],
    [join(dir, 'missing.csv'), 'cannot read file (ENOENT: no such file)'],
  ]) {
    try {
      for await (const _ of new CsvReader(path).records()) {
        // unreachable
      }
      assert.unreachable();
    } catch (err) {
      assert.instance(err, InputError);
      assert.is((err as Error).message, `${path}: ${words}`);
    }
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
