// `sourced serve` in a real browser: a figure edited in a copy of the
// registry, and a paragraph added to a page, show up on the open page
// without a manual reload (Server-Sent Events), each rebuilt on its fast
// path (docs/serve.md); a broken registry shows the error overlay, which
// goes away when the registry is fixed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launch, repoRoot } from './support.mjs';

let tmp, server, base, browser, output = '';
const content = () => path.join(tmp, 'content');
const registryPath = () => path.join(content(), 'registry.json');

// Resolves with the server's URL once it prints "serving http://...".
function startServe() {
  const sourced = process.env.SOURCED || path.join(repoRoot, 'build', 'sourced');
  server = spawn(sourced, ['serve', '--port', '0', '--content', content(),
                           '--templates', path.join(repoRoot, 'templates'), '--assets', path.join(repoRoot, 'assets')],
                 { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const seen = (chunk) => {
      output += chunk;
      const match = output.match(/serving (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (match) resolve(match[1]);
    };
    server.stdout.on('data', seen);
    server.stderr.on('data', (chunk) => { output += chunk; });
    server.on('exit', (code) => reject(new Error(`sourced serve exited (${code}):\n${output}`)));
  });
}

// The first registry figure and the first page that uses it (by its slug).
function figureAndPage() {
  const registry = JSON.parse(fs.readFileSync(registryPath(), 'utf8'));
  const figure = registry.figures[0];
  for (const dir of [content(), path.join(content(), 'pages')]) {
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.md') && n !== 'index.md').sort()) {
      if (fs.readFileSync(path.join(dir, name), 'utf8').includes(`(fig:${figure.id})`))
        return { figure, href: name.replace(/\.md$/, '.html') };
    }
  }
  throw new Error(`no page uses ${figure.id}`);
}

// Replaces the registry the way an editor saves: a temporary file renamed over it.
function saveRegistry(text) {
  fs.writeFileSync(registryPath() + '.tmp', text);
  fs.renameSync(registryPath() + '.tmp', registryPath());
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sourced-serve-e2e-'));
  fs.cpSync(path.join(repoRoot, 'content'), content(), { recursive: true });
  base = await startServe();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.removeAllListeners('exit');
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('an edited figure appears on the open page without a manual reload', async () => {
  const { figure, href } = figureAndPage();
  const page = await browser.newPage();
  await page.goto(base + href, { waitUntil: 'load' });
  const values = page.locator(`[id^="card-figref-${figure.id}-"] .card__value`);
  assert.equal(await values.first().textContent(), figure.display, `${href}: the card shows the registry's display`);
  await page.evaluate(() => { window.__notReloaded = true; });

  const edited = `${figure.display} (edited while served)`;
  const original = fs.readFileSync(registryPath(), 'utf8');
  const registry = JSON.parse(original);
  registry.figures[0].display = edited;
  saveRegistry(JSON.stringify(registry, null, 2));

  await page.waitForFunction((text) => [...document.querySelectorAll('.card__value')].some((e) => e.textContent === text),
                             edited, { timeout: 60000 });
  assert.equal(await page.evaluate(() => window.__notReloaded), undefined, 'the page was reloaded by the server');
  assert.match(output, /rebuilt \d+ pages? after a registry edit in \d+ ms/, 'the registry-edit fast path took it');
  saveRegistry(original);
  await page.waitForFunction((text) => ![...document.querySelectorAll('.card__value')].some((e) => e.textContent === text),
                             edited, { timeout: 60000 });
  await page.close();
});

test('a broken registry shows the error overlay, and fixing it removes the overlay', async () => {
  const { href } = figureAndPage();
  const page = await browser.newPage();
  await page.goto(base + href, { waitUntil: 'load' });
  const cards = await page.locator('.card__value').count();
  assert.ok(cards > 0, `${href}: no figure card`);
  const original = fs.readFileSync(registryPath(), 'utf8');
  saveRegistry(original.replace('{', '{ "figures": [,'));

  const overlay = page.locator('#sourced-overlay');
  await overlay.waitFor({ state: 'visible', timeout: 60000 });
  const text = await overlay.textContent();
  assert.match(text, /the last build failed/);
  assert.match(text, /registry\.json:\d+:\d+: error\[/, `the overlay shows the diagnostic: ${text}`);
  assert.equal(await page.locator('.card__value').count(), cards, 'the last good page is still shown under the overlay');

  saveRegistry(original);
  await overlay.waitFor({ state: 'detached', timeout: 60000 });
  await page.close();
});

test('a paragraph added to a page appears without a manual reload, on the page-edit fast path', async () => {
  const { href } = figureAndPage();
  const file = [content(), path.join(content(), 'pages')].map((d) => path.join(d, href.replace(/\.html$/, '.md')))
    .find((f) => fs.existsSync(f));
  const page = await browser.newPage();
  await page.goto(base + href, { waitUntil: 'load' });
  await page.evaluate(() => { window.__notReloaded = true; });
  const original = fs.readFileSync(file, 'utf8');
  const sentence = 'A sentence added while the page was open.';
  fs.writeFileSync(file + '.tmp', original + '\n' + sentence + '\n');
  fs.renameSync(file + '.tmp', file);
  await page.waitForFunction((text) => document.body.textContent.includes(text), sentence, { timeout: 60000 });
  assert.equal(await page.evaluate(() => window.__notReloaded), undefined, 'the page was reloaded by the server');
  assert.match(output, /rebuilt 1 page after a page edit in \d+ ms/, 'the page-edit fast path took it');
  fs.writeFileSync(file, original);
  await page.close();
});
