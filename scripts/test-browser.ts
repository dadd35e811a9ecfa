// `npm run test:browser`: the browser tests in headless Chromium. Debian's chromium package
// provides the browser (npm cannot; `npx playwright install` cannot download here).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { CHROMIUM } from '../tests/browser/harness.ts';

if (!existsSync(CHROMIUM)) {
  process.stderr.write(
    `error: Chromium not found at ${CHROMIUM}. Install Debian's package as root: apt-get update && apt-get install -y chromium\n` +
      '(or set CHROMIUM_PATH to another Chromium binary)\n',
  );
  process.exit(1);
}
const run = spawnSync(process.execPath, ['node_modules/uvu/bin.js', '-r', 'tsx', 'tests/browser', '\\.test\\.ts$'], {
  stdio: 'inherit',
  env: { ...process.env, TZ: 'UTC', NO_COLOR: '1' },
});
process.exit(run.status ?? 1);
