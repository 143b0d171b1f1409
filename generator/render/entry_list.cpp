#include "entry_list.h"

#include "parallel.h"

namespace sourced {

namespace {
// Entries per task: enough to keep the scheduling cost small, few enough
// that both threads finish together on a small registry.
constexpr size_t kChunk = 64;
}  // namespace

size_t EntryList::chunks() const { return (entries_.size() + kChunk - 1) / kChunk; }

void EntryList::render_chunk(size_t chunk, const TemplateEngine& engine) {
    for (size_t i = chunk * kChunk; i < std::min(entries_.size(), (chunk + 1) * kChunk); ++i) entries_[i] = entry(i, engine);
}

void EntryList::render_all(const std::vector<TemplateEngine>& templates) {
    parallel_for(chunks(), static_cast<int>(templates.size()),
                 [&](size_t chunk, int worker) { render_chunk(chunk, templates[static_cast<size_t>(worker)]); });
}

std::string EntryList::page_within(const TemplateEngine& engine, const TemplateEngine::Around& outer, bool keep) {
    TemplateEngine::Around inner = engine.render_split(list_template(), list_view(), "entries");
    if (!inner.found) return outer.before + inner.before + outer.after;  // a template that lists no entries
    size_t size = outer.before.size() + inner.before.size() + inner.after.size() + outer.after.size();
    for (const std::string& entry : entries_) size += entry.size();
    std::string page;
    page.reserve(size);
    page.append(outer.before).append(inner.before);
    for (std::string& entry : entries_) {
        page += entry;
        if (!keep) std::string().swap(entry);
    }
    return page.append(inner.after).append(outer.after);
}

}  // namespace sourced
