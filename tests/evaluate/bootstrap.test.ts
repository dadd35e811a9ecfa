import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bootstrapLift } from '../../build/evaluate/bootstrap.ts';

test('bootstrap: a clear lift stays above zero; the same seed gives the same interval', () => {
  const n = 400;
  const model = Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0.6 : 0.4));
  const base = Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0.3 : 0.2));
  const a = bootstrapLift(model, base, 42)!;
  assert.ok(a.low > 0.9 && a.high < 1.1, `${a.low}…${a.high}`); // every user doubles: lift ≈ 100 %
  assert.equal(bootstrapLift(model, base, 42), a);
  assert.is(a.level, 0.95);
  assert.is(a.replicates, 1000);
});

test('bootstrap: models that differ only by noise get an interval spanning zero', () => {
  // the same scores in another order: no user-level difference on average
  const n = 300;
  const base = Float64Array.from({ length: n }, (_, i) => ((i * 37) % 11) / 10);
  const model = Float64Array.from({ length: n }, (_, i) => ((i * 53 + 5) % 11) / 10);
  const r = bootstrapLift(model, base, 7)!;
  assert.ok(r.low < 0 && r.high > 0, `${r.low}…${r.high}`);
});

test('bootstrap: a baseline that never scores has no relative lift; no users, none', () => {
  assert.is(bootstrapLift(Float64Array.of(1, 0), Float64Array.of(0, 0), 1), null);
  assert.is(bootstrapLift(new Float64Array(0), new Float64Array(0), 1), null);
});

test.run();
