// Validity: every generated HTML file passes the Nu Html Checker (vnu-jar from
// npm, run with the machine's Java) with zero errors. One JVM for all files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { buildSite, htmlPages } from './support.mjs';

const require = createRequire(import.meta.url);
const vnuJar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');

test('every generated HTML file passes the Nu Html Checker', () => {
  const site = buildSite();
  const files = htmlPages(site).map((p) => path.join(site, p));
  assert.ok(files.length >= 5, `expected the built site to have pages, found ${files.length}`);
  const run = spawnSync(process.env.JAVA || 'java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...files],
                        { encoding: 'utf8', timeout: 120000, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.error, undefined, `could not run vnu: ${run.error}`);
  const report = JSON.parse(run.stderr || run.stdout || '{"messages":[]}');
  const errors = report.messages.filter((m) => m.type === 'error' || m.subType === 'fatal')
    .map((m) => `${path.relative(site, new URL(m.url).pathname)}:${m.lastLine ?? '?'}:${m.firstColumn ?? '?'}: ${m.message}` +
                (m.extract ? ` [${m.extract.replace(/\s+/g, ' ').trim().slice(0, 80)}]` : ''));
  assert.deepEqual(errors, []);
  assert.equal(run.status, 0, `vnu exited with ${run.status}`);
});
