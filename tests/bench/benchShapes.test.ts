import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NETFLIX_PRIZE, writePrizeShape } from '../../build/benchShapes.ts';
import { formatGrowth, DATA_SCALES, type ScaleResult } from '../../build/bench.ts';
import { loadService } from '../../build/data/service.ts';

const root = mkdtempSync(path.join(tmpdir(), 'shape-'));
const small = { ...NETFLIX_PRIZE, users: 300, titles: 400 };

test('the Netflix Prize shape: a valid --data input, the same on a second draw, users spread as asked', async () => {
  const a = path.join(root, 'a');
  const b = path.join(root, 'b');
  const n = await writePrizeShape(small, a, path.join(root, 'spill'));
  assert.is(await writePrizeShape(small, b, path.join(root, 'spill')), n);
  const ds = await loadService(a);
  const again = await loadService(b);
  assert.is(ds.ratings.length, n);
  assert.equal([...ds.ratings.value], [...again.ratings.value], 'same draws');
  assert.equal([...ds.ratings.title], [...again.ratings.title]);
  assert.is(ds.titles.length, 400);
  assert.is(ds.users.length, 300);
  assert.is(ds.counts.get('duplicate ratings replaced') ?? 0, 0, 'one rating per user and title');
  const perUser = [...ds.ratings.countByUser()].sort((x, y) => x - y);
  const median = perUser[perUser.length >> 1];
  assert.ok(median > 60 && median < 200, `median ratings per user ${median}`);
  assert.ok(ds.ratings.value.every((v) => v >= 1 && v <= 5 && Number.isInteger(v)));
});

test('the shape as plays: users with plans, four devices, minutes that follow the rating, no ratings (inferred from the plays)', async () => {
  const dir = path.join(root, 'plays');
  const n = await writePrizeShape({ ...small, interactions: 'plays' }, dir, path.join(root, 'spill'));
  const ds = await loadService(dir);
  assert.ok(ds.sessions);
  assert.is(ds.sessions!.length, n);
  assert.ok(ds.implicit, 'ratings inferred from the plays');
  assert.is(ds.users.length, 300);
  assert.equal([...new Set(ds.users.map((u) => u.plan))].sort(), ['Basic', 'Premium', 'Standard']);
  const devices = new Set([...ds.sessions!.device]);
  assert.is(devices.size, 4);
  const repeats = n - ds.ratings.length;
  assert.ok(repeats > 0 && repeats < n / 5, `${repeats} repeat plays of ${n}`);
  assert.ok(ds.ratings.value.some((v) => v <= 2) && ds.ratings.value.some((v) => v >= 4), 'inferred ratings spread over the scale');
});

test('growth per stage: each Prize-shaped scale beside the next, with the factor', () => {
  const result = (i: number, ms: number): ScaleResult => ({
    scale: DATA_SCALES[i],
    runs: 1,
    median: new Map([['model', ms], ['total', ms * 2]]),
    min: new Map(),
    max: new Map(),
    peakRssMB: ms / 10,
  });
  assert.is(formatGrowth([result(0, 1000)]), '', 'no Prize-shaped scale, no table');
  const table = formatGrowth([result(3, 10_000), result(2, 1000)]).split('\n');
  assert.match(table[0], /\| stage +\| +4,802 users s \| +48,019 users s \| growth 1→2 \|/);
  assert.match(table.find((l) => l.startsWith('| model'))!, /1\.00 \| +10\.00 \| +10\.0× \|/);
  assert.match(table.at(-1)!, /peak RSS MB \| +100 \| +1000 \| +10\.0× \|/);
});

test.after(() => rmSync(root, { recursive: true, force: true }));
test.run();
