#include "build_cache.h"

#include <cstdio>
#include <filesystem>
#include <functional>

#include <nlohmann/json.hpp>

#include "atomic_file.h"
#include "file_system.h"

namespace sourced {

namespace fs = std::filesystem;

namespace {

constexpr int kCacheFormat = 1;

std::optional<std::string> read_whole(const fs::path& path) { return DiskFileSystem().read(path.string()); }

}  // namespace

std::string content_hash(std::string_view bytes) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%016llx-%zx",
                  static_cast<unsigned long long>(std::hash<std::string_view>{}(bytes)), bytes.size());
    return buf;
}

std::string cache_version_stamp() { return std::string("sourced ") + SOURCED_VERSION + " cache " + std::to_string(kCacheFormat); }

BuildCache BuildCache::for_output_dir(const std::string& out_dir) {
    fs::path out = fs::path(out_dir).lexically_normal();
    if (out.filename().empty()) out = out.parent_path();
    BuildCache cache;
    cache.site_dir_ = out.string();
    cache.manifest_ = (out.parent_path() / ".sourced-cache" / (out.filename().string() + ".json")).string();
    return cache;
}

BuildCache BuildCache::in_memory() { return BuildCache(); }

bool BuildCache::load(std::string& note) {
    units.clear();
    if (manifest_.empty()) return false;
    auto text = read_whole(manifest_);
    if (!text) {
        note = "no incremental cache at " + manifest_ + " yet: a full build";
        return false;
    }
    auto discard = [&](const std::string& why) {
        units.clear();
        note = "discarded the incremental cache " + manifest_ + " (" + why + "): a full build";
        return false;
    };
    nlohmann::json doc = nlohmann::json::parse(*text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return discard("not valid JSON");
    if (doc.value("version", std::string()) != cache_version_stamp())
        return discard("made by " + (doc.contains("version") && doc["version"].is_string() ? doc["version"].get<std::string>()
                                                                                            : std::string("an unknown version")) +
                       ", this is " + cache_version_stamp());
    const auto& list = doc.find("units");
    if (list == doc.end() || !list->is_object()) return discard("no units");
    for (const auto& [name, unit] : list->items()) {
        if (!unit.is_object() || !unit.contains("key") || !unit["key"].is_string() || !unit.contains("files") ||
            !unit["files"].is_object())
            return discard("unit '" + name + "' is malformed");
        CachedUnit cached{unit["key"].get<std::string>(), {}};
        for (const auto& [path, hash] : unit["files"].items()) {
            if (!hash.is_string() || !is_confined_path(path)) return discard("unit '" + name + "' is malformed");
            cached.files[path] = hash.get<std::string>();
        }
        units.emplace(name, std::move(cached));
    }
    return true;
}

bool BuildCache::save(std::string& error) const {
    if (manifest_.empty()) return true;
    nlohmann::json list = nlohmann::json::object();
    for (const auto& [name, unit] : units) list[name] = {{"key", unit.key}, {"files", unit.files}};
    nlohmann::json doc = {{"version", cache_version_stamp()}, {"units", list}};
    std::error_code ec;
    fs::create_directories(fs::path(manifest_).parent_path(), ec);
    AtomicFile manifest(manifest_);
    manifest.write(doc.dump());
    manifest.write("\n");
    if (manifest.commit()) return true;
    error = manifest.failure() == AtomicFile::Failure::write ? manifest.error()
                                                             : "cannot write " + manifest_ + ": " + manifest.reason();
    return false;
}

std::optional<std::string> BuildCache::previous_bytes(const std::string& path, const std::string& hash) const {
    std::optional<std::string> bytes;
    if (manifest_.empty()) {
        auto found = memory_.find(path);
        if (found != memory_.end()) bytes = found->second;
    } else if (is_confined_path(path)) {
        bytes = read_whole(fs::path(site_dir_) / path);
    }
    if (bytes && content_hash(*bytes) != hash) return std::nullopt;  // changed or damaged since: not trusted
    return bytes;
}

void BuildCache::replace(std::map<std::string, CachedUnit> new_units, const OutputTree& tree) {
    units = std::move(new_units);
    if (manifest_.empty()) memory_ = tree;
}

}  // namespace sourced
