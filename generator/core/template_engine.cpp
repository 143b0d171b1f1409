#include "template_engine.h"

#include <kainjow/mustache.hpp>

#include "html_escape.h"

namespace sourced {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

const char* const TemplateEngine::kTemplateNames[] = {"layout", "article", "figures", "ledger-entry", "sources", "source-entry", "legend", "home", "report", "search", "not_found", "card", "card-svg", "chart-card", nullptr};

namespace {

// JSON -> Mustache data, built in place. Empty strings and empty lists are
// false, so `{{#summary}}...{{/summary}}` leaves out what is missing.
//
// kainjow's data::set and push_back copy their argument, and a copy of an
// object or list is deep: converting bottom-up copied every value once per
// level above it. Here each object or list is inserted empty and then filled
// where it lives (the map and vector hold it; get() and list_value() return
// it const only because kainjow offers no mutable accessor), so every value
// is copied exactly once, from the JSON.
data scalar(const nlohmann::json& j) {
    switch (j.type()) {
        case nlohmann::json::value_t::string: {
            const auto& s = j.get_ref<const std::string&>();
            return s.empty() ? data(false) : data(s);
        }
        case nlohmann::json::value_t::boolean:
            return data(j.get<bool>());
        case nlohmann::json::value_t::null:
            return data(false);
        case nlohmann::json::value_t::array:  // only empty arrays get here
            return data(false);
        default:
            return data(j.dump());
    }
}

bool is_container(const nlohmann::json& j) { return j.is_object() || (j.is_array() && !j.empty()); }

data empty_like(const nlohmann::json& j) { return data(j.is_object() ? data::type::object : data::type::list); }

// Scalars too: a placeholder without heap parts is inserted and the value
// moved into it, so each string is allocated and copied once, not twice.
void fill(data& target, const nlohmann::json& j) {
    if (j.is_object()) {
        for (const auto& item : j.items()) {
            const nlohmann::json& value = item.value();
            target.set(item.key(), data(false));
            data& slot = const_cast<data&>(*target.get(item.key()));
            if (!is_container(value)) {
                slot = scalar(value);
                continue;
            }
            slot = empty_like(value);
            fill(slot, value);
        }
        return;
    }
    for (const auto& value : j) {  // a non-empty array
        target.push_back(data(false));
        data& slot = const_cast<data&>(target.list_value().back());
        if (!is_container(value)) {
            slot = scalar(value);
            continue;
        }
        slot = empty_like(value);
        fill(slot, value);
    }
}

data to_mustache(const nlohmann::json& j) {
    if (!is_container(j)) return scalar(j);
    data root = empty_like(j);
    fill(root, j);
    return root;
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
        if (!files.is_inside(path, dir)) {  // what it links to would be published
            out.error(path, 0, 0, "LOAD007", "template is a link to a file outside the templates directory");
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

TemplateEngine::Around TemplateEngine::render_split(const std::string& name, nlohmann::json view,
                                                   const std::string& key) const {
    // Inputs cannot hold NUL bytes (input_limits.h), so neither can the rest of the output.
    static const std::string marker("\0sourced:html\0", 14);
    view[key] = marker;
    std::string around = render(name, view);
    size_t at = around.find(marker);
    if (at == std::string::npos) return {std::move(around), "", false};  // a template without {{{key}}}
    return {around.substr(0, at), around.substr(at + marker.size()), true};
}

std::string TemplateEngine::render_around(const std::string& name, nlohmann::json view, const std::string& key,
                                          const std::string& html) const {
    Around around = render_split(name, std::move(view), key);
    if (!around.found) return around.before;
    std::string result;
    result.reserve(around.before.size() + html.size() + around.after.size());
    result.append(around.before).append(html).append(around.after);
    return result;
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
