// The single-file report (`sourced report`) in a real browser, offline: one
// file, no request but itself, every in-file link has a target, a figure's
// card opens on keyboard focus; the HTML validates; the PDF (when Chromium
// can print) flags as many figures as the HTML, and its first page is
// rendered to PNG for a look. Screenshots land in tests/e2e/output/report/.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { assertScreenshots, chromiumPath, freshOutputDir, launch, repoRoot, runVnu, skipOrFail } from './support.mjs';

const sourced = process.env.SOURCED || path.join(repoRoot, 'build', 'sourced');
const content = process.env.SOURCED_CONTENT || path.join(repoRoot, 'content');
const hasTool = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

// A flag as a reader sees it: a status symbol, then a non-verified status word.
// Counted the same way in the browser's print-media text and in pdftotext's.
const flagPattern = /[◆◇▷?⚠✗]\s*(self-reported|reported|projected|unverified|disputed|false)\b/g;
const countFlags = (text) => (text.match(flagPattern) || []).length;
const summaryPattern = /(\d+) of (\d+) figures verified/;

let tmp, reportFile, pdfFile, browser, shots;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sourced-report-'));
  reportFile = path.join(tmp, 'report.html');
  pdfFile = path.join(tmp, 'report.pdf');
  const args = ['report', '--content', content, '-o', reportFile];
  if (fs.existsSync(chromiumPath)) args.push('--pdf', pdfFile);
  execFileSync(sourced, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, SOURCED_CHROMIUM: chromiumPath } });
  browser = await launch();
  shots = freshOutputDir('report');  // tests/e2e/output/report/
});
after(async () => {
  await browser?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the report is one file, with nothing that loads another', () => {
  assert.deepEqual(fs.readdirSync(tmp).filter((f) => f !== 'report.pdf'), ['report.html']);
  const html = fs.readFileSync(reportFile, 'utf8');
  assert.doesNotMatch(html, /<script\b/i, 'the report has a <script>');
  assert.doesNotMatch(html, /<link\b[^>]*rel="?stylesheet/i, 'the report links a stylesheet');
  assert.doesNotMatch(html, /\ssrc="(?!data:)/i, 'the report loads something by src=');
  assert.ok(html.includes('class="chart'), 'the report has no chart');
});

test('offline from file://: no request but the file, every in-file link has a target, a card opens on focus', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const self = pathToFileURL(reportFile).href;
  const others = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === self) return route.continue();
    others.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(self, { waitUntil: 'load', timeout: 20000 });
  // Anything loaded late (a font used by the text, a lazy image) has been asked
  // for once the fonts are loaded, every image is complete and the network has
  // been idle for 500 ms.
  await page.evaluate(() => document.fonts.ready);
  await page.waitForFunction(() => [...document.images].every((img) => img.complete), null, { timeout: 20000 });
  await page.waitForLoadState('networkidle', { timeout: 20000 });
  assert.deepEqual(others, [], 'requests other than the report itself');
  assert.deepEqual(errors, []);

  const missing = await page.evaluate(() => [...document.querySelectorAll('a[href^="#"]')]
    .map((a) => decodeURIComponent(a.getAttribute('href').slice(1)))
    .filter((id) => id !== '' && !document.getElementById(id)));
  assert.deepEqual([...new Set(missing)], [], 'in-file links without a target');
  const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
  assert.equal(new Set(ids).size, ids.length, 'duplicate ids');

  // Tab from the top until the first figure link in prose has focus; its card must show.
  const fig = page.locator('.prose .fig').first();
  assert.ok(await fig.count() > 0, 'no figure in the report prose');
  await page.locator('body').focus();
  let reached = false;
  for (let i = 0; i < 200 && !reached; ++i) {
    await page.keyboard.press('Tab');
    reached = await fig.locator('.fig__link').evaluate((a) => a === document.activeElement);
  }
  assert.ok(reached, 'Tab never reaches the first figure link');
  const card = await fig.evaluate((el) => {
    const c = el.querySelector(':scope > .fig__card');
    return { shown: getComputedStyle(c).display !== 'none' && c.getBoundingClientRect().height > 0, text: c.textContent };
  });
  assert.ok(card.shown, 'keyboard focus does not show the figure card');
  assert.match(card.text, /Verified|Reported|Self-reported|Projected|Unverified|Disputed|False/);
  await fig.evaluate((el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
  await page.screenshot({ path: path.join(shots, 'report-card-focus.png') });
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await page.screenshot({ path: path.join(shots, 'report-cover.png') });
  assertScreenshots(shots, /^report-(card-focus|cover)\.png$/, ['report-card-focus.png', 'report-cover.png']);
  assert.deepEqual(others, [], 'requests other than the report itself (after interaction)');
  await context.close();
});

test('the report passes the Nu Html Checker', () => {
  assert.deepEqual(runVnu([reportFile], tmp), []);
});

test('axe-core: no serious or critical violations in the report\'s cover', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pathToFileURL(reportFile).href, { waitUntil: 'load' });
  // The whole file takes axe about a minute on a loaded 2-core machine; the
  // pages in it are the site's pages (axe-checked one by one in
  // browser.test.mjs), so this checks what only the report has: the cover, with
  // its summary and table of contents.
  assert.equal(await page.locator('.report-cover').count(), 1, 'the report has no .report-cover for axe to check');
  const result = await new AxeBuilder({ page }).include('.report-cover').analyze();
  const failures = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.slice(0, 5).map((n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}`));
  await context.close();
  assert.deepEqual(failures, []);
});

test('the PDF flags as many figures as the printed HTML, and its first page is rendered', async (t) => {
  if (!fs.existsSync(chromiumPath)) return skipOrFail(t, `no Chromium at ${chromiumPath} to print the PDF`);
  if (!hasTool('pdftotext') || !hasTool('pdftoppm')) return skipOrFail(t, 'poppler-utils (pdftotext, pdftoppm) is not installed');
  assert.ok(fs.statSync(pdfFile).size > 1000, 'the PDF is empty');
  // The HTML as printed: the text a reader sees under print media (cards hidden).
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pathToFileURL(reportFile).href, { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  const printed = await page.evaluate(() => document.body.innerText);
  await context.close();

  const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const inHtml = countFlags(printed), inPdf = countFlags(pdfText);
  assert.ok(inHtml > 0, 'the printed HTML shows no flag');
  assert.equal(inPdf, inHtml, `the PDF shows ${inPdf} flags, the printed HTML ${inHtml}`);
  t.diagnostic(`status flags: ${inHtml} in the printed HTML, ${inPdf} in the PDF`);

  // The first page carries the "N of M figures verified" summary, the same as the HTML's.
  const firstPage = execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', '1', '-l', '1', pdfFile, '-'], { encoding: 'utf8' });
  const htmlSummary = printed.match(summaryPattern);
  assert.ok(htmlSummary, 'the HTML has no "N of M figures verified" summary');
  assert.equal(firstPage.replace(/\s+/g, ' ').match(summaryPattern)?.[0], htmlSummary[0], 'the PDF\'s first page lacks the summary');

  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfFile, path.join(shots, 'report-pdf-page')]);
  assertScreenshots(shots, /^report-pdf-page/, ['report-pdf-page.png']);
  assert.ok(fs.statSync(path.join(shots, 'report-pdf-page.png')).size > 1000, 'the first page did not render');
});
