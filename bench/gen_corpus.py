#!/usr/bin/env python3
"""Deterministic benchmark corpus for sourced, Hugo and the cmark-gfm floor.

    python3 bench/gen_corpus.py N OUT_DIR [--seed S]

writes, from a seeded RNG (same N and seed -> byte-identical files):

  OUT_DIR/sourced/content/pages/pNNNNN.md   N pages: YAML front matter, ~800 words of
                                             prose, headings, a list, a table, a footnote,
                                             10 fig: links
  OUT_DIR/sourced/content/registry.json      max(200, N) figures, 100 sources; every one used
  OUT_DIR/sourced/content/site.json
  OUT_DIR/hugo/                              the same pages for Hugo: fig: links become a
                                             {{< fig >}} shortcode that looks the figure up
                                             in data/figures.json; a minimal layout
  OUT_DIR/floor.md                           every page body concatenated (cmark-gfm floor)
"""
import argparse
import json
import os
import random

WORDS = """ability access account across action activity actual address advance affect agency
agreement allow amount analysis annual answer approach area argue article aspect assess assume
attempt audience author available average balance basis bearing benefit board budget build
capacity capital career carry case cause central century chain chance change chip claim class
clear close cluster common company compare compute condition conduct consider contract control
cost country course cover credit current customer cycle data deal debate decade decision demand
design detail develop device direction discuss display domestic draft drive early economy effect
effort energy engine enough entire estimate event evidence exact example expect export factor
figure final finding firm focus force foreign forward fund future general global growth half
hardware history however import improve include increase industry input issue large later launch
layer level limit local lower machine maintain major manage market measure memory method model
month nearly network number observe offer official order output package partner period plan point
policy power press price primary process produce program project public quarter range rate reach
reason recent record region report request require result return revenue review round scale
second sector series server share signal single source speed stage standard state step supply
system target team term test total trade train unit value version volume wafer week while yield""".split()

UNITS = [("%", "{v}%"), ("GPU-hours", "{v}M GPU-hours"), ("chips", "{v}k chips"),
         ("USD per million input tokens", "${v}/M tokens"), ("GB", "{v} GB"), ("MW", "{v} MW")]
STATUSES = ["verified", "reported", "self-reported", "projected", "unverified", "disputed", "false"]
KINDS = ["primary", "secondary", "vendor", "press-release", "social"]
TYPES = ["report", "article-newspaper", "webpage", "post-weblog", "article-journal"]
N_SOURCES = 100
LINKS_PER_PAGE = 10


def sentence(rng, lo=8, hi=18):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice([".", ".", ".", "?", ";"]).replace(";", ".")


