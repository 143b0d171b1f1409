#include "figure_card.h"

#include <chrono>

#include "parallel.h"

#include "display_text.h"
#include "figure_citation.h"
#include "figure_image.h"
#include "html_escape.h"

namespace sourced {

using nlohmann::json;

namespace {

constexpr int kCacheAgeSeconds = 86400;

std::string capitalised(std::string word) {
    if (!word.empty() && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 'a' + 'A');
    return word;
}

json evidence_view(const Figure& f, const Registry& registry) {
    json list = json::array();
    for (const Evidence& ev : f.evidence) {
        const Source* s = registry.source(ev.source_id);
        list.push_back({{"quote", ev.quote},
                        {"locator", ev.locator},
                        {"title", s ? s->title : ev.source_id},
                        {"byline", s ? source_byline(*s) : ""},
                        {"url", s ? safe_url(s->url) : ""}});
    }
    return list;
}

}  // namespace

json card_view(const CardFacts& card, const Registry& registry, const SiteConfig& config, bool embed) {
    const Figure& f = *card.figure;
    CardUrls urls{config.base_url};
    // From inside cards/, the ledger is one level up. Absolute when the site has a base URL.
    std::string ledger = urls.absolute() ? urls.ledger(f.id) : "../figures/index.html#fig-" + f.id;
    return {{"id", f.id},
            {"embed", embed},
            {"page", !embed},
            {"language", config.language},
            {"site_title", config.title},
            {"display", f.display},
            {"claim", f.claim},
            {"status", status_name(f.status)},
            {"status_label", capitalised(status_name(f.status))},
            {"symbol", status_symbol(f.status)},
            {"flagged", is_flagged(f.status)},
            {"status_summary", status_summary(f.status)},
            {"note", f.note},
            {"as_of", human_date(f.as_of)},
            {"revision", card.revision},
            {"changed", human_date(card.changed)},
            {"changed_iso", card.changed},
            {"evidence", evidence_view(f, registry)},
            {"ledger_href", ledger},
            {"canonical", ledger},
            {"card_href", f.id + ".html"},
            {"oembed_href", urls.absolute() ? urls.oembed(f.id) : f.id + ".oembed.json"},
            {"width", std::to_string(card.width)},
            {"height", std::to_string(card.height)},
            {"absolute", urls.absolute()},
            {"image_png", urls.absolute() ? urls.png(f.id) : f.id + ".png"},
            {"image_svg", f.id + ".svg"},
            {"image_width", std::to_string(kCardImageWidth)},
            {"image_height", std::to_string(kCardImageHeight)},
            {"card_url", urls.absolute() ? urls.card(f.id) : ""},
            {"citation_text", citation_text(card, registry, config)},
            {"cite_txt", f.id + ".cite.txt"},
            {"cite_bib", f.id + ".bib"},
            {"cite_csl", f.id + ".csl.json"},
            {"iframe_snippet", iframe_snippet(card, config.title, urls)},
            {"html_snippet", html_snippet(card, registry, config.title, urls)}};
}

json card_oembed(const CardFacts& card, const Registry& registry, const SiteConfig& config) {
    const Figure& f = *card.figure;
    CardUrls urls{config.base_url};
    json out = {{"version", "1.0"},
                {"type", "rich"},
                {"title", f.display + " — " + f.claim},
                {"html", iframe_snippet(card, config.title, urls)},
                {"width", card.width},
                {"height", card.height},
                {"provider_name", config.title},
                {"provider_url", urls.site()},
                {"cache_age", kCacheAgeSeconds},
                // Extensions (oEmbed allows extra keys): what an embedder needs to notice change.
                {"url", urls.card(f.id)},
                {"figure_id", f.id},
                {"status", status_name(f.status)},
                {"revision", card.revision},
                {"changed", card.changed},
                {"as_of", f.as_of}};
    if (const Source* s = primary_source(f, registry); s && !s->url.empty()) out["source_url"] = safe_url(s->url);
    return out;
}

CardImageCounts add_card_pages(SiteOutput& output, const std::vector<TemplateEngine>& thread_templates,
                               const Registry& registry, const SiteConfig& config, int jobs, ImageCache* images,
                               Diagnostics& out) {
    // One task per figure; each puts its own files as soon as they are made
    // and keeps its diagnostics, merged in registry order so the output does
    // not depend on the number of threads.
    std::vector<Diagnostics> problems(registry.figures.size());
    std::vector<double> image_ms(registry.figures.size(), 0);
    parallel_for(registry.figures.size(), jobs, [&](size_t i, int worker) {
        if (output.stopping()) return;  // the build is stopping (Ctrl-C): its files go nowhere
        const Figure& f = registry.figures[i];
        const TemplateEngine& templates = thread_templates[static_cast<size_t>(worker)];
        CardFacts card = card_facts(f, registry, config.title);
        std::string svg = templates.render("card-svg", card_image_view(card, registry, config.title));
        std::string error;
        if (images) {
            auto started = std::chrono::steady_clock::now();
            if (auto image = images->png_for(svg, error))
                output.put_linked(CardUrls::png_path(f.id), std::move(image->png), image->cache_file);
            else problems[i].error(f.where.path, f.where.line, f.where.column, "CRD001", "social image of figure '" + f.id + "': " + error);
            image_ms[i] = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        }
        output.put(CardUrls::svg_path(f.id), std::move(svg));
        output.put(CardUrls::text_path(f.id), citation_text(card, registry, config));
        output.put(CardUrls::bibtex_path(f.id), citation_bibtex(card, registry, config));
        output.put(CardUrls::csl_path(f.id), citation_csl(card, registry, config).dump(2) + "\n");
        nlohmann::json view = card_view(card, registry, config, false);  // the page, then the embed: one view
        if (!images) view.erase("image_png");  // no PNG was written: link none
        output.put(CardUrls::card_path(f.id), templates.render("card", view));
        view["embed"] = true;
        view["page"] = false;
        output.put(CardUrls::embed_path(f.id), templates.render("card", view));
        output.put(CardUrls::oembed_path(f.id), card_oembed(card, registry, config).dump(2) + "\n");
    });
    CardImageCounts counts;
    for (size_t i = 0; i < problems.size(); ++i) {
        out.append(problems[i]);
        counts.milliseconds += image_ms[i];
    }
    if (images) {
        counts.rendered = images->rendered();
        counts.reused = images->reused();
        counts.discarded = images->discarded();
    }
    return counts;
}

void add_card_fields(json& entry, const Figure& f, const Registry& registry, const SiteConfig& config) {
    CardUrls urls{config.base_url};
    CardFacts card = card_facts(f, registry, config.title);
    entry["card_href"] = "../" + CardUrls::card_path(f.id);
    entry["revision"] = card.revision;
    entry["changed"] = human_date(card.changed);
    entry["iframe_snippet"] = iframe_snippet(card, config.title, urls);
    entry["html_snippet"] = html_snippet(card, registry, config.title, urls);
    entry["absolute_urls"] = urls.absolute();
    entry["image_png"] = "../" + CardUrls::png_path(f.id);
    entry["image_svg"] = "../" + CardUrls::svg_path(f.id);
    entry["cite_txt"] = "../" + CardUrls::text_path(f.id);
    entry["cite_bib"] = "../" + CardUrls::bibtex_path(f.id);
    entry["cite_csl"] = "../" + CardUrls::csl_path(f.id);
}

}  // namespace sourced
