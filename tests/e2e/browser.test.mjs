// The site in a real browser: loading, figure cards, links, accessibility,
// screenshots. Every failure names the page and the element.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe as group, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { assertScreenshots, buildSite, describe, fileBase, freshOutputDir, htmlPages, launch, mapLimit, openPage, repoRoot,
         serve } from './support.mjs';

let site, server, browser;
const phone = { width: 360, height: 740 };
const desktop = { width: 1280, height: 800 };
// Pages open at once where a test loops over many (a 2-core machine: one renderer per core).
const PAGES_AT_ONCE = 2;

before(async () => {
  site = buildSite();
  server = await serve(site);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// Every page but the card pages, and of those a sample: the cards of one
// figure per status and the first chart card, page and embed body each. Card
// pages are all made from two templates (card, chart-card) and differ only in
// the figure's data, so the sample has every template, every page kind (page,
// embed body) and every status; the other card pages add nothing
// those do not check. Used where a page costs seconds (axe) and for the file://
// pass (every page is loaded over http, below).
function samplePages() {
  const cards = htmlPages(site).filter((p) => p.startsWith('cards/'));
  const sample = new Set();
  const statuses = new Set();
  for (const rel of cards.filter((p) => !p.startsWith('cards/chart-') && !p.endsWith('.embed.html'))) {
    const status = /class="card card--([a-z-]+)/.exec(fs.readFileSync(path.join(site, rel), 'utf8'))?.[1] ?? rel;
    if (statuses.has(status)) continue;
    statuses.add(status);
    sample.add(rel).add(rel.replace(/\.html$/, '.embed.html'));
  }
  const chart = cards.find((p) => p.startsWith('cards/chart-') && !p.endsWith('.embed.html'));
  if (chart) sample.add(chart).add(chart.replace(/\.html$/, '.embed.html'));
  return htmlPages(site).filter((p) => !p.startsWith('cards/') || sample.has(p));
}

// Every page over http, each opened once for all the tests that look at every
// page (no load problem, the crawl, the head tags and JSON-LD): what the page
// logged while loading, and what those tests read from its DOM. Two pages load
// at a time (PAGES_AT_ONCE), each in its own tab.
let everyPage = null;
function visitEveryPage() {
  everyPage ??= (async () => {
    const context = await browser.newContext();
    const visits = await mapLimit(htmlPages(site), PAGES_AT_ONCE, async (rel) => {
      const { page, problems } = await openPage(context, server.base + rel);
      const dom = await page.evaluate((heads) => ({
        ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
        links: [...document.querySelectorAll('a[href], link[href], script[src], img[src]')].map((e) => ({
          // SVG links (charts) have an SVGAnimatedString href: resolve the attribute instead.
          href: new URL(e.getAttribute('href') || e.getAttribute('src'), document.baseURI).href, text: (e.textContent || e.getAttribute('rel') || '').trim().slice(0, 40) })),
        heads: heads.map((sel) => [sel, document.querySelectorAll(sel).length]),
        ld: [...document.querySelectorAll('script[type="application/ld+json"]')].map((e) => e.textContent),
        h1: document.querySelector('h1')?.textContent ?? null,
        cites: document.querySelectorAll('.prose .fig, .prose .cite').length,
      }), headTags);
      await page.close();
      return { rel, problems: [...problems], ...dom };
    });
    await context.close();
    return visits;
  })();
  return everyPage;
}
const headTags = ['meta[property="og:title"]', 'meta[property="og:type"]', 'meta[name="twitter:card"]', 'link[rel="icon"]'];

// Pages with figures in their prose (articles, not the ledger).
function articlePages() {
  return htmlPages(site).filter((p) => fs.readFileSync(path.join(site, p), 'utf8').includes('class="prose"') &&
                                       fs.readFileSync(path.join(site, p), 'utf8').includes('class="fig '));
}

// The pages whose Markdown cites a figure, (fig:ID): what articlePages() must find.
function pagesCitingFigures() {
  const content = process.env.SOURCED_CONTENT || path.join(repoRoot, 'content');
  const md = (dir) => fs.readdirSync(dir).filter((n) => n.endsWith('.md') && fs.readFileSync(path.join(dir, n), 'utf8').includes('(fig:'));
  return [...md(content), ...md(path.join(content, 'pages'))].map((n) => n.replace(/\.md$/, '.html')).sort();
}

group('every page loads cleanly', () => {
  const loadFailures = (visits) => visits.flatMap(({ rel, problems }) =>
    problems.filter((p) => !(rel === '404.html' && p.startsWith('HTTP 404'))).map((p) => `${rel}: ${p}`));

  test('over http (every page): no console error, no failed request', async () => {
    const visits = await visitEveryPage();
    assert.equal(visits.length, htmlPages(site).length);
    assert.deepEqual(loadFailures(visits), []);
  });

  // file:// differs from http in what the browser allows (no fetch of a file,
  // relative paths from the page's directory), not from page to page of one
  // template: every page kind and template is in samplePages().
  test('over file (every page but a sample of the card pages): no console error, no failed request', async () => {
    const context = await browser.newContext();
    const visits = await mapLimit(samplePages(), PAGES_AT_ONCE, async (rel) => {
      const { page, problems } = await openPage(context, fileBase(site) + rel);
      await page.close();
      return { rel, problems: [...problems] };
    });
    await context.close();
    assert.deepEqual(loadFailures(visits), []);
  });
});

async function cardState(page, fig) {
  return fig.evaluate((el) => {
    const card = el.querySelector(':scope > .fig__card');
    const style = getComputedStyle(card);
    return { visible: style.display !== 'none' && card.getBoundingClientRect().height > 0,
             text: card.textContent };
  });
}

group('figure cards', () => {
  for (const scheme of ['http', 'file']) {
    test(`over ${scheme}: hover and Tab show the card with source and status; moving away and Escape hide it`, async () => {
      const context = await browser.newContext({ viewport: desktop });
      const rel = articlePages()[0];
      const url = (scheme === 'http' ? server.base : fileBase(site)) + rel;
      const { page } = await openPage(context, url);
      const fig = page.locator('.prose .fig').first();
      const where = `${rel} ${await describe(fig)}`;
      assert.equal((await cardState(page, fig)).visible, false, `${where}: card shown before any interaction`);

      await fig.locator('.fig__link').hover();
      let state = await cardState(page, fig);
      assert.ok(state.visible, `${where}: hovering does not show the card`);
      assert.match(state.text, /Verified|Reported|Self-reported|Projected|Unverified|Disputed|False/, `${where}: card has no status`);
      assert.ok(await fig.locator('.fig__card .card__source').count() > 0, `${where}: card has no source`);
      await page.mouse.move(1, 1);
      assert.equal((await cardState(page, fig)).visible, false, `${where}: card stays open after the mouse leaves`);

      // Keyboard: Tab from the top of the page until the first figure link has focus.
      await page.locator('body').focus();
      let reached = false;
      for (let i = 0; i < 80 && !reached; ++i) {
        await page.keyboard.press('Tab');
        reached = await fig.locator('.fig__link').evaluate((a) => a === document.activeElement);
      }
      assert.ok(reached, `${where}: Tab never reaches the figure link`);
      assert.ok((await cardState(page, fig)).visible, `${where}: keyboard focus does not show the card`);
      await page.keyboard.press('Escape');
      assert.equal((await cardState(page, fig)).visible, false, `${where}: Escape does not hide the card`);
      await context.close();
    });
  }

  for (const [name, viewport] of [['phone', phone], ['desktop', desktop]]) {
    test(`on a ${name} (${viewport.width}px) every card stays in the viewport and off its figure`, async () => {
      const context = await browser.newContext({ viewport });
      const failures = [];
      const pages = articlePages();
      assert.deepEqual(pages, pagesCitingFigures(), 'the pages with figures in their prose');
      let checked = 0, inHtml = 0;
      for (const rel of pages) {
        inHtml += (fs.readFileSync(path.join(site, rel), 'utf8').match(/class="fig[ "]/g) || []).length;
        const { page } = await openPage(context, server.base + rel);
        const figs = page.locator('.fig');
        const count = await figs.count();
        checked += count;
        for (let i = 0; i < count; ++i) {
          const fig = figs.nth(i);
          await fig.locator('.fig__link').focus();
          const box = await fig.evaluate((el) => {
            const link = el.querySelector('.fig__link').getClientRects();
            const card = el.querySelector(':scope > .fig__card').getBoundingClientRect();
            const overlap = [...link].some((r) => r.left < card.right && card.left < r.right && r.top < card.bottom && card.top < r.bottom);
            return { overlap, left: card.left, right: card.right, width: document.documentElement.clientWidth,
                     shown: card.height > 0 };
          });
          const where = `${rel} ${await describe(fig)}`;
          if (!box.shown) failures.push(`${where}: card not shown on focus`);
          if (box.overlap) failures.push(`${where}: card covers the figure text`);
          if (box.left < 0 || box.right > box.width + 0.5)
            failures.push(`${where}: card leaves the viewport (${Math.round(box.left)}..${Math.round(box.right)} of ${box.width}px)`);
        }
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (scroll > 0) failures.push(`${rel}: page scrolls sideways by ${scroll}px`);
        await page.close();
      }
      await context.close();
      assert.deepEqual(failures, []);
      assert.equal(checked, inHtml, 'figures checked in the browser, of those in the pages\' HTML');
    });
  }
});

test('every internal link and #anchor resolves (crawl)', async () => {
  const ids = new Map();   // page URL without hash -> Set of ids
  const links = [];        // { from, href, text }
  for (const found of await visitEveryPage()) {
    ids.set(server.base + found.rel, new Set(found.ids));
    for (const l of found.links) links.push({ from: found.rel, ...l });
  }
  const failures = [];
  let anchors = 0;
  for (const { from, href, text } of links) {
    if (!href.startsWith(server.base)) continue;
    const url = new URL(href);
    const target = decodeURIComponent(url.pathname.slice(1)) || 'index.html';
    const file = path.join(site, target.endsWith('/') ? target + 'index.html' : target);
    if (!fs.existsSync(file)) { failures.push(`${from}: link "${text}" -> ${href}: no such file`); continue; }
    if (url.hash && url.hash !== '#') {
      const page = server.base + path.relative(site, file).split(path.sep).join('/');
      const targets = ids.get(page);
      ++anchors;
      if (!targets) failures.push(`${from}: link "${text}" -> ${href}: an #anchor into a file that is not an HTML page`);
      else if (!targets.has(decodeURIComponent(url.hash.slice(1))))
        failures.push(`${from}: link "${text}" -> ${href}: no element with that id`);
    }
  }
  assert.ok(links.length > 0, 'the crawl found no links at all');
  assert.ok(anchors > 0, 'the crawl checked no #anchor');
  assert.deepEqual(failures, []);
});

group('axe-core: no serious or critical violations', () => {
  for (const colorScheme of ['light', 'dark']) {
    test(`${colorScheme} colour scheme`, async () => {
      const context = await browser.newContext({ colorScheme });
      const failures = (await mapLimit(samplePages(), PAGES_AT_ONCE, async (rel) => {
        const failures = [];
        const { page } = await openPage(context, server.base + rel);
        // Structure does not change with the colour scheme; the dark pass runs the colour rules only.
        const axe = new AxeBuilder({ page });
        if (colorScheme === 'dark') axe.withRules(['color-contrast', 'link-in-text-block']);
        const result = await axe.analyze();
        for (const v of result.violations)
          if (v.impact === 'serious' || v.impact === 'critical')
            for (const node of v.nodes.slice(0, 5))
              failures.push(`${rel} [${colorScheme}] ${v.id} (${v.impact}) at ${node.target.join(' ')}: ${node.failureSummary?.split('\n')[1]?.trim() ?? v.help}`);
        await page.close();
        return failures;
      })).flat();
      await context.close();
      assert.deepEqual(failures, []);
    });
  }
});

test('screenshots for people to look at', async () => {
  const shots = freshOutputDir('browser');  // tests/e2e/output/browser/
  for (const [name, viewport] of [['desktop', desktop], ['phone', phone]]) {
    for (const colorScheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport, colorScheme });
      const shot = async (page, what) => page.screenshot({ path: path.join(shots, `${what}-${name}-${colorScheme}.png`) });
      let { page } = await openPage(context, server.base + 'index.html');
      await shot(page, 'front');
      await page.close();
      ({ page } = await openPage(context, server.base + articlePages()[0]));
      // Open the card by keyboard focus and scroll so both the figure and its card are in view
      // (on a phone the card opens below the paragraph, not beside the figure).
      const fig = page.locator('.prose .fig').nth(2);
      await fig.locator('.fig__link').focus();
      await fig.evaluate((el) => {
        const top = el.getBoundingClientRect().top, bottom = el.querySelector('.fig__card').getBoundingClientRect().bottom;
        const by = bottom - top < window.innerHeight - 40 ? bottom - window.innerHeight + 20 : top - 60;
        window.scrollTo({ top: window.scrollY + by, behavior: 'instant' });  // the theme scrolls smoothly
      });
      await shot(page, 'card');
      await page.close();
      ({ page } = await openPage(context, server.base + 'figures/index.html'));
      await shot(page, 'ledger');
      await page.close();
      await context.close();
    }
  }
  assertScreenshots(shots, /\.png$/, ['desktop', 'phone'].flatMap((name) => ['light', 'dark'].flatMap((scheme) =>
    ['front', 'card', 'ledger'].map((what) => `${what}-${name}-${scheme}.png`))));
});

