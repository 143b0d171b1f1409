// Shared fixtures for the browser tests: build content/ with the built
// sourced into a temporary directory, serve it on 127.0.0.1 with a tiny
// static server, and launch Debian's Chromium through playwright-core.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const outputDir = path.join(here, 'output');

// Skips test `t` for `reason`, printed as "SKIPPED: <reason>" on the test's
// line and counted in the run's "skipped" total. With SOURCED_REQUIRE_ALL=1
// (.ci/e2e sets it: it installs everything the tests need) a skip is a
// failure instead. Use as `return skipOrFail(t, '...')`.
export function skipOrFail(t, reason) {
  if (process.env.SOURCED_REQUIRE_ALL === '1')
    assert.fail(`SOURCED_REQUIRE_ALL=1, so this test may not be skipped; it would be: ${reason}`);
  t.skip(`SKIPPED: ${reason}`);
}

// tests/e2e/output/<name>/, emptied: a test that takes screenshots writes them
// there, so that what is in it afterwards was written by this run. The
// screenshots stay there for people to look at.
export function freshOutputDir(name) {
  const dir = path.join(outputDir, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

// Asserts that the files in `dir` whose names match `pattern` are exactly
// `names`, and that each is a PNG image.
export function assertScreenshots(dir, pattern, names) {
  const found = fs.readdirSync(dir).filter((f) => pattern.test(f)).sort();
  assert.deepEqual(found, [...names].sort(), `screenshots in ${path.relative(repoRoot, dir)}`);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (const name of names) {
    const head = fs.readFileSync(path.join(dir, name)).subarray(0, png.length);
    assert.ok(head.equals(png), `${path.relative(repoRoot, path.join(dir, name))} is not a PNG image`);
  }
}

// The Nu Html Checker (npm vnu-jar, run with the machine's Java; JAVA=
// overrides) on `files`, in one JVM. Returns its errors as
// "<file relative to root>:<line>:<column>: <message> [<extract>]". Fails
// unless the checker ran to its end: started, not killed, its JSON report on
// stderr, and the exit status that report calls for (1 with errors, else 0).
const vnuJar = path.join(path.dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
export function runVnu(files, root) {
  assert.ok(files.length > 0, 'no files to check');
  const java = process.env.JAVA || 'java';
  const run = spawnSync(java, ['-jar', vnuJar, '--errors-only', '--format', 'json', ...files],
                        { encoding: 'utf8', timeout: 180000, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.error, undefined, `could not run the Nu Html Checker (${java} -jar ${vnuJar}): ${run.error}`);
  assert.equal(run.signal, null, `the Nu Html Checker was killed by ${run.signal}`);
  const said = `exit status ${run.status}; stderr: ${run.stderr.slice(0, 1000) || '(empty)'}; stdout: ${run.stdout.slice(0, 1000) || '(empty)'}`;
  let report;
  try {
    report = JSON.parse(run.stderr);
  } catch (e) {
    assert.fail(`the Nu Html Checker wrote no JSON report (${e.message}); ${said}`);
  }
  assert.ok(typeof report?.version === 'string' && Array.isArray(report.messages), `not a Nu Html Checker report; ${said}`);
  const errors = report.messages.filter((m) => m.type === 'error' || m.subType === 'fatal')
    .map((m) => `${m.url ? path.relative(root, fileURLToPath(m.url)) : '?'}:` +
                `${m.lastLine ?? '?'}:${m.firstColumn ?? '?'}: ${m.message}` +
                (m.extract ? ` [${m.extract.replace(/\s+/g, ' ').trim().slice(0, 80)}]` : ''));
  assert.equal(run.status, errors.length > 0 ? 1 : 0, `the Nu Html Checker's exit status does not match its report (${errors.length} errors); ${said}`);
  return errors;
}

export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                             '--disable-component-update', '--no-first-run'];

// Builds the site once per process; returns its directory.
let builtSite = null;
export function buildSite() {
  if (builtSite) return builtSite;
  const sourced = process.env.SOURCED || path.join(repoRoot, 'build', 'sourced');
  const content = process.env.SOURCED_CONTENT || path.join(repoRoot, 'content');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sourced-e2e-'));
  const out = path.join(tmp, 'site');
  execFileSync(sourced, ['build', '--content', content, '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  builtSite = out;
  return out;
}

// Every file under dir, as '/'-separated paths relative to it, sorted.
export function listFiles(dir, suffix = '') {
  const found = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (full.endsWith(suffix)) found.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return found.sort();
}

export const htmlPages = (site) => listFiles(site, '.html');

const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
                '.svg': 'image/svg+xml', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
                '.json': 'application/json', '.png': 'image/png' };

// A static server for `root` on 127.0.0.1 and a free port. Unknown paths get
// 404.html (if the site has one) with status 404, as a web host would.
export async function serve(root) {
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      const notFound = path.join(root, '404.html');
      res.writeHead(404, { 'content-type': types['.html'] });
      res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}/`;
  return { base, close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }) };
}

export const fileBase = (site) => pathToFileURL(site).href + '/';

export async function launch() {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, timeout: 30000 });
}

// Opens `url` and records what went wrong while loading it: console errors,
// uncaught exceptions, failed requests and HTTP errors.
export async function openPage(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(url, { waitUntil: 'load', timeout: 20000 });
  return { page, problems };
}

// Runs fn(item, index) for each item, at most `limit` at a time; the results
// in the order of items.
export async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// A short, stable description of an element for failure messages.
export async function describe(locator) {
  return locator.evaluate((el) => {
    const id = el.id || el.closest('[id]')?.id;
    const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50);
    return `<${el.tagName.toLowerCase()}${id ? ` #${id}` : ''}> "${text}"`;
  });
}
