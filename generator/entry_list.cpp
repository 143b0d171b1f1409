#include "entry_list.h"

namespace sourced {

namespace {
// Entries per task: enough to keep the scheduling cost small, few enough
// that both threads finish together on a small registry.
constexpr size_t kChunk = 64;
}  // namespace

EntryList::EntryList(size_t count, Render render) : render_(std::move(render)), entries_(count) {}

size_t EntryList::chunks() const { return (entries_.size() + kChunk - 1) / kChunk; }

void EntryList::render_chunk(size_t chunk, const TemplateEngine& engine) {
    for (size_t i = chunk * kChunk; i < std::min(entries_.size(), (chunk + 1) * kChunk); ++i) entries_[i] = render_(i, engine);
}

std::string EntryList::joined(bool keep) { return joined_within("", "", keep); }

std::string EntryList::joined_within(const std::string& before, const std::string& after, bool keep) {
    size_t size = before.size() + after.size();
    for (const std::string& entry : entries_) size += entry.size();
    std::string all;
    all.reserve(size);
    all += before;
    for (std::string& entry : entries_) {
        all += entry;
        if (!keep) std::string().swap(entry);
    }
    all += after;
    return all;
}

}  // namespace sourced