def title(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def fig_id(k):
    return "fig-%05d" % k


def make_registry(rng, n_figures):
    sources, figures = [], []
    for s in range(N_SOURCES):
        src = {"id": "src-%03d" % s, "type": TYPES[s % len(TYPES)], "title": title(rng, 6),
               "author": [{"family": title(rng, 1), "given": title(rng, 1)}],
               "issued": {"date-parts": [[2020 + s % 6, 1 + s % 12, 1 + s % 28]]},
               "URL": "https://example.org/sources/%03d" % s,
               "container-title": title(rng, 2),
               "custom": {"kind": KINDS[s % len(KINDS)]}}
        sources.append(src)
    for k in range(n_figures):
        unit, fmt = UNITS[k % len(UNITS)]
        value = round(rng.uniform(1, 999), 1)
        status = STATUSES[k % len(STATUSES)]
        # A quote states its figure's number (check SRC004); a verified figure
        # rests on a primary source (SRC005): the nearest one at or below k mod 100.
        source = k % N_SOURCES
        if status == "verified":
            source -= source % len(KINDS)
        fig = {"id": fig_id(k), "value": value, "unit": unit, "display": fmt.format(v=value),
               "claim": sentence(rng, 8, 14), "status": status,
               "sources": [{"id": "src-%03d" % source,
                            "quote": sentence(rng, 6, 12) + " It came to %g." % value,
                            "locator": "§%d" % (1 + k % 9)}],
               "as_of": "%d-%02d" % (2021 + k % 5, 1 + k % 12)}
        if status == "verified":
            fig["verified"] = {"on": "2026-06-01", "method": "Read against the primary text."}
        else:
            fig["note"] = sentence(rng, 6, 10)
        figures.append(fig)
    return {"sources": sources, "figures": figures}


def make_page(rng, i, n_figures):
    """Returns (front_matter_lines, body) with fig links as ('fig', id, text) placeholders."""
    links = [fig_id((i * LINKS_PER_PAGE + j) % n_figures) for j in range(LINKS_PER_PAGE)]
    parts = []  # list of str or ('fig', id, text)

    def para(n_sentences, n_links):
        out = []
        for s in range(n_sentences):
            out.append(sentence(rng) + " ")
            if n_links and s % 2 == 1:
                fid = links.pop(0) if links else None
                if fid:
                    text = "" if rng.random() < 0.3 else "about " + rng.choice(WORDS)
                    out.append(("fig", fid, text))
                    out.append(" " + sentence(rng, 5, 9) + " ")
                    n_links -= 1
        out.append("\n\n")
        return out

    parts += para(5, 2)
    for h in range(4):
        parts.append("## %s\n\n" % title(rng, 4))
        parts += para(6, 2 if h < 3 else 1)
        if h == 0:
            for item in range(4):
                parts.append("- " + sentence(rng, 6, 12))
                if item == 1:
                    parts += [" ", ("fig", links.pop(0), "")]
                parts.append("\n")
            parts.append("\n")
        if h == 1:
            parts.append("| %s | %s | %s |\n|---|---:|---|\n" % (title(rng, 1), title(rng, 1), title(rng, 1)))
            for row in range(4):
                cell = [("fig", links.pop(0), "")] if row == 0 else ["%d.%d" % (rng.randint(1, 99), rng.randint(0, 9))]
                parts += ["| %s | " % title(rng, 2)] + cell + [" | %s |\n" % rng.choice(WORDS)]
            parts.append("\n")
        if h == 2:
            parts.append("### %s\n\n" % title(rng, 3))
            parts += para(4, 0)
            parts.append("The %s is disputed.[^n%d] " % (rng.choice(WORDS), i))
            parts += para(3, 0)
        if h == 3:
            parts += para(5, 0)
    while links:
        parts += [("fig", links.pop(0), "the " + rng.choice(WORDS)), " " + sentence(rng) + "\n\n"]
    parts.append("[^n%d]: %s\n" % (i, sentence(rng)))
    meta = {"title": "%05d %s" % (i, title(rng, 4)), "summary": sentence(rng, 8, 12),
            "date": "2026-%02d-%02d" % (1 + i % 12, 1 + i % 28)}
    return meta, parts


def render(parts, hugo):
    out = []
    for p in parts:
        if isinstance(p, str):
            out.append(p)
        elif hugo:
            out.append('{{< fig "%s" "%s" >}}' % (p[1], p[2]))
        else:
            out.append("[%s](fig:%s)" % (p[2], p[1]))
    return "".join(out)


def front_matter(meta):
    return "---\n" + "".join('%s: "%s"\n' % (k, v) if k != "date" else "%s: %s\n" % (k, v)
                             for k, v in meta.items()) + "---\n"


HUGO_CONFIG = """baseURL = "http://example.org/"
languageCode = "en"
title = "Benchmark explainer"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
relativeURLs = true
[markup.goldmark.renderer]
unsafe = false
"""

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title>
<link rel="stylesheet" href="{{ "assets/sourced.css" | relURL }}"></head>
<body><main id="main">{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Summary }}</p>
<nav class="toc">{{ .TableOfContents }}</nav><div class="prose">{{ .Content }}</div></article>{{ end }}
"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"""
HUGO_FIG = ('{{- $id := .Get 0 -}}{{- $f := index site.Data.figures $id -}}'
            '{{- $text := .Get 1 | default $f.display -}}'
            '<span class="fig fig--{{ $f.status }}" id="figref-{{ $id }}">'
            '<a class="fig__link" href="{{ "figures/" | relURL }}#fig-{{ $id }}">{{ $text }}'
            '{{ if ne $f.status "verified" }}<span class="flag flag--{{ $f.status }}">{{ $f.status }}</span>{{ end }}</a>'
            '<span class="fig__card"><span class="card__value">{{ $f.display }}</span>'
            '<span class="card__claim">{{ $f.claim }}</span>'
            '<span class="card__source"><q>{{ $f.quote }}</q> {{ $f.source }}</span></span></span>')


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pages", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=8)
    args = ap.parse_args()
    if args.pages < 20:
        ap.error("at least 20 pages, so that every one of the 200 figures is used")
    rng = random.Random(args.seed)
    n_figures = max(200, args.pages)
    registry = make_registry(rng, n_figures)
    src = os.path.join(args.out, "sourced", "content")
    hugo = os.path.join(args.out, "hugo")
    write(os.path.join(src, "registry.json"), json.dumps(registry, indent=1, ensure_ascii=False) + "\n")
    write(os.path.join(src, "site.json"), json.dumps(
        {"title": "Benchmark explainer", "description": "A generated corpus.", "language": "en",
         "authors": ["Bench"]}, indent=1) + "\n")
    write(os.path.join(src, "index.md"), "---\ntitle: Benchmark explainer\nweight: 0\n---\nA generated corpus.\n")
    sources = {s["id"]: s["title"] for s in registry["sources"]}
    figures = {f["id"]: {"display": f["display"], "status": f["status"], "claim": f["claim"],
                         "quote": f["sources"][0]["quote"], "source": sources[f["sources"][0]["id"]]}
               for f in registry["figures"]}
    write(os.path.join(hugo, "config.toml"), HUGO_CONFIG)
    write(os.path.join(hugo, "data", "figures.json"), json.dumps(figures, indent=1) + "\n")
    write(os.path.join(hugo, "layouts", "_default", "baseof.html"), HUGO_BASEOF)
    write(os.path.join(hugo, "layouts", "_default", "single.html"), HUGO_SINGLE)
    write(os.path.join(hugo, "layouts", "_default", "list.html"), HUGO_LIST)
    write(os.path.join(hugo, "layouts", "index.html"), HUGO_LIST)
    write(os.path.join(hugo, "layouts", "shortcodes", "fig.html"), HUGO_FIG)
    write(os.path.join(hugo, "content", "_index.md"), "---\ntitle: Benchmark explainer\n---\n")
    with open(os.path.join(args.out, "floor.md"), "w", encoding="utf-8", newline="\n") as floor:
        for i in range(args.pages):
            meta, parts = make_page(rng, i, n_figures)
            name = "p%05d.md" % i
            body = render(parts, hugo=False)
            write(os.path.join(src, "pages", name), front_matter(meta) + body)
            write(os.path.join(hugo, "content", "pages", name), front_matter(meta) + render(parts, hugo=True))
            floor.write(body + "\n")


if __name__ == "__main__":
    main()
