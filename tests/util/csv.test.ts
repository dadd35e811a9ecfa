import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { csvCell, csvParts, toCsv } from '../../build/util/csv.ts';

test('quotes commas, quotes and newlines (RFC 4180)', () => {
  assert.is(csvCell('a,b'), '"a,b"');
  assert.is(csvCell('say "hi"'), '"say ""hi"""');
  assert.is(csvCell('two\nlines'), '"two\nlines"');
  assert.is(csvCell('plain'), 'plain');
});

test('quotes cells with white space at either end, so a reader does not trim it away', () => {
  assert.is(csvCell(' lead'), '" lead"');
  assert.is(csvCell('trail\u00a0'), '"trail\u00a0"');
  assert.is(csvCell('in side'), 'in side');
  assert.is(csvCell(''), '');
});

test('neutralises spreadsheet formulas in strings but keeps our numbers numeric', () => {
  for (const f of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)']) assert.ok(csvCell(f).replace(/^"/, '').startsWith("'"), f);
  assert.is(csvCell(-0.5), '-0.5');
  assert.is(csvCell(NaN), '');
});

test('neutralises a formula after any ; , tab or line break a spreadsheet may split on, and quotes the cell', () => {
  // Issue 15: a sheet that splits on ";" would run the second part of this title.
  assert.is(csvCell("Fun;=cmd|' /C calc'!A0"), `"'Fun;=cmd|' /C calc'!A0"`);
  for (const f of ['a,=1+1', 'a;+1', 'a;-1', 'a;@SUM(A1)', 'a\t=1', 'a\r=1', 'a\n=1', 'a;\t=1', 'a;\rx', '\tlead', '\rlead']) {
    const out = csvCell(f);
    assert.ok(out.startsWith(`"'`) && out.endsWith('"'), `${JSON.stringify(f)} → ${JSON.stringify(out)}`);
  }
  assert.is(csvCell('=x"y'), `"'=x""y"`, 'inner quotes still doubled');
  // Not formulas: the sign is not right after a separator.
  for (const plain of ['Spider-Man', 'Mission: Impossible - Fallout', 'a; b', 'x=1', 'Rock & Roll']) assert.is(csvCell(plain), plain);
});

test('toCsv writes the header and one line per row', () => {
  const out = toCsv([{ a: 1, b: 'x,y' }], [
    { name: 'a', value: (r) => r.a },
    { name: 'b', value: (r) => r.b },
  ]);
  assert.is(out, 'a,b\n1,"x,y"\n');
});

test('csvParts: parts of about the size asked for that join to toCsv; remembered cells are the same cells', () => {
  const rows = Array.from({ length: 500 }, (_, i) => ({ id: ['u1', '=u2', 'u 3 '][i % 3], n: i / 7 }));
  const columns = [
    { name: 'id', value: (r: (typeof rows)[number]) => r.id },
    { name: 'n', value: (r: (typeof rows)[number]) => r.n },
  ];
  const whole = toCsv(rows, columns);
  const parts = Array.from(csvParts(rows, columns, 100));
  assert.ok(parts.length > 10 && parts.slice(0, -1).every((p) => p.length >= 100 && p.length < 150), 'parts of about 100 characters');
  assert.is(parts.join(''), whole);
  assert.is(Array.from(csvParts(rows, columns.map((c) => ({ ...c, repeats: true })), 100)).join(''), whole);
  assert.equal(Array.from(csvParts([], columns)), ['id,n\n'], 'no rows: the header alone');
});

test.run();
