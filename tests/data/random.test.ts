import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AliasTable, apportion, dirichlet, gamma, stream } from '../../build/data/random.ts';

test('streams: same seed and name repeat, other names differ', () => {
  const a = stream(42, 'ratings');
  const b = stream(42, 'ratings');
  const c = stream(42, 'sessions');
  const xs = [a(), a(), a()];
  assert.equal([b(), b(), b()], xs);
  assert.not.equal([c(), c(), c()], xs);
  assert.ok(xs.every((x) => x >= 0 && x < 1));
});

test('alias table draws in proportion to the weights', () => {
  const table = new AliasTable([1, 0, 3, 6]);
  const rng = stream(1, 'alias');
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < 100_000; i++) counts[table.draw(rng)]++;
  assert.is(counts[1], 0);
  assert.ok(Math.abs(counts[0] / 100_000 - 0.1) < 0.01, String(counts));
  assert.ok(Math.abs(counts[2] / 100_000 - 0.3) < 0.01, String(counts));
  assert.ok(Math.abs(counts[3] / 100_000 - 0.6) < 0.01, String(counts));
  assert.throws(() => new AliasTable([0, 0]), /positive total/);
});

test('apportion: exact total, bounds respected, proportional', () => {
  assert.equal(apportion(50, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 1, 20), new Array(10).fill(5));
  const parts = apportion(100, [1, 2, 3, 4], 0, 1000);
  assert.is(parts.reduce((a, b) => a + b, 0), 100);
  assert.equal(parts, [10, 20, 30, 40]);
  // A cap moves the excess to the others; the total is capped by n × max.
  assert.equal(apportion(10, [100, 1, 1], 1, 4), [4, 3, 3]);
  assert.equal(apportion(100, [1, 1], 1, 6), [6, 6]);
});

test('gamma has the right mean; dirichlet sums to 1', () => {
  const rng = stream(3, 'gamma');
  for (const shape of [0.3, 1, 2.5]) {
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += gamma(rng, shape);
    assert.ok(Math.abs(sum / 20_000 - shape) < 0.05 * Math.max(1, shape), `shape ${shape}: mean ${sum / 20_000}`);
  }
  const d = dirichlet(rng, [2, 2, 2, 0.3]);
  assert.ok(Math.abs(d.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  assert.ok(d.every((x) => x >= 0));
});

test.run();
