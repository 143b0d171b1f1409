// Browser and sanitizer test of the figure cards.
//
// Serves a freshly built site on one local origin and a blog-like page on
// another, embeds three cards as <iframe>s and three as the no-iframe
// snippet, and checks in Chromium that the cards render, fit their iframes,
// and make no request outside the two local origins. Also runs each no-iframe
// snippet through sanitize-html configured like a strict blog platform and
// checks value, status and source link survive. Writes a screenshot.
//
// usage: node cards-test.mjs SOURCED_BINARY CONTENT_DIR OUT_DIR
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { chromium } from "playwright-core";
import sanitizeHtml from "sanitize-html";

const [binary, contentDir, outDir] = process.argv.slice(2);
if (!binary || !contentDir || !outDir) {
  console.error("usage: node cards-test.mjs SOURCED_BINARY CONTENT_DIR OUT_DIR");
  process.exit(2);
}
let failures = 0;
function check(ok, what) {
  if (ok) return;
  failures++;
  console.error("FAIL: " + what);
}

function serve(root) {
  const types = { ".html": "text/html; charset=utf-8", ".json": "application/json", ".css": "text/css",
                  ".js": "text/javascript", ".svg": "image/svg+xml", ".png": "image/png" };
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/^\/+/, "");
    const file = path.join(root(), rel || "index.html");
    if (!file.startsWith(root()) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

fs.mkdirSync(outDir, { recursive: true });
const siteDir = path.resolve(outDir, "site");
const blogDir = path.resolve(outDir, "blog");
fs.mkdirSync(blogDir, { recursive: true });
const siteServer = await serve(() => siteDir);
const blogServer = await serve(() => blogDir);
const siteOrigin = `http://127.0.0.1:${siteServer.address().port}`;
const blogOrigin = `http://127.0.0.1:${blogServer.address().port}`;

const built = spawnSync(binary, ["build", "--content", contentDir, "--out", siteDir, "--base-url", siteOrigin + "/"],
                        { encoding: "utf8" });
check(built.status === 0, "sourced build: " + built.stderr);

// Three figures with different statuses, the first three of the registry that differ.
const registry = JSON.parse(fs.readFileSync(path.join(contentDir, "registry.json"), "utf8"));
const picked = [];
for (const f of registry.figures)
  if (picked.length < 3 && !picked.some((p) => p.status === f.status)) picked.push(f);

// A strict allow-list, as a blog platform configures its sanitizer: no style, no class, no iframe.
const blogPolicy = {
  allowedTags: ["p", "blockquote", "strong", "em", "a", "br", "ul", "li", "q", "cite"],
  allowedAttributes: { a: ["href"], blockquote: ["cite"] },
  allowedSchemes: ["http", "https"],
};
let iframes = "", snippets = "";
for (const f of picked) {
  const oembed = JSON.parse(fs.readFileSync(path.join(siteDir, "cards", f.id + ".oembed.json"), "utf8"));
  check(oembed.version === "1.0" && oembed.type === "rich", f.id + ": oEmbed 1.0 rich");
  check(oembed.html.includes(`src="${siteOrigin}/cards/${f.id}.embed.html"`), f.id + ": oEmbed html embeds the card");
  iframes += oembed.html + "\n";
  const run = spawnSync(binary, ["card", f.id, "--format", "html", "--content", contentDir, "--base-url", siteOrigin + "/"],
                        { encoding: "utf8" });
  check(run.status === 0, f.id + ": sourced card --format html");
  const snippet = run.stdout;
  for (const bad of ["class=", "<style", "<script"]) check(!snippet.includes(bad), `${f.id}: snippet has no ${bad}`);
  check(!/\son[a-z]+\s*=/i.test(snippet), f.id + ": snippet has no on* attribute");
  // sanitize-html's own defaults (what many sites run unconfigured) keep the text and links too.
  const defaults = sanitizeHtml(snippet);
  check(defaults.includes(`<a href="${siteOrigin}/figures/index.html#fig-${f.id}">`) && defaults.includes(f.status + "</strong>"),
        `${f.id}: survives sanitize-html defaults`);
  const clean = sanitizeHtml(snippet, blogPolicy);
  check(clean.includes(">" + f.display.replace(/&/g, "&amp;").replace(/</g, "&lt;") + "<"), `${f.id}: value survives sanitizing`);
  check(clean.includes(f.status + "</strong>"), `${f.id}: status survives sanitizing`);
  check(clean.includes(`<a href="${siteOrigin}/figures/index.html#fig-${f.id}">`), `${f.id}: ledger link survives sanitizing`);
  const source = registry.sources.find((s) => s.id === f.sources[0].id);
  check(!!source, `${f.id}: its first source (${f.sources[0].id}) is in the registry`);
  if (source?.URL) check(clean.includes(`href="${source.URL.replace(/&/g, "&amp;")}"`), `${f.id}: source link survives`);
  else if (source) check(clean.includes(source.title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")),
                         `${f.id}: source title survives (a source without a URL)`);
  snippets += snippet + "\n";
}
fs.writeFileSync(path.join(blogDir, "index.html"), `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A blog post citing figures</title>
<style>body{font:17px/1.5 Georgia,serif;max-width:640px;margin:2em auto;padding:0 1em}</style></head>
<body><h1>What the numbers say</h1><p>Three figures embedded with an iframe:</p>
${iframes}<p>And the same three as plain HTML:</p>
${snippets}<p>End of post.</p></body></html>
`);

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run"],
});
const context = await browser.newContext({ viewport: { width: 700, height: 900 } });
const page = await context.newPage();
const requests = [];
page.on("request", (r) => requests.push(r.url()));
await page.goto(blogOrigin + "/index.html", { waitUntil: "load" });
for (const frame of page.frames().slice(1)) await frame.waitForLoadState("load");

