// Validity: every generated HTML file passes the Nu Html Checker (vnu-jar from
// npm, run with the machine's Java) with zero errors. One JVM for all files.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { buildSite, htmlPages, repoRoot, runVnu } from './support.mjs';

test('every generated HTML file passes the Nu Html Checker', () => {
  const site = buildSite();
  const pages = htmlPages(site);
  // The pages checked include the ones content/ must produce: the front page, the
  // ledger, search, the 404, one page per content/pages/*.md, and each registry
  // figure's card page and embed body.
  const content = process.env.SOURCED_CONTENT || path.join(repoRoot, 'content');
  const registry = JSON.parse(fs.readFileSync(path.join(content, 'registry.json'), 'utf8'));
  const expected = ['index.html', 'figures/index.html', 'search.html', '404.html',
    ...fs.readdirSync(path.join(content, 'pages')).filter((n) => n.endsWith('.md')).map((n) => n.replace(/\.md$/, '.html')),
    ...registry.figures.flatMap((f) => [`cards/${f.id}.html`, `cards/${f.id}.embed.html`])];
  assert.deepEqual(expected.filter((p) => !pages.includes(p)), [], 'pages the built site lacks');
  const errors = runVnu(pages.map((p) => path.join(site, p)), site);
  assert.deepEqual(errors, []);
});
