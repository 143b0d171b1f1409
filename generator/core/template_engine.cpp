#include "template_engine.h"

#include <cctype>
#include <cstdlib>
#include <vector>

#include <kainjow/mustache.hpp>

#include "html_escape.h"
#include "suggestion.h"
#include "template_keys.h"
#include "text_position.h"

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

namespace mustache_tree = kainjow::mustache;
using Component = mustache_tree::component<std::string>;
using TagType = mustache_tree::tag_type;

// Checks every tag of one parsed template against the keys of its view
// (template_keys.h), keeping the scopes that enclosing sections push the way
// kainjow's context stack does: a name resolves if some enclosing scope, or
// the view itself, can have it.
class TagChecker {
public:
    TagChecker(const std::string& name, const std::string& path, const std::string& text, Diagnostics& out)
        : name_(name), path_(path), lines_(text), keys_(template_keys(name)), out_(out) {}

    void walk(const Component& parent) {
        for (const Component& child : parent.children) {
            const auto& tag = child.tag;
            switch (tag.type) {
                case TagType::variable:
                case TagType::unescaped_variable:
                    if (!resolve(tag.name)) unknown(child, tag.name);
                    break;
                case TagType::section_begin:
                case TagType::section_begin_inverted: {
                    auto path = resolve(tag.name);
                    if (!path) unknown(child, tag.name);
                    // An inverted section renders only when its key is false or
                    // missing, so it provides no names.
                    std::optional<std::string> scope;
                    if (path && tag.type == TagType::section_begin) scope = section_scope(keys_, *path);
                    if (scope) scopes_.push_back(*scope);
                    walk(child);
                    if (scope) scopes_.pop_back();
                    break;
                }
                case TagType::partial:
                    // No view provides one, so every partial would render as
                    // nothing (or, were a view to have a string of that name,
                    // render that string as a template).
                    error(child, "TPL004", "partial '" + tag.name +
                                               "' not found: sourced templates cannot include partials");
                    break;
                default:
                    break;
            }
        }
    }

    bool ok() const { return ok_; }

private:
    // The key path `name` names from the innermost scope out ("." is the
    // current item), or nothing.
    std::optional<std::string> resolve(const std::string& name) const {
        if (name == ".") return scopes_.back();
        if (name.empty() || name.find_first_of("[]") != std::string::npos) return std::nullopt;
        for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope) {
            std::string path = *scope;
            for (std::size_t start = 0;;) {
                std::size_t dot = name.find('.', start);
                path = key_path(path, name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
                if (dot == std::string::npos) break;
                start = dot + 1;
            }
            if (has_key(keys_, path)) return path;
        }
        return std::nullopt;
    }

    void unknown(const Component& tag, const std::string& name) {
        // Candidates as the name is written: "site.title" for "site.titel".
        std::size_t dot = name.rfind('.');
        std::string prefix = dot == std::string::npos ? "" : name.substr(0, dot);
        std::vector<std::string> candidates;
        for (const std::string& scope : scopes_) {
            std::string object = prefix.empty() ? scope : key_path(scope, prefix);
            if (!prefix.empty() && !has_key(keys_, object)) continue;
            for (const std::string& key : names_in_scope(keys_, object))
                candidates.push_back(prefix.empty() ? key : prefix + "." + key);
        }
        error(tag, "TPL003",
              "unknown name '" + name + "': the " + name_ + " view has no such key here" + did_you_mean(name, candidates));
    }

    void error(const Component& tag, const std::string& code, const std::string& message) {
        TextPosition at = lines_.position(tag.position);
        out_.error(path_, at.line, at.column, code, message);
        ok_ = false;
    }

    const std::string& name_;
    const std::string& path_;
    LineIndex lines_;
    const std::set<std::string>& keys_;
    Diagnostics& out_;
    std::vector<std::string> scopes_{""};  // "" is the view; "nav[]" an element of the list nav
    bool ok_ = true;
};

// kainjow reports a syntax error as a message ending in " at OFFSET" (a byte
// offset): the message without it, and the offset.
std::pair<std::string, std::optional<std::size_t>> split_offset(const std::string& message) {
    std::size_t at = message.rfind(" at ");
    if (at == std::string::npos || at + 4 == message.size() ||
        message.find_first_not_of("0123456789", at + 4) != std::string::npos)
        return {message, std::nullopt};
    return {message.substr(0, at), static_cast<std::size_t>(std::strtoull(message.c_str() + at + 4, nullptr, 10))};
}

}  // namespace

// Parses `text` with kainjow's own parser (the one basic_mustache uses) to
// walk its tag tree: a syntax error (TPL002), an unknown name (TPL003) and a
// partial (TPL004) are reported at the template's line and column.
bool TemplateEngine::check_template(const std::string& name, const std::string& path, const std::string& text,
                                    Diagnostics& out) {
    mustache_tree::context<std::string> data_context;
    mustache_tree::context_internal<std::string> parse_context{data_context};
    Component root;
    std::string error;
    mustache_tree::parser<std::string> parse{text, parse_context, root, error};
    if (!error.empty()) {
        auto [message, offset] = split_offset(error);
        if (!message.empty()) message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
        TextPosition at = offset ? position_of_offset(text, *offset) : TextPosition{0, 0};
        out.error(path, at.line, at.column, "TPL002", "template syntax error: " + message);
        return false;
    }
    TagChecker checker(name, path, text, out);
    checker.walk(root);
    return checker.ok();
}

namespace detail {
struct ParsedTemplates {
    std::map<std::string, std::unique_ptr<mustache>> by_name;
};
}  // namespace detail

TemplateEngine::TemplateEngine() : parsed_(std::make_unique<detail::ParsedTemplates>()) {}
TemplateEngine::~TemplateEngine() = default;
TemplateEngine::TemplateEngine(const TemplateEngine& other)
    : templates_(other.templates_), parsed_(std::make_unique<detail::ParsedTemplates>()) {}

bool TemplateEngine::load(const FileSystem& files, const std::string& dir, Diagnostics& out,
                          std::map<std::string, std::string>* texts) {
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
        if (!check_template(*name, path, *text, out)) {
            if (texts) (*texts)[path] = *text;  // for the source line under the diagnostic
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
