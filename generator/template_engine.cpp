#include "template_engine.h"

#include <kainjow/mustache.hpp>

#include "html_escape.h"

namespace sourced {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

const char* const TemplateEngine::kTemplateNames[] = {"layout", "article", "figures", "sources", "legend", "home", "report", "search", "not_found", "card", "card-svg", "chart-card", nullptr};

namespace {

// JSON -> Mustache data. Empty strings and empty lists are false, so
// `{{#summary}}...{{/summary}}` leaves out what is missing.
data to_mustache(const nlohmann::json& j) {
    switch (j.type()) {
        case nlohmann::json::value_t::object: {
            data d{data::type::object};
            for (const auto& item : j.items()) d.set(item.key(), to_mustache(item.value()));
            return d;
        }
        case nlohmann::json::value_t::array: {
            if (j.empty()) return data(false);
            data list{data::type::list};
            for (const auto& item : j) list.push_back(to_mustache(item));
            return list;
        }
        case nlohmann::json::value_t::string: {
            const auto& s = j.get_ref<const std::string&>();
            return s.empty() ? data(false) : data(s);
        }
        case nlohmann::json::value_t::boolean:
            return data(j.get<bool>());
        case nlohmann::json::value_t::null:
            return data(false);
        default:
            return data(j.dump());
    }
}

// A rendering context that remembers every name it could not resolve.
class RecordingContext : public kainjow::mustache::context<std::string> {
public:
    explicit RecordingContext(const data* view) : context(view) {}
    const data* get(const std::string& name) const override {
        const data* found = context::get(name);
        if (!found) missing.insert(name);
        return found;
    }
    mutable std::set<std::string> missing;
};

}  // namespace

namespace detail {
struct ParsedTemplates {
    std::map<std::string, std::unique_ptr<mustache>> by_name;
};
}  // namespace detail

TemplateEngine::TemplateEngine() : parsed_(std::make_unique<detail::ParsedTemplates>()) {}
TemplateEngine::~TemplateEngine() = default;
TemplateEngine::TemplateEngine(const TemplateEngine& other)
    : templates_(other.templates_), parsed_(std::make_unique<detail::ParsedTemplates>()) {}

bool TemplateEngine::load(const FileSystem& files, const std::string& dir, Diagnostics& out) {
    bool ok = true;
    for (const char* const* name = kTemplateNames; *name; ++name) {
        std::string path = join_path(dir, std::string(*name) + ".mustache");
        auto text = files.read(path);
        if (!text) {
            out.error(path, 0, 0, "TPL001", "template not found");
            ok = false;
            continue;
        }
        mustache check{*text};
        if (!check.is_valid()) {
            out.error(path, 0, 0, "TPL002", "template syntax error: " + check.error_message());
            ok = false;
            continue;
        }
        templates_[*name] = *text;
    }
    return ok;
}

std::string TemplateEngine::render(const std::string& name, const nlohmann::json& view) const {
    auto it = templates_.find(name);
    if (it == templates_.end()) return {};
    std::unique_ptr<mustache>& tmpl = parsed_->by_name[name];
    if (!tmpl) {
        tmpl = std::make_unique<mustache>(it->second);
        tmpl->set_custom_escape([](const std::string& s) { return escape_html(s); });
    }
    std::string html;
    tmpl->render(to_mustache(view), [&html](const std::string& part) { html += part; });
    return html;
}

std::set<std::string> TemplateEngine::unresolved_names(const std::string& name, const nlohmann::json& view) const {
    auto it = templates_.find(name);
    if (it == templates_.end()) return {};
    mustache tmpl{it->second};
    data root = to_mustache(view);
    RecordingContext context(&root);
    tmpl.render(context);
    return context.missing;
}

}  // namespace sourced
