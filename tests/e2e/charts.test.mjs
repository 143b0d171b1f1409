// Charts in a real browser, on tests/fixtures/charts (one chart of each
// type, with flagged figures): a screenshot of each type in light and dark,
// hover and keyboard focus on a mark open its figure's card, and the chart
// cards (cards/chart-<id>.html) load alone, link every mark to its ledger
// entry, and pass the Nu Html Checker with the page that draws all four types.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { assertScreenshots, freshOutputDir, launch, listFiles, openPage, repoRoot, runVnu, serve } from './support.mjs';

const sourced = process.env.SOURCED || path.join(repoRoot, 'build', 'sourced');
const fixture = path.join(repoRoot, 'tests', 'fixtures', 'charts', 'content');
const types = ['bar', 'column', 'line', 'dot'];

let tmp, site, server, browser, shots;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sourced-charts-'));
  site = path.join(tmp, 'site');
  execFileSync(sourced, ['build', '--no-card-images', '--content', fixture, '--out', site], { stdio: ['ignore', 'ignore', 'inherit'] });
  server = await serve(site);
  browser = await launch();
  shots = freshOutputDir('charts');  // tests/e2e/output/charts/
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// Whether the data-table card of row `row` (from 0) of `chart` is shown.
const cardShown = (chart, row) => chart.locator('.chart__data tbody tr').nth(row).locator('.fig__card').first()
  .evaluate((c) => getComputedStyle(c).display !== 'none' && c.getBoundingClientRect().height > 0);

// Whether the card's bottom edge is painted by the card itself (a scrolling
// ancestor would clip it); the card must be inside the viewport.
const cardPainted = (chart, row) => chart.locator('.chart__data tbody tr').nth(row).locator('.fig__card').first()
  .evaluate((c) => {
    const r = c.getBoundingClientRect();
    return c.contains(document.elementFromPoint(r.left + r.width / 2, r.bottom - 4));
  });

test('each chart type, light and dark: a screenshot, and hover and Tab on a mark show its card', async () => {
  const failures = [];
  for (const colorScheme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, colorScheme });
    const { page, problems } = await openPage(context, server.base + 'index.html');
    failures.push(...problems.map((p) => `index.html [${colorScheme}]: ${p}`));
    for (const type of types) {
      const chart = page.locator(`.chart--${type}`);
      const where = `${type} chart [${colorScheme}]`;
      if (await chart.count() !== 1) { failures.push(`${where}: expected one on the fixture page`); continue; }
      const marks = chart.locator('a.chart__mark');
      const last = (await marks.count()) - 1;
      // Hover the last mark (every chart has a flagged one there): its row's card opens.
      if (await cardShown(chart, last)) failures.push(`${where}: a card is open before any interaction`);
      await chart.evaluate((el) => window.scrollTo({ top: el.getBoundingClientRect().top + window.scrollY - 8, behavior: 'instant' }));
      // Hover the drawn bar or point (a line chart's mark box is mostly empty space).
      await marks.nth(last).locator('.chart__bar, .chart__point').last().hover({ timeout: 5000 });
      if (!(await cardShown(chart, last))) failures.push(`${where}: hovering the last mark does not show its card`);
      else if (!(await cardPainted(chart, last))) failures.push(`${where}: the hovered mark's card is clipped (its bottom is not painted)`);
      // The chart and the card its hover opened, which hangs below the table (the
      // chart was scrolled to the top before the hover, so both are in view).
      await page.screenshot({ path: path.join(shots, `chart-${type}-${colorScheme}.png`) });
      await page.mouse.move(1, 1);
      if (await cardShown(chart, last)) failures.push(`${where}: the card stays open after the mouse leaves`);
      // Keyboard: Tab from the chart's heading area until the first mark has focus.
      await page.evaluate((sel) => {
        const before = document.querySelector(sel).previousElementSibling;
        before.setAttribute('tabindex', '-1');
        before.focus();
      }, `.chart--${type}`);
      let reached = false;
      for (let i = 0; i < 30 && !reached; ++i) {
        await page.keyboard.press('Tab');
        reached = await marks.first().evaluate((a) => a === document.activeElement);
      }
      if (!reached) failures.push(`${where}: Tab never reaches the first mark`);
      else if (!(await cardShown(chart, 0))) failures.push(`${where}: keyboard focus on the first mark does not show its card`);
      else {
        const text = await chart.locator('.chart__data tbody tr').first().locator('.fig__card').first().textContent();
        if (!/Verified|Reported|Self-reported|Projected|Unverified|Disputed|False/.test(text)) failures.push(`${where}: the card has no status`);
        await page.keyboard.press('Tab');  // to the next mark: the first card closes
      }
    }
    await context.close();
  }
  assert.deepEqual(failures, []);
  assertScreenshots(shots, /^chart-(?!card-).*\.png$/, ['light', 'dark'].flatMap((s) => types.map((t) => `chart-${t}-${s}.png`)));
});