const frames = page.frames().filter((fr) => fr !== page.mainFrame());
check(frames.length === 3, `three card iframes load (got ${frames.length})`);
for (const f of picked) {
  const frame = frames.find((fr) => fr.url().endsWith(`/cards/${f.id}.embed.html`));
  check(!!frame, f.id + ": its iframe loaded");
  if (!frame) continue;
  const value = await frame.textContent(".card__value");
  check(value === f.display, `${f.id}: the iframe shows the value (${value})`);
  const element = await frame.frameElement();
  const height = Number(await element.getAttribute("height"));
  const content = await frame.evaluate(() => document.documentElement.scrollHeight);
  check(content <= height, `${f.id}: the card fits its iframe (${content} <= ${height})`);
}
const blockquotes = await page.$$eval("blockquote", (bs) => bs.map((b) => b.innerText));
check(blockquotes.length === 3, "three no-iframe snippets render");
for (const [i, f] of picked.entries())
  check((blockquotes[i] || "").includes(f.display) && (blockquotes[i] || "").includes(f.status), `${f.id}: snippet text`);
const outside = requests.filter((u) => !u.startsWith(siteOrigin + "/") && !u.startsWith(blogOrigin + "/"));
check(outside.length === 0, "no request outside the site and the blog: " + outside.join(", "));
check(requests.filter((u) => u.startsWith(siteOrigin + "/")).length === 3, "the site serves exactly the three embed pages");

// Every figure's card fits the height its iframe snippet states, light and dark.
for (const scheme of ["light", "dark"]) {
  const sizing = await browser.newContext({ colorScheme: scheme });
  const probe = await sizing.newPage();
  let tight = Infinity, loose = 0;
  for (const f of registry.figures) {
    const oembed = JSON.parse(fs.readFileSync(path.join(siteDir, "cards", f.id + ".oembed.json"), "utf8"));
    await probe.setViewportSize({ width: oembed.width, height: oembed.height });
    await probe.goto(`${siteOrigin}/cards/${f.id}.embed.html`, { waitUntil: "load" });
    // The card stretches to the viewport (min-height: 100vh), so measure its content:
    // the bottom of its last child plus its bottom padding and border; and the page's overflow.
    const content = await probe.evaluate(() => {
      const card = document.querySelector(".card");
      const style = getComputedStyle(card);
      const bottom = card.lastElementChild.getBoundingClientRect().bottom + parseFloat(style.paddingBottom) +
                     parseFloat(style.borderBottomWidth);
      return Math.max(Math.ceil(bottom), document.documentElement.scrollHeight > innerHeight ? document.documentElement.scrollHeight : 0);
    });
    check(content <= oembed.height, `${f.id} (${scheme}): card fits ${oembed.width}x${oembed.height} (content ${content})`);
    tight = Math.min(tight, oembed.height - content);
    loose = Math.max(loose, oembed.height - content);
  }
  console.log(`${registry.figures.length} cards fit their iframes (${scheme}); spare height ${tight}-${loose} px`);
  await sizing.close();
}

// The ledger's copy buttons: added by assets/copy-snippet.js, and absent (text still there) without JS.
for (const js of [true, false]) {
  const ledgerContext = await browser.newContext({ javaScriptEnabled: js });
  if (js) await ledgerContext.grantPermissions(["clipboard-read", "clipboard-write"], { origin: siteOrigin });
  const ledger = await ledgerContext.newPage();
  await ledger.goto(siteOrigin + "/figures/index.html", { waitUntil: "load" });
  const pres = await ledger.$$eval("pre[data-snippet]", (ps) => ps.length);
  const buttons = await ledger.$$eval("button.snippet__copy", (bs) => bs.length);
  check(pres === 2 * registry.figures.length, `ledger shows two snippets per figure (${pres})`);
  check(buttons === (js ? pres : 0), `copy buttons: ${buttons} with JavaScript ${js ? "on" : "off"}`);
  if (js) {
    const id = picked[0].id;
    await ledger.evaluate((id) => { document.querySelector(`#fig-${id} details`).open = true; }, id);
    await ledger.click(`#fig-${id} button.snippet__copy`);
    await ledger.waitForFunction((id) => document.querySelector(`#fig-${id} button.snippet__copy`).textContent !== "Copy", id);
    const copied = await ledger.evaluate(() => navigator.clipboard.readText());
    const shown = await ledger.textContent(`#fig-${id} pre[data-snippet]`);
    check(copied === shown && copied.startsWith("<iframe "), "the copy button copies the iframe snippet");
  }
  await ledgerContext.close();
}

const shot = path.join(outDir, "cards-blog.png");
await page.screenshot({ path: shot, fullPage: true });
await browser.close();
siteServer.close();
blogServer.close();
console.log(`cards browser test: ${picked.length} figures, ${requests.length} requests, screenshot ${shot}`);
if (failures) {
  console.error(`${failures} check(s) failed`);
  process.exit(1);
}
