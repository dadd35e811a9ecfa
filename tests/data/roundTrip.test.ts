// Issue 14's round trip: simulate → --export-data → load the export (CSV and Parquet) gives the
// same dataset and the same recommendations, so the real-data path is checked on data whose
// truth we know. tests/cli/exportData.test.ts does the same through the CLI, site to site.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simulate, DEFAULT_SIMULATION } from '../../build/data/simulate.ts';
import { loadService } from '../../build/data/service.ts';
import { exportData } from '../../build/data/exportData.ts';
import { buildModel } from '../../build/model/index.ts';
import { recommendAll } from '../../build/recommend/index.ts';
import { Ratings } from '../../build/util/ratings.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'round-trip-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const sim = simulate({ ...DEFAULT_SIMULATION, seed: 9, users: 300, titles: 150, ratingsPerUser: 12, sessionsPerUser: 8 });

test('simulate → export → load: titles, users, ratings, plays and the scale come back exactly, from CSV and from Parquet', async () => {
  await exportData(sim, dir);
  for (const format of ['csv', 'parquet']) {
    const back = await loadService(path.join(dir, format), { seed: 9 });
    assert.equal(back.titles, sim.titles, `${format}: titles`);
    assert.equal(back.users, sim.users, `${format}: users`);
    assert.equal([...back.ratings], [...sim.ratings], `${format}: ratings`);
    assert.equal([...back.sessions!], [...sim.sessions!], `${format}: plays`);
    assert.equal(back.ratingScale, sim.ratingScale, `${format}: scale`);
    const a = recommendAll(buildModel(sim), sim, { k: 10 });
    const b = recommendAll(buildModel(back), back, { k: 10 });
    assert.equal([...b], [...a], `${format}: the same recommendations, reasons and explanations`);
  }
});

test('plays alone: every watched title gets an inferred rating, and the reasons cite the watching', async () => {
  const playsOnly = { ...sim, ratings: Ratings.empty, implicit: null };
  const out = path.join(dir, 'plays');
  // An export without ratings: drop them from the dataset before writing.
  await exportData(playsOnly, out);
  const ds = await loadService(path.join(out, 'parquet'));
  assert.ok(ds.implicit);
  const pairs = new Set([...sim.sessions!].map((s) => `${s.userId}\u0000${s.titleId}`));
  assert.is(ds.ratings.length, pairs.size);
  const recs = recommendAll(buildModel(ds), ds, { k: 10 });
  const explained = [...recs.values()].flat().filter((r) => r.source === 'collaborative');
  assert.ok(explained.length > 0);
  for (const r of explained) assert.match(r.explanation, /^Because you watched .+ \(\d+\u00a0sessions?, (\d+\u00a0h(\u00a0\d+\u00a0min)?|\d+\u00a0min)(; ((content )?similarity \d\.\d\d|(both )?linked through other viewers' ratings|(both )?some content in common))?\)/, r.explanation);
});

test.run();
