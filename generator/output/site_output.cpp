#include "site_output.h"

namespace sourced {

void SiteOutput::put(const std::string& path, std::string bytes) {
    if (stopping()) return;
    if (staged_) {
        staged_->put(path, bytes);
        std::lock_guard<std::mutex> lock(mutex_);
        sizes_[path] = bytes.size();
        return;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    sizes_[path] = bytes.size();
    if (keep_) memory_[path] = std::move(bytes);
}

void SiteOutput::put_linked(const std::string& path, std::string bytes, const std::string& same_bytes_at) {
    if (!staged_ || stopping()) return put(path, std::move(bytes));
    staged_->put_linked(path, bytes, same_bytes_at);
    std::lock_guard<std::mutex> lock(mutex_);
    sizes_[path] = bytes.size();
}

std::set<std::string> SiteOutput::paths() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::set<std::string> paths;
    for (const auto& entry : sizes_) paths.insert(paths.end(), entry.first);
    return paths;
}

std::map<std::string, size_t> SiteOutput::sizes() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return sizes_;
}

}  // namespace sourced