test('chart cards: each loads alone, links every mark to an existing ledger entry, fits its iframe, and is screenshot', async () => {
  const cards = listFiles(site).filter((f) => /^cards\/chart-.*\.html$/.test(f));
  assert.deepEqual(cards.filter((f) => !f.endsWith('.embed.html')).sort(),
                   types.map((t) => `cards/chart-fixture-${t}.html`).sort());
  const context = await browser.newContext({ viewport: { width: 700, height: 900 } });
  const failures = [], frames = [];
  const ledger = (await openPage(context, server.base + 'figures/index.html')).page;
  for (const rel of cards) {
    const { page, problems } = await openPage(context, server.base + rel);
    failures.push(...problems.map((p) => `${rel}: ${p}`));
    const hrefs = await page.locator('a.chart__mark').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    if (hrefs.length === 0) failures.push(`${rel}: no mark links`);
    for (const href of hrefs) {
      const url = new URL(href, server.base + rel);
      if (url.pathname !== '/figures/index.html') { failures.push(`${rel}: mark links to ${href}, not the ledger`); continue; }
      if (!(await ledger.locator(`[id="${url.hash.slice(1)}"]`).count())) failures.push(`${rel}: ledger has no ${url.hash}`);
    }
    if (!rel.endsWith('.embed.html')) {
      // The iframe snippet's size: the embed page must fit it without scrolling.
      const snippet = await page.locator('pre[data-snippet]').first().textContent();
      const [, width, height] = snippet.match(/width="(\d+)" height="(\d+)"/) ?? [];
      if (!height) failures.push(`${rel}: no iframe size in the snippet`);
      else frames.push({ rel: rel.replace(/\.html$/, '.embed.html'), width: Number(width), height: Number(height) });
    }
    await page.close();
  }
  await context.close();
  for (const frame of frames) {
    const sized = await browser.newContext({ viewport: { width: frame.width, height: frame.height } });
    const { page } = await openPage(sized, server.base + frame.rel);
    const overflow = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    if (overflow > 0) failures.push(`${frame.rel}: ${overflow}px taller than its iframe (${frame.width} x ${frame.height})`);
    await page.screenshot({ path: path.join(shots, `chart-card-${path.basename(frame.rel, '.embed.html')}.png`) });
    await sized.close();
  }
  assert.deepEqual(failures, []);
  assertScreenshots(shots, /^chart-card-.*\.png$/, types.map((t) => `chart-card-chart-fixture-${t}.png`));
});

test('the page with all four chart types and every chart card pass the Nu Html Checker', () => {
  const files = ['index.html', ...listFiles(site).filter((f) => /^cards\/chart-.*\.html$/.test(f))];
  assert.deepEqual(files, ['index.html', ...types.flatMap((t) => [`cards/chart-fixture-${t}.embed.html`, `cards/chart-fixture-${t}.html`]).sort()]);
  assert.deepEqual(runVnu(files.map((f) => path.join(site, f)), site), []);
});