group('what readers and search engines expect', () => {
  test('search works from file:// and leads to ledger entries and pages', async () => {
    const context = await browser.newContext();
    const { page, problems } = await openPage(context, fileBase(site) + 'search.html?q=ascend%20910c');
    const results = page.locator('#search-results a');
    assert.ok(await results.count() > 0, 'search.html: no results for "ascend 910c"');
    const hrefs = await results.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.some((h) => h.startsWith('figures/index.html#fig-')), `search.html: no figure result in ${hrefs}`);
    assert.ok(hrefs.some((h) => /^[a-z0-9-]+\.html$/.test(h)), `search.html: no page result in ${hrefs}`);
    await page.fill('#search-q', 'zzzz-no-such-thing');
    assert.equal(await results.count(), 0, 'search.html: results for nonsense');
    assert.match(await page.locator('#search-status').textContent(), /^0 results/);
    await page.fill('#search-q', 'ascend 910c');
    const first = results.filter({ hasText: /./ }).and(page.locator('[href^="figures/"]')).first();
    const target = (await first.getAttribute('href')).split('#')[1];
    await first.click();
    await page.waitForURL(/figures\/index\.html#fig-/);
    assert.equal(await page.locator(`#${target}`).count(), 1, `ledger has no entry ${target}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('every page has Open Graph, Twitter, favicon; articles have schema.org JSON-LD with citations', async () => {
    const failures = [];
    for (const { rel, heads, ld, h1, cites } of await visitEveryPage()) {
      // A card's .embed.html is the body of an iframe (noindex), not a page to share.
      if (rel.endsWith('.embed.html')) continue;
      for (const [sel, count] of heads) if (count !== 1) failures.push(`${rel}: no ${sel}`);
      const isArticle = fs.readFileSync(path.join(site, rel), 'utf8').includes('class="prose"');
      if (isArticle) {
        if (ld.length !== 1) failures.push(`${rel}: ${ld.length} JSON-LD scripts`);
        else {
          const data = JSON.parse(ld[0]);
          if (data['@type'] !== 'Article') failures.push(`${rel}: JSON-LD @type ${data['@type']}`);
          if (data.headline !== h1) failures.push(`${rel}: JSON-LD headline "${data.headline}" is not the h1 "${h1}"`);
          if (cites > 0 && !(data.citation?.length > 0)) failures.push(`${rel}: figures or citations but no JSON-LD citation`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  test('an unknown address gets the 404 page, whose links work', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(server.base + 'no-such-page.html');
    assert.equal(response.status(), 404);
    assert.match(await page.locator('h1').textContent(), /not found/i);
    await page.locator('main a[href$="figures/index.html"]').click();
    await page.waitForURL(/figures\/index\.html$/);
    await context.close();
  });
});
