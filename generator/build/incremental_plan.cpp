#include "incremental_plan.h"

#include <nlohmann/json.hpp>

#include "site_views.h"

namespace sourced {

namespace {

// Hashes a sequence of fields; each is length-prefixed so no two sequences collide by concatenation.
class KeyBuilder {
public:
    KeyBuilder& add(std::string_view field) {
        text_ += std::to_string(field.size());
        text_ += ':';
        text_ += field;
        return *this;
    }
    std::string done() const { return content_hash(text_); }

private:
    std::string text_;
};

std::string source_print(const Source& s, const Registry& registry) {
    KeyBuilder key;
    key.add(s.id).add(s.csl.dump()).add(s.where.path);
    if (const Source* via = registry.source(s.via)) key.add(via->csl.dump());
    return key.done();
}

// Every field of the entry that rendering may read (not its line in the file).
// and of what the checks marked on it.
nlohmann::json figure_fields(const Figure& f, const FigureMarks& marks) {
    nlohmann::json evidence = nlohmann::json::array();
    for (size_t i = 0; i < f.evidence.size(); ++i) {
        const Evidence& ev = f.evidence[i];
        evidence.push_back({ev.source_id, ev.quote, ev.locator, marks.snapshot(i)});
    }
    nlohmann::json arithmetic = nlohmann::json::array();
    for (const auto& [token, is_figure] : marks.arithmetic) arithmetic.push_back({token, is_figure});
    return {f.id, f.value, f.unit, f.display, f.claim, status_name(f.status), evidence, f.as_of, f.note,
            f.verified ? nlohmann::json{f.verified->on, f.verified->method} : nlohmann::json(), f.quantity, f.derived,
            f.review_by, f.changed, marks.stale, arithmetic};
}

std::string status_counts(const Registry& registry) {
    std::map<std::string, int> counts;
    for (const Figure& f : registry.figures) counts[status_name(f.status)]++;
    return nlohmann::json(counts).dump();
}

std::string usage_text(const std::map<std::string, std::vector<Use>>& uses) {
    KeyBuilder key;
    for (const auto& [id, list] : uses) {
        key.add(id);
        for (const Use& use : list) key.add(use.page_slug).add(use.page_title).add(use.anchor);
    }
    return key.done();
}

}  // namespace

RegistryPrints registry_prints(const Registry& registry, const RegistryMarks& marks) {
    RegistryPrints prints;
    for (const Source& s : registry.sources) prints.sources[s.id] = source_print(s, registry);
    for (const Figure& f : registry.figures) {
        KeyBuilder key;
        const FigureMarks& checked = marks.of(f.id);
        key.add(figure_fields(f, checked).dump());
        for (const Evidence& ev : f.evidence) key.add(prints.sources[ev.source_id]);
        for (const auto& [token, is_figure] : checked.arithmetic)
            if (const Figure* other = is_figure ? registry.figure(token) : nullptr)
                key.add(figure_fields(*other, marks.of(other->id)).dump());
        prints.figures[f.id] = key.done();
    }
    return prints;
}

RenderPlan::RenderPlan(BuildCache& cache, const LoadedContent& content, const RegistryMarks& marks,
                       const std::map<std::string, std::string>& texts, const FileSystem& files,
                       const std::string& templates_dir, bool card_images)
    : cache_(cache), content_(content), texts_(texts) {
    const SiteConfig& config = content.config;
    common_ = KeyBuilder()
                  .add(cache_version_stamp())
                  .add(nlohmann::json{config.title, config.description, config.base_url, config.language, config.authors}.dump())
                  .add(card_images ? "card images" : "no card images")
                  .done();
    KeyBuilder nav;
    for (size_t i = 0; i < content.pages.size() && i < kMaxNavPages; ++i)
        nav.add(content.pages[i].slug).add(content.pages[i].meta.title);
    nav_ = nav.add(std::to_string(content.pages.size())).done();
    for (const std::string& path : files.list(templates_dir, ".mustache")) {
        std::string name = path.substr(path.find_last_of('/') + 1);
        name.resize(name.size() - std::string(".mustache").size());
        templates_[name] = content_hash(files.read(path).value_or(""));
    }
    const Registry& registry = content.registry;
    prints_ = registry_prints(registry, marks);
}

std::string RenderPlan::article_key(const Page& page, const ResolvedPage& resolved) const {
    auto text = texts_.find(page.path);
    KeyBuilder key;
    key.add("article").add(common_).add(nav_).add(template_hash("layout")).add(template_hash("article"));
    key.add(page.path).add(page.slug).add(content_hash(text == texts_.end() ? page.body : text->second));
    auto figure = [&](const FigureUse& use) {
        auto print = use.figure ? prints_.figures.find(use.figure->id) : prints_.figures.end();
        key.add(print == prints_.figures.end() ? "?" : print->second);
    };
    for (const FigureUse& use : resolved.figures) figure(use);
    for (const ChartUse& chart : resolved.charts)
        for (const FigureUse& use : chart.uses) figure(use);
    auto source = [&](const Source* s) {
        auto print = s ? prints_.sources.find(s->id) : prints_.sources.end();
        key.add(print == prints_.sources.end() ? "?" : print->second);
    };
    for (const CiteUse& use : resolved.citations) source(use.source);
    for (const PageSource& s : resolved.sources) source(s.source);
    for (const LocalLink& link : resolved.local_links) key.add(link.href);  // another page's slug: a .md link's href
    return key.done();
}

std::string RenderPlan::template_hash(const std::string& name) const {
    auto found = templates_.find(name);
    return found == templates_.end() ? "none" : found->second;
}

std::string RenderPlan::site_page_key(const std::string& path, const UsageIndex& usage) const {
    const Registry& registry = content_.registry;
    KeyBuilder key;
    key.add(path).add(common_).add(nav_).add(template_hash("layout"));
    auto all_figures = [&] {
        for (const auto& [id, print] : prints_.figures) key.add(id).add(print);
        for (const Figure& f : registry.figures) key.add(f.id);  // file order
    };
    auto all_sources = [&] {
        for (const auto& [id, print] : prints_.sources) key.add(id).add(print);
        for (const Source& s : registry.sources) key.add(s.id);
    };
    if (path == "index.html") {
        key.add(template_hash("home")).add(status_counts(registry));
        for (const Page& p : content_.pages) key.add(p.slug).add(p.meta.title).add(p.meta.summary);
    } else if (path == "figures/index.html") {
        key.add(template_hash("figures")).add(template_hash("ledger-entry"));
        all_figures();
        all_sources();
        key.add(usage_text(usage.figures));
    } else if (path == "sources/index.html") {
        key.add(template_hash("sources")).add(template_hash("source-entry"));
        all_figures();
        all_sources();
        key.add(usage_text(usage.sources));
    } else if (path == "legend.html") {
        key.add(template_hash("legend")).add(status_counts(registry));
    } else if (path == "search.html") {
        key.add(template_hash("search"));
    } else if (path == "404.html") {
        key.add(template_hash("not_found"));
    } else {
        return "";  // not cached: made every build
    }
    return key.done();
}

std::string RenderPlan::card_key(const Figure& figure) const {
    auto print = prints_.figures.find(figure.id);
    return KeyBuilder()
        .add("card")
        .add(common_)
        .add(template_hash("card"))
        .add(template_hash("card-svg"))
        .add(print == prints_.figures.end() ? "?" : print->second)
        .done();
}

void RenderPlan::note(const std::string& unit, const std::string& key, std::map<std::string, std::string> files,
                      bool rendered) {
    std::lock_guard<std::mutex> lock(mutex_);
    next_[unit] = CachedUnit{key, std::move(files)};
    (rendered ? rendered_ : reused_).insert(unit);
}

std::string RenderPlan::file(const std::string& path, const std::string& key, const std::function<std::string()>& render) {
    if (key.empty()) return render();
    auto previous = cache_.units.find(path);
    if (previous != cache_.units.end() && previous->second.key == key && previous->second.files.size() == 1 &&
        previous->second.files.count(path)) {
        const std::string& hash = previous->second.files.begin()->second;
        if (auto bytes = cache_.previous_bytes(path, hash)) {
            note(path, key, {{path, hash}}, false);
            return std::move(*bytes);
        }
    }
    std::string bytes = render();
    note(path, key, {{path, content_hash(bytes)}}, true);
    return bytes;
}

const Registry& RenderPlan::cards_to_render(OutputTree& tree) {
    const Registry& registry = content_.registry;
    cards_ = Registry();
    cards_.sources = registry.sources;
    for (const Figure& f : registry.figures) {
        std::string unit = "cards/" + f.id;
        std::string key = card_key(f);
        auto previous = cache_.units.find(unit);
        OutputTree reused;
        bool intact = previous != cache_.units.end() && previous->second.key == key && !previous->second.files.empty();
        if (intact)
            for (const auto& [path, hash] : previous->second.files) {
                auto bytes = cache_.previous_bytes(path, hash);
                if (!bytes) {
                    intact = false;
                    break;
                }
                reused[path] = std::move(*bytes);
            }
        if (intact) {
            note(unit, key, previous->second.files, false);
            tree.merge(reused);
        } else {
            card_keys_[f.id] = key;
            cards_.figures.push_back(f);
        }
    }
    cards_.index();
    return cards_;
}

void RenderPlan::record_cards(const OutputTree& tree) {
    // A card file is "cards/<id>.<suffix>"; ids may hold dots, so the longest
    // figure id that prefixes the name owns it.
    std::map<std::string, std::map<std::string, std::string>> files;
    for (auto it = tree.lower_bound("cards/"); it != tree.end() && it->first.rfind("cards/", 0) == 0; ++it) {
        std::string name = it->first.substr(6);
        std::string owner;
        for (size_t dot = name.find('.'); dot != std::string::npos; dot = name.find('.', dot + 1))
            if (content_.registry.figure(name.substr(0, dot))) owner = name.substr(0, dot);
        if (card_keys_.count(owner)) files[owner][it->first] = content_hash(it->second);
    }
    for (const auto& [id, key] : card_keys_) note("cards/" + id, key, files[id], true);
}

void RenderPlan::commit(const OutputTree& tree) {
    std::lock_guard<std::mutex> lock(mutex_);
    cache_.replace(std::move(next_), tree);
    cache_.rendered = std::move(rendered_);
    cache_.reused = std::move(reused_);
    next_.clear();
}

}  // namespace sourced
