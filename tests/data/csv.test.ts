import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvReader, invalidUtf8Offset, type CsvRecord } from '../../build/data/csv.ts';
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
  assert.equal(records.map((r) => r.fields[1]), ['text', 'x, y', 'say "hi"', 'two\nlines', 'after']);
  assert.equal(records.map((r) => r.line), [1, 2, 3, 4, 6]);
});

test('CRLF line ends, including inside and after quoted fields', async () => {
  const records = await read('a,b\r\n"1","x\r\ny"\r\n2,\r\n');
  assert.equal(records, [
    { fields: ['a', 'b'], line: 1 },
    { fields: ['1', 'x\r\ny'], line: 2 },
    { fields: ['2', ''], line: 4 },
  ]);
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

test.run();
