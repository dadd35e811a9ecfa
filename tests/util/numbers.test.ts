// build/util/numbers.ts: minOf/maxOf, the stack-safe Math.min(...xs)/Math.max(...xs) (issue 14), and printedGap.
// The oracle is the spread form itself, on arrays small enough for it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatPoints, formatShare, maxOf, minOf, printedGap } from '../../build/util/numbers.ts';

const same = (a: number, b: number) => Object.is(a, b);

test('minOf/maxOf equal Math.min/Math.max over the same values, edge cases included', () => {
  const cases: number[][] = [[], [3], [2, -1, 7], [0, -0], [-0, 0], [1, NaN, 2], [Infinity, -Infinity], [-5, -5]];
  for (const xs of cases) {
    assert.ok(same(minOf(xs), Math.min(...xs)), `minOf(${xs})`);
    assert.ok(same(maxOf(xs), Math.max(...xs)), `maxOf(${xs})`);
    assert.ok(same(minOf(xs, 1), Math.min(1, ...xs)), `minOf(${xs}, 1)`);
    assert.ok(same(maxOf(xs, 4), Math.max(4, ...xs)), `maxOf(${xs}, 4)`);
  }
});

test('any iterable, and far more values than a call can take as arguments', () => {
  assert.is(maxOf(new Set([1, 9, 4])), 9);
  const big = Float64Array.from({ length: 2_000_000 }, (_, i) => (i * 7919) % 1_000_003);
  assert.throws(() => Math.max(...big), /call stack/);
  assert.is(minOf(big), 0);
  assert.is(maxOf(big), 1_000_002);
});



test('printedGap: the gap of two shares as their printed whole percentages give it', () => {
  assert.is(printedGap(0.084, 0.056), 0.02, '8% and 6%: 2 points, not the 3 that 2.8 rounds to');
  assert.is(printedGap(0.056, 0.084), -0.02);
  assert.is(printedGap(0.3, 0.3), 0);
  assert.is(formatPoints(printedGap(0.084, 0.056)), '2 percentage points');
  // a share under 1% prints with a decimal, and so does the gap read off it
  assert.is(printedGap(0.02, 0.0043), 0.016);
  assert.is(formatPoints(printedGap(0.02, 0.0043)), '1.6 percentage points');
});

test('formatShare: whole percentages, except where rounding would overstate or hide the figure', () => {
  assert.is(formatShare(0.34), '34%');
  assert.is(formatShare(0.0053), '0.5%', 'a coverage of half a percent is not "1%"');
  assert.is(formatShare(0.0002), '<0.1%', 'something is not "0%"');
  assert.is(formatShare(0), '0%');
  assert.is(formatShare(0.996), '99.6%', 'not "100%" unless it is all');
  assert.is(formatShare(0.99996), '>99.9%');
  assert.is(formatShare(1), '100%');
  assert.is(formatShare(0.012), '1%');
});

test.run();
