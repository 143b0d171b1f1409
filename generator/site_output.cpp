#include "site_output.h"

namespace sourced {

void SiteOutput::put(const std::string& path, std::string bytes) {
    if (staged_) {
        staged_->put(path, bytes);
        std::lock_guard<std::mutex> lock(mutex_);
        paths_.insert(path);
        return;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    paths_.insert(path);
    memory_[path] = std::move(bytes);
}

void SiteOutput::put_linked(const std::string& path, std::string bytes, const std::string& same_bytes_at) {
    if (!staged_) return put(path, std::move(bytes));
    staged_->put_linked(path, bytes, same_bytes_at);
    std::lock_guard<std::mutex> lock(mutex_);
    paths_.insert(path);
}

std::set<std::string> SiteOutput::paths() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return paths_;
}

}  // namespace sourced
