// Shared fixtures for the browser tests: build content/ with the built
// sourced into a temporary directory, serve it on 127.0.0.1 with a tiny
// static server, and launch Debian's Chromium through playwright-core.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const outputDir = path.join(here, 'output');

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
