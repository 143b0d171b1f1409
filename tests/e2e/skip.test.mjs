// skipOrFail (support.mjs): a skip is printed as "SKIPPED: <reason>" and
// counted, and with SOURCED_REQUIRE_ALL=1 it is a failure.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'skips.mjs');

// The fixture's run with SOURCED_REQUIRE_ALL set to `requireAll` (undefined: unset).
function runFixture(requireAll) {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;  // set by the outer runner; the inner one must report on its own
  delete env.SOURCED_REQUIRE_ALL;
  if (requireAll !== undefined) env.SOURCED_REQUIRE_ALL = requireAll;
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', fixture], { encoding: 'utf8', env, timeout: 60000 });
  assert.equal(run.error, undefined, `could not run node --test: ${run.error}`);
  const count = (what) => Number(run.stdout.match(new RegExp(`^\\S* ?${what} (\\d+)$`, 'm'))?.[1]);
  return { status: run.status, out: run.stdout + run.stderr, pass: count('pass'), fail: count('fail'), skipped: count('skipped') };
}

test('without SOURCED_REQUIRE_ALL a skip is printed with its reason and counted', () => {
  const run = runFixture(undefined);
  assert.equal(run.status, 0, run.out);
  assert.deepEqual([run.pass, run.fail, run.skipped], [0, 0, 1], run.out);
  assert.match(run.out, /SKIPPED: the tool it needs is not installed/);
});

test('with SOURCED_REQUIRE_ALL=1 a skip is a failure', () => {
  const run = runFixture('1');
  assert.equal(run.status, 1, run.out);
  assert.deepEqual([run.pass, run.fail, run.skipped], [0, 1, 0], run.out);
  assert.match(run.out, /SOURCED_REQUIRE_ALL=1, so this test may not be skipped; it would be: the tool it needs is not installed/);
});
